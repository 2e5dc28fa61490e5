import type { FieldDefinition } from "@flexoffice/shared";
import { expect, test } from "vitest";
import { createPayload, initialFormValues, mergeAfterConflict, sameValue, updatePatch } from "./record-values.ts";

const fields: FieldDefinition[] = [
  { key: "title", label: "Title", type: "text", required: true },
  {
    key: "status",
    label: "Status",
    type: "status",
    options: [{ value: "NEW" }, { value: "DONE" }],
    default: { kind: "literal", value: "NEW" },
  },
  { key: "price", label: "Price", type: "currency" },
  { key: "note", label: "Note", type: "long_text" },
];
const all = () => true;

test("a new record starts from literal defaults and empty values", () => {
  expect(initialFormValues(fields, null)).toEqual({ title: null, status: "NEW", price: null, note: null });
});

test("an entity's values fill the form; absent (empty or hidden) fields start empty", () => {
  expect(initialFormValues(fields, { title: "Boxes" })).toEqual({ title: "Boxes", status: null, price: null, note: null });
});

test.each([
  {
    name: "equal objects in another key order",
    field: fields[2],
    a: { amount: 1, currency: "EUR" },
    b: { currency: "EUR", amount: 1 },
    same: true,
  },
  { name: "empty text and null", field: fields[0], a: "", b: null, same: true },
  { name: "different text", field: fields[0], a: "a", b: "b", same: false },
  { name: "a value and nothing", field: fields[0], a: "a", b: undefined, same: false },
])("same value: $name", ({ field, a, b, same }) => {
  expect(sameValue(field as FieldDefinition, a, b)).toBe(same);
});

test("create sends filled, writable fields only, text trimmed", () => {
  const values = { title: "  Boxes ", status: "NEW", price: null, note: "  keep  " };
  expect(createPayload(fields, values, (key) => key !== "status")).toEqual({ title: "Boxes", note: "  keep  " });
});

test("an edit sends only what changed, null to clear", () => {
  const base = { title: "Boxes", status: "NEW", note: "old" };
  const values = { title: "Boxes", status: "DONE", price: null, note: "" };
  expect(updatePatch(fields, values, base, all)).toEqual({ status: "DONE", note: null });
});

test("an edit leaves read-only fields out even when they differ", () => {
  expect(
    updatePatch(fields, { title: "New", status: "DONE" }, { title: "Old", status: "NEW" }, (key) => key === "title"),
  ).toEqual({
    title: "New",
  });
});

test("after a conflict the newer version comes in and the person's own edits stay", () => {
  const edited = { title: "Boxes", status: "NEW", note: "a" };
  const latest = { title: "Crates", status: "DONE", note: "a" };
  const values = { title: "Boxes", status: "NEW", price: null, note: "mine" };
  const merge = mergeAfterConflict(fields, values, edited, latest);
  expect(merge.values).toEqual({ title: "Crates", status: "DONE", price: null, note: "mine" });
  expect(merge.theirs).toEqual(["title", "status"]);
  expect(merge.yours).toEqual(["note"]);
});
