import { FILTER_LIMITS, type SortDirection, type SortKey } from "@flexoffice/shared";

/** The direction a column is sorted in now, and its place among the sort keys (1-based). */
export function sortOf(sort: readonly SortKey[], field: string): { direction: SortDirection; position: number } | null {
  const index = sort.findIndex((key) => key.field === field);
  const key = sort[index];
  return key ? { direction: key.direction, position: index + 1 } : null;
}

/**
 * What a click on a column header does to the sort, as spreadsheets do it: a plain click sorts
 * by that column alone (ascending, then descending, then back to the default order); with
 * Shift it adds the column as the next key, flips it, then drops it, keeping the others. At most
 * FILTER_LIMITS.maxSortKeys keys: a further Shift-click is ignored. An empty result means the
 * database's default (newest first).
 */
export function nextSort(sort: readonly SortKey[], field: string, multi: boolean): SortKey[] {
  const current = sortOf(sort, field);
  if (!multi) {
    if (!current || sort.length > 1)
      return [{ field, direction: current?.direction === "asc" && sort.length === 1 ? "desc" : "asc" }];
    return current.direction === "asc" ? [{ field, direction: "desc" }] : [];
  }
  if (!current) return sort.length >= FILTER_LIMITS.maxSortKeys ? [...sort] : [...sort, { field, direction: "asc" }];
  if (current.direction === "asc") return sort.map((key) => (key.field === field ? { field, direction: "desc" } : key));
  return sort.filter((key) => key.field !== field);
}

/** Moves a sort key up or down by one (the sort menu's reorder buttons). */
export function moveSortKey(sort: readonly SortKey[], index: number, delta: -1 | 1): SortKey[] {
  const target = index + delta;
  if (index < 0 || index >= sort.length || target < 0 || target >= sort.length) return [...sort];
  const next = [...sort];
  const [moved] = next.splice(index, 1);
  if (moved) next.splice(target, 0, moved);
  return next;
}
