import type { Filter, SortKey } from "@flexoffice/shared";
import type { GridQueryParams } from "../../api/grid-keys.ts";

/**
 * What a grid shows beyond its blueprint: the filter, the sort, the free-text search, which
 * columns in which order, and their widths. It is what a saved view stores (config of
 * public.saved_views) and what the toolbar edits.
 */
export type GridState = {
  filter: Filter | null;
  /** Empty: the database's default order (newest first). */
  sort: SortKey[];
  search: string;
  /** Visible columns in display order; null: every readable field, then created and updated. */
  columns: string[] | null;
  /** Widths in pixels by column; absent columns keep their default width. */
  widths: Record<string, number>;
};

export const DEFAULT_GRID_STATE: GridState = { filter: null, sort: [], search: "", columns: null, widths: {} };

/** What the grid asks query_entities for in a state (columns and widths are display only). */
export function gridQueryParams(state: Pick<GridState, "filter" | "sort" | "search">): GridQueryParams {
  return { filter: state.filter, sort: state.sort, search: state.search.trim() };
}
