import { expect, test } from "vitest";
import type { GridPage, GridRow } from "./entities-page-query.ts";
import { findRow, type GridData, REFETCH_PAGES_LIMIT, refetchGridOnFocus, removeRows, replaceRow } from "./grid-cache.ts";

const row = (id: string, version = 1, title = id): GridRow => ({
  id,
  blueprint_version: 1,
  version,
  data: { title },
  created_at: "2026-11-21T10:00:00Z",
  created_by: null,
  updated_at: "2026-11-21T10:00:00Z",
  updated_by: null,
});

const data = (): GridData => ({
  pages: [{ rows: [row("a"), row("b")], nextCursor: "c1" } satisfies GridPage, { rows: [row("c"), row("d")], nextCursor: null }],
  pageParams: [null, "c1"],
});

test("findRow looks through every page", () => {
  expect(findRow(data(), "d")?.id).toBe("d");
  expect(findRow(data(), "x")).toBeUndefined();
});

test.each([
  { name: "a newer copy replaces the row in place", incoming: row("c", 2, "new"), want: "new" },
  { name: "the same version (an edit's answer) replaces it too", incoming: row("c", 1, "same"), want: "same" },
])("replaceRow: $name", ({ incoming, want }) => {
  const start = data();
  start.pages[1] = { ...start.pages[1], rows: [row("c", 1, "old"), row("d")] } as GridPage;
  expect(findRow(replaceRow(start, incoming), "c")?.data.title).toBe(want);
});

test("replaceRow ignores an older copy and unknown rows", () => {
  const start = data();
  start.pages[0] = { ...(start.pages[0] as GridPage), rows: [row("a", 3, "fresh"), row("b")] };
  expect(replaceRow(start, row("a", 2, "stale"))).toBe(start);
  expect(replaceRow(start, row("zz", 9))).toBe(start);
});

test("removeRows takes the rows out of whichever page holds them", () => {
  const next = removeRows(data(), new Set(["b", "c"]));
  expect(next?.pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(["a", "d"]);
  expect(next?.pageParams).toEqual([null, "c1"]);
});

test("removeRows without a match returns the same data", () => {
  const start = data();
  expect(removeRows(start, new Set(["x"]))).toBe(start);
});

const withPages = (n: number) => ({ state: { data: { pages: Array.from({ length: n }, () => ({})) } } });

test("a grid with few pages loaded refetches when the tab regains focus", () => {
  expect(refetchGridOnFocus({ state: { data: undefined } })).toBe(true);
  expect(refetchGridOnFocus(withPages(1))).toBe(true);
  expect(refetchGridOnFocus(withPages(REFETCH_PAGES_LIMIT))).toBe(true);
});

test("a grid scrolled far is left to live updates instead of refetching every page", () => {
  expect(refetchGridOnFocus(withPages(REFETCH_PAGES_LIMIT + 1))).toBe(false);
  expect(refetchGridOnFocus(withPages(50))).toBe(false);
});
