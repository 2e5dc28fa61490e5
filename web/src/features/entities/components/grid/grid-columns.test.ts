import type { FieldDefinition } from "@flexoffice/shared";
import { expect, test } from "vitest";
import { gridColumns, moveColumn, toggleColumn, visibleColumnIds } from "./grid-columns.ts";

const fields: FieldDefinition[] = [
  { key: "title", label: "Title", type: "text" },
  { key: "notes", label: "Notes", type: "long_text" },
  { key: "secret", label: "Secret", type: "text" },
  { key: "amount", label: "Amount", type: "number" },
];

const columns = gridColumns(
  fields,
  (key) => key !== "secret",
  (key) => key === "title",
);

test("columns are the readable fields, then created and updated; sortable and editable as allowed", () => {
  expect(columns.map((c) => [c.id, c.sortable, c.editable])).toEqual([
    ["title", true, true],
    ["notes", false, false],
    ["amount", true, false],
    ["created_at", true, false],
    ["updated_at", true, false],
  ]);
});

test.each([
  { name: "no choice: every column", chosen: null, want: ["title", "notes", "amount", "created_at", "updated_at"] },
  {
    name: "a view's order, unknown and hidden ids dropped",
    chosen: ["amount", "secret", "ghost", "title"],
    want: ["amount", "title"],
  },
  { name: "duplicates once", chosen: ["title", "title"], want: ["title"] },
])("visibleColumnIds: $name", ({ chosen, want }) => {
  expect(visibleColumnIds(columns, chosen)).toEqual(want);
});

test.each([
  { name: "hide", visible: ["title", "amount"], id: "title", show: false, want: ["amount"] },
  {
    name: "show goes back to its place",
    visible: ["title", "created_at"],
    id: "amount",
    show: true,
    want: ["title", "amount", "created_at"],
  },
  { name: "show at the end", visible: ["title"], id: "updated_at", show: true, want: ["title", "updated_at"] },
  { name: "show twice changes nothing", visible: ["title"], id: "title", show: true, want: ["title"] },
])("toggleColumn: $name", ({ visible, id, show, want }) => {
  expect(toggleColumn(columns, visible, id, show)).toEqual(want);
});

test.each([
  { name: "left", id: "b", delta: -1 as const, want: ["b", "a", "c"] },
  { name: "right", id: "b", delta: 1 as const, want: ["a", "c", "b"] },
  { name: "past the end", id: "c", delta: 1 as const, want: ["a", "b", "c"] },
])("moveColumn: $name", ({ id, delta, want }) => {
  expect(moveColumn(["a", "b", "c"], id, delta)).toEqual(want);
});
