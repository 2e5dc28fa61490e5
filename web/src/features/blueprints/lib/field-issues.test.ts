import type { FieldDefinition } from "@flexoffice/shared";
import { describe, expect, test } from "vitest";
import type { DraftField } from "./draft.ts";
import { draftIssues } from "./field-issues.ts";

const item = (uid: string, field: FieldDefinition): DraftField => ({
  uid,
  originalKey: null,
  optionOrigins: [],
  field,
  keyTouched: true,
});

describe("draftIssues", () => {
  test.each([
    { name: "a valid field has none", field: { key: "title", label: "Title", type: "text" }, expected: [] },
    { name: "empty label", field: { key: "title", label: " ", type: "text" }, expected: [["label", "label"]] },
    { name: "bad key", field: { key: "Title", label: "Title", type: "text" }, expected: [["key", "key"]] },
    { name: "system key", field: { key: "created_at", label: "Created", type: "text" }, expected: [["key", "keyReserved"]] },
    {
      name: "select without options",
      field: { key: "s", label: "S", type: "single_select" },
      expected: [["options", "options"]],
    },
    {
      name: "empty option value",
      field: { key: "s", label: "S", type: "status", options: [{ value: "" }] },
      expected: [["options", "optionValue"]],
    },
    { name: "min above max", field: { key: "n", label: "N", type: "number", min: 5, max: 1 }, expected: [["min", "rangeOrder"]] },
    {
      name: "default not an option",
      field: { key: "s", label: "S", type: "single_select", options: [{ value: "A" }], default: { kind: "literal", value: "B" } },
      expected: [["default", "default"]],
    },
    {
      name: "required reference emptied on delete",
      field: {
        key: "r",
        label: "R",
        type: "reference",
        required: true,
        reference: { blueprint_id: "0b5f6d0e-8a5b-4c1e-9f0e-2d7f1c3b4a59", on_delete: "set_null" },
      },
      expected: [["reference", "referenceRequired"]],
    },
  ] as { name: string; field: FieldDefinition; expected: [string, string][] }[])("$name", ({ field, expected }) => {
    const issues = draftIssues([item("u", field)]).get("u") ?? [];
    expect(issues.map((issue) => [issue.property, issue.key])).toEqual(expected);
  });

  test("the second field with a taken key is told", () => {
    const issues = draftIssues([
      item("a", { key: "x", label: "A", type: "text" }),
      item("b", { key: "x", label: "B", type: "text" }),
    ]);
    expect(issues.get("b")?.map((issue) => issue.key)).toEqual(["keyDuplicate"]);
  });

  test("a second status field is refused", () => {
    const status = (key: string): FieldDefinition => ({ key, label: key, type: "status", options: [{ value: "A" }] });
    const issues = draftIssues([item("a", status("s1")), item("b", status("s2"))]);
    expect(issues.get("b")?.map((issue) => issue.key)).toEqual(["status"]);
  });
});
