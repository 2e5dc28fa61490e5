import { expect, test } from "vitest";
import { moveFocus } from "./grid-navigation.ts";

const bounds = { rows: 100, cols: 6, pageRows: 10 };

test.each([
  { name: "down from the header", from: { row: 0, col: 2 }, key: "ArrowDown", ctrl: false, want: { row: 1, col: 2 } },
  { name: "up stops at the header", from: { row: 0, col: 2 }, key: "ArrowUp", ctrl: false, want: { row: 0, col: 2 } },
  { name: "down stops at the last row", from: { row: 100, col: 2 }, key: "ArrowDown", ctrl: false, want: { row: 100, col: 2 } },
  { name: "left stops at the first column", from: { row: 3, col: 0 }, key: "ArrowLeft", ctrl: false, want: { row: 3, col: 0 } },
  { name: "right stops at the last column", from: { row: 3, col: 5 }, key: "ArrowRight", ctrl: false, want: { row: 3, col: 5 } },
  { name: "home: start of the row", from: { row: 3, col: 4 }, key: "Home", ctrl: false, want: { row: 3, col: 0 } },
  { name: "end: end of the row", from: { row: 3, col: 1 }, key: "End", ctrl: false, want: { row: 3, col: 5 } },
  { name: "ctrl+home: first data cell", from: { row: 50, col: 4 }, key: "Home", ctrl: true, want: { row: 1, col: 0 } },
  { name: "ctrl+end: last cell", from: { row: 3, col: 1 }, key: "End", ctrl: true, want: { row: 100, col: 5 } },
  { name: "page down", from: { row: 3, col: 1 }, key: "PageDown", ctrl: false, want: { row: 13, col: 1 } },
  { name: "page up stays below the header", from: { row: 5, col: 1 }, key: "PageUp", ctrl: false, want: { row: 1, col: 1 } },
  { name: "other keys are not navigation", from: { row: 5, col: 1 }, key: "a", ctrl: false, want: null },
])("$name", ({ from, key, ctrl, want }) => {
  expect(moveFocus(from, key, ctrl, bounds)).toEqual(want);
});

test("an empty grid keeps the focus in the header", () => {
  expect(moveFocus({ row: 0, col: 1 }, "ArrowDown", false, { rows: 0, cols: 3, pageRows: 10 })).toEqual({ row: 0, col: 1 });
  expect(moveFocus({ row: 0, col: 1 }, "Home", true, { rows: 0, cols: 3, pageRows: 10 })).toEqual({ row: 0, col: 0 });
});
