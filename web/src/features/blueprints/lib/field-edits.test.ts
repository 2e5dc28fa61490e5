import type { FieldDefinition } from "@flexoffice/shared";
import { describe, expect, test } from "vitest";
import { retypeField, suggestOptionValue, withProperty } from "./field-edits.ts";

describe("retypeField", () => {
  test.each([
    {
      name: "number to integer keeps the range, drops the decimals",
      field: { key: "w", label: "W", type: "number", min: 0, max: 9, precision: 6, scale: 2, required: true },
      type: "integer",
      expected: { key: "w", label: "W", type: "integer", min: 0, max: 9, required: true },
    },
    {
      name: "number to date drops numeric bounds",
      field: { key: "w", label: "W", type: "number", min: 0 },
      type: "date",
      expected: { key: "w", label: "W", type: "date" },
    },
    {
      name: "text to single select gets an option to fill in, loses its pattern",
      field: { key: "s", label: "S", type: "text", pattern: "^a", unique: true },
      type: "single_select",
      expected: { key: "s", label: "S", type: "single_select", unique: true, options: [{ value: "" }] },
    },
    {
      name: "single to multi select keeps options, not uniqueness",
      field: {
        key: "s",
        label: "S",
        type: "single_select",
        options: [{ value: "A" }],
        unique: true,
        default: { kind: "literal", value: "A" },
      },
      type: "multi_select",
      expected: { key: "s", label: "S", type: "multi_select", options: [{ value: "A" }] },
    },
  ] as { name: string; field: FieldDefinition; type: FieldDefinition["type"]; expected: FieldDefinition }[])(
    "$name",
    ({ field, type, expected }) => {
      expect(retypeField(field, type)).toEqual(expected);
    },
  );
});

describe("withProperty", () => {
  test.each([
    { name: "sets", value: 3, expected: { key: "k", label: "K", type: "text", max_length: 3 } },
    { name: "empty text clears", value: "", expected: { key: "k", label: "K", type: "text" } },
    { name: "false clears", value: false, expected: { key: "k", label: "K", type: "text" } },
  ])("$name", ({ value, expected }) => {
    expect(withProperty({ key: "k", label: "K", type: "text", max_length: 9 }, "max_length", value)).toEqual(expected);
  });
});

describe("suggestOptionValue", () => {
  test.each([
    { name: "words", label: "In progress", expected: "IN_PROGRESS" },
    { name: "accents", label: "Geliefert ü", expected: "GELIEFERT_U" },
    { name: "blank", label: "  ", expected: "" },
  ])("$name", ({ label, expected }) => {
    expect(suggestOptionValue(label)).toBe(expected);
  });
});
