import { expect, test } from "vitest";
import { DEFAULT_GRID_STATE, type GridState } from "./grid-state.ts";
import { fromViewConfig, sameGridState, toViewConfig } from "./view-config.ts";

const full: GridState = {
  filter: { field: "amount", op: "gt", value: 5 },
  sort: [{ field: "amount", direction: "desc" }],
  search: " boxes ",
  columns: ["title", "amount"],
  widths: { title: 240.4, amount: 12, notes: 5000 },
};

test("a default grid saves an empty config", () => {
  expect(toViewConfig(DEFAULT_GRID_STATE)).toEqual({});
});

test("a config keeps only what differs, widths rounded into 40..1000 and the search trimmed", () => {
  expect(toViewConfig(full)).toEqual({
    filter: { field: "amount", op: "gt", value: 5 },
    sort: [{ field: "amount", direction: "desc" }],
    search: "boxes",
    columns: ["title", "amount"],
    widths: { title: 240, amount: 40, notes: 1000 },
  });
});

test.each([
  { name: "null", raw: null, want: DEFAULT_GRID_STATE },
  { name: "not an object", raw: "x", want: DEFAULT_GRID_STATE },
  {
    name: "a broken sort is dropped, the rest kept",
    raw: { sort: [{ field: "a" }], search: "x", columns: ["a"] },
    want: { ...DEFAULT_GRID_STATE, search: "x", columns: ["a"] },
  },
  {
    name: "a broken filter is dropped",
    raw: { filter: { field: "a", op: "nope" } },
    want: DEFAULT_GRID_STATE,
  },
])("fromViewConfig: $name", ({ raw, want }) => {
  expect(fromViewConfig(raw)).toEqual(want);
});

test.each([
  {
    name: "key order does not matter",
    a: { ...full, widths: { a: 100, b: 200 } },
    b: { ...full, widths: { b: 200, a: 100 } },
    same: true,
  },
  { name: "blank search equals none", a: { ...DEFAULT_GRID_STATE, search: "  " }, b: DEFAULT_GRID_STATE, same: true },
  { name: "another sort differs", a: full, b: { ...full, sort: [] }, same: false },
  { name: "column order matters", a: { ...full, columns: ["a", "b"] }, b: { ...full, columns: ["b", "a"] }, same: false },
])("sameGridState: $name", ({ a, b, same }) => {
  expect(sameGridState(a, b)).toBe(same);
});

test("a stored config round-trips", () => {
  const config = toViewConfig(full);
  expect(toViewConfig(fromViewConfig(config))).toEqual(config);
});
