import type { FieldDefinition } from "@flexoffice/shared";
import { describe, expect, test } from "vitest";
import { checkFieldInput, emptyValue, sortChoices } from "./field-input-values.ts";

const field = (type: FieldDefinition["type"], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key: "f",
  label: "F",
  type,
  ...extra,
});
const options = [{ value: "A" }, { value: "B" }, { value: "C" }];

describe("emptyValue", () => {
  test.each([
    { name: "no default", f: field("text"), expected: null },
    { name: "literal text", f: field("text", { default: { kind: "literal", value: "x" } }), expected: "x" },
    { name: "literal false", f: field("boolean", { default: { kind: "literal", value: false } }), expected: false },
    { name: "now is left to the database", f: field("datetime", { default: { kind: "now" } }), expected: null },
    { name: "current user is left to the database", f: field("member", { default: { kind: "current_user" } }), expected: null },
    {
      name: "money is copied",
      f: field("currency", { default: { kind: "literal", value: { amount: 1, currency: "EUR" } } }),
      expected: { amount: 1, currency: "EUR" },
    },
  ])("$name", ({ f, expected }) => {
    expect(emptyValue(f)).toEqual(expected);
  });

  test("editing the copy leaves the definition alone", () => {
    const f = field("multi_select", { options, default: { kind: "literal", value: ["A"] } });
    (emptyValue(f) as string[]).push("B");
    expect(f.default).toEqual({ kind: "literal", value: ["A"] });
  });
});

describe("checkFieldInput", () => {
  test.each([
    { name: "required and empty", f: field("text", { required: true }), value: null, rule: "required" },
    { name: "required and blank", f: field("text", { required: true }), value: "  ", rule: "required" },
    { name: "required choices", f: field("multi_select", { options, required: true }), value: [], rule: "required" },
    { name: "optional and empty", f: field("text"), value: null, rule: undefined },
    { name: "one line", f: field("text"), value: "a\nb", rule: "oneLine" },
    { name: "long text may break lines", f: field("long_text"), value: "a\nb", rule: undefined },
    { name: "too short", f: field("text", { min_length: 3 }), value: "ab", rule: "minLength" },
    { name: "too long", f: field("text", { max_length: 2 }), value: "abc", rule: "maxLength" },
    { name: "length after trimming", f: field("text", { max_length: 2 }), value: " ab ", rule: undefined },
    { name: "email", f: field("email"), value: "Name@Example.com", rule: undefined },
    { name: "not an email", f: field("email"), value: "name@", rule: "email" },
    { name: "url", f: field("url"), value: "https://example.com/x", rule: undefined },
    { name: "not a url", f: field("url"), value: "example.com", rule: "url" },
    { name: "phone", f: field("phone"), value: "+49 (30) 123-45", rule: undefined },
    { name: "not a phone", f: field("phone"), value: "call me", rule: "phone" },
    { name: "number text", f: field("number"), value: "12kg", rule: "number" },
    { name: "number", f: field("number"), value: 12.5, rule: undefined },
    { name: "too many decimals", f: field("number", { scale: 1 }), value: 1.25, rule: "scale" },
    { name: "too many digits", f: field("number", { precision: 4, scale: 2 }), value: 100, rule: "digits" },
    { name: "below min", f: field("number", { min: 0 }), value: -1, rule: "min" },
    { name: "above max", f: field("integer", { max: 10 }), value: 11, rule: "max" },
    { name: "fraction in integer", f: field("integer"), value: 1.5, rule: "integer" },
    { name: "money", f: field("currency"), value: { amount: 10, currency: "EUR" }, rule: undefined },
    {
      name: "money in a refused currency",
      f: field("currency", { currencies: ["USD"] }),
      value: { amount: 1, currency: "EUR" },
      rule: "currency",
    },
    { name: "money amount text", f: field("currency"), value: { amount: "x", currency: "EUR" }, rule: "number" },
    { name: "boolean", f: field("boolean"), value: false, rule: undefined },
    { name: "date", f: field("date"), value: "2026-02-28", rule: undefined },
    { name: "no such day", f: field("date"), value: "2026-02-30", rule: "date" },
    { name: "date before min", f: field("date", { min: "2026-01-01" }), value: "2025-12-31", rule: "min" },
    { name: "datetime", f: field("datetime"), value: "2026-01-01T00:00:00.000000Z", rule: undefined },
    {
      name: "datetime after max in another offset",
      f: field("datetime", { max: "2026-01-01T01:00:00+01:00" }),
      value: "2026-01-01T00:30:00.000000Z",
      rule: "max",
    },
    { name: "datetime without zone", f: field("datetime"), value: "2026-01-01T00:00", rule: "datetime" },
    { name: "option", f: field("single_select", { options }), value: "B", rule: undefined },
    { name: "not an option", f: field("status", { options }), value: "Z", rule: "option" },
    { name: "choices", f: field("multi_select", { options }), value: ["A", "C"], rule: undefined },
    { name: "too few choices", f: field("multi_select", { options, min_length: 2 }), value: ["A"], rule: "minChoices" },
    { name: "too many choices", f: field("multi_select", { options, max_length: 1 }), value: ["A", "B"], rule: "maxChoices" },
    { name: "reference id", f: field("reference"), value: "0b5f6d0e-8a5b-4c1e-9f0e-2d7f1c3b4a59", rule: undefined },
    { name: "reference garbage", f: field("member"), value: "bob", rule: "id" },
    { name: "json", f: field("json"), value: { a: [1, 2] }, rule: undefined },
    { name: "json too large", f: field("json"), value: "x".repeat(70_000), rule: "json" },
  ])("$name", ({ f, value, rule }) => {
    expect(checkFieldInput(f, value)?.rule).toBe(rule);
  });
});

describe("sortChoices", () => {
  test.each([
    { name: "options order", choices: ["C", "A"], expected: ["A", "C"] },
    { name: "duplicates dropped", choices: ["B", "B"], expected: ["B"] },
    { name: "unknown dropped", choices: ["Z", "A"], expected: ["A"] },
  ])("$name", ({ choices, expected }) => {
    expect(sortChoices(field("multi_select", { options }), choices)).toEqual(expected);
  });
});
