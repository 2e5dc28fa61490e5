import { describe, expect, test } from "vitest";
import type { BlueprintChange, ChangeOrigin } from "./draft.ts";
import { locateServerError } from "./server-errors.ts";

const changes: BlueprintChange[] = [
  { op: "set_details", name: "X" },
  { op: "rename_field", from: "a", to: "b" },
  { op: "update_field", key: "b", field: { key: "b", label: "B", type: "text" } },
  { op: "rename_option", key: "s", from: "A", to: "B" },
  { op: "remove_field", key: "gone" },
];
const origins: ChangeOrigin[] = [
  { kind: "details" },
  { kind: "field", uid: "u1" },
  { kind: "field", uid: "u1" },
  { kind: "field", uid: "u2" },
  { kind: "field", uid: "" },
];

describe("locateServerError", () => {
  test.each([
    { name: "no field", field: null, expected: { kind: "general" } },
    { name: "blueprint name", field: "name", expected: { kind: "details", property: "name" } },
    { name: "details change", field: "changes.0.name", expected: { kind: "details", property: "name" } },
    { name: "rename target", field: "changes.1.to", expected: { kind: "field", uid: "u1", property: "key" } },
    {
      name: "property of an edit",
      field: "changes.2.field.options.1.value",
      expected: { kind: "field", uid: "u1", property: "options" },
    },
    { name: "option rename", field: "changes.3.from", expected: { kind: "field", uid: "u2", property: "options" } },
    { name: "removed field", field: "changes.4.key", expected: { kind: "general" } },
    { name: "unknown change", field: "changes.9.key", expected: { kind: "general" } },
    { name: "saved list", field: "fields.1.label", expected: { kind: "field", uid: "d2", property: "label" } },
    { name: "whole list", field: "fields", expected: { kind: "general" } },
  ])("$name", ({ field, expected }) => {
    expect(locateServerError(field, origins, changes, ["d1", "d2"])).toEqual(expected);
  });
});
