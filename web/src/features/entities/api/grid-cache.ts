import type { InfiniteData } from "@tanstack/react-query";
import type { GridPage, GridRow } from "./entities-page-query.ts";

export type GridData = InfiniteData<GridPage, string | null>;

/** The loaded row with this id, if any. */
export function findRow(data: GridData | undefined, id: string): GridRow | undefined {
  for (const page of data?.pages ?? []) {
    const row = page.rows.find((r) => r.id === id);
    if (row) return row;
  }
  return undefined;
}

/**
 * The grid's pages with one row replaced by a fresher copy (an edit's answer, a live change
 * refetched). An older copy never replaces a newer one: answers can arrive out of order.
 */
export function replaceRow(data: GridData | undefined, row: GridRow): GridData | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const index = page.rows.findIndex((r) => r.id === row.id);
    const current = page.rows[index];
    if (!current || current.version > row.version) return page;
    changed = true;
    const rows = [...page.rows];
    rows[index] = row;
    return { ...page, rows };
  });
  return changed ? { ...data, pages } : data;
}

/** The grid's pages without these rows (deleted, or moved out of the reader's view). */
export function removeRows(data: GridData | undefined, ids: ReadonlySet<string>): GridData | undefined {
  if (!data) return data;
  let removed = 0;
  const pages = data.pages.map((page) => {
    const rows = page.rows.filter((r) => !ids.has(r.id));
    removed += page.rows.length - rows.length;
    return rows.length === page.rows.length ? page : { ...page, rows };
  });
  return removed === 0 ? data : { ...data, pages };
}

/** Pages a grid refetches whole (on focus, or when rows appear live); beyond, live updates keep them current. */
export const REFETCH_PAGES_LIMIT = 3;

/**
 * Whether returning to the tab refetches a grid: a grid scrolled far holds many pages, and
 * refetching them all would be one request per page; live updates keep those current.
 */
export function refetchGridOnFocus(query: { state: { data?: { pages: unknown[] } | undefined } }): boolean {
  return (query.state.data?.pages.length ?? 0) <= REFETCH_PAGES_LIMIT;
}
