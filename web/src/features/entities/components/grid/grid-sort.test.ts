import type { SortKey } from "@flexoffice/shared";
import { expect, test } from "vitest";
import { moveSortKey, nextSort, sortOf } from "./grid-sort.ts";

const asc = (field: string): SortKey => ({ field, direction: "asc" });
const desc = (field: string): SortKey => ({ field, direction: "desc" });

test.each([
  { name: "plain click on an unsorted column sorts ascending", sort: [], field: "a", multi: false, want: [asc("a")] },
  { name: "plain click again sorts descending", sort: [asc("a")], field: "a", multi: false, want: [desc("a")] },
  { name: "a third plain click returns to the default", sort: [desc("a")], field: "a", multi: false, want: [] },
  { name: "plain click replaces another column's sort", sort: [asc("b")], field: "a", multi: false, want: [asc("a")] },
  {
    name: "plain click on a key of a multi-sort keeps only that column",
    sort: [asc("a"), desc("b")],
    field: "b",
    multi: false,
    want: [asc("b")],
  },
  { name: "shift-click adds the next key", sort: [asc("a")], field: "b", multi: true, want: [asc("a"), asc("b")] },
  { name: "shift-click flips a key in place", sort: [asc("a"), asc("b")], field: "a", multi: true, want: [desc("a"), asc("b")] },
  { name: "shift-click drops a descending key", sort: [asc("a"), desc("b")], field: "b", multi: true, want: [asc("a")] },
  {
    name: "shift-click beyond five keys is ignored",
    sort: ["a", "b", "c", "d", "e"].map(asc),
    field: "f",
    multi: true,
    want: ["a", "b", "c", "d", "e"].map(asc),
  },
])("$name", ({ sort, field, multi, want }) => {
  expect(nextSort(sort, field, multi)).toEqual(want);
});

test.each([
  { name: "unsorted", sort: [asc("a")], field: "b", want: null },
  { name: "second key", sort: [asc("a"), desc("b")], field: "b", want: { direction: "desc", position: 2 } },
])("sortOf: $name", ({ sort, field, want }) => {
  expect(sortOf(sort, field)).toEqual(want);
});

test.each([
  { name: "up", index: 1, delta: -1 as const, want: [asc("b"), asc("a"), asc("c")] },
  { name: "down", index: 1, delta: 1 as const, want: [asc("a"), asc("c"), asc("b")] },
  { name: "past the top stays", index: 0, delta: -1 as const, want: [asc("a"), asc("b"), asc("c")] },
])("moveSortKey: $name", ({ index, delta, want }) => {
  expect(moveSortKey([asc("a"), asc("b"), asc("c")], index, delta)).toEqual(want);
});
