import type { FieldDefinition } from "@flexoffice/shared";
import { expect, test } from "vitest";
import { checkRecordValue, matchesPattern, serverProblem } from "./field-problems.ts";

const field = (type: FieldDefinition["type"], extra: Partial<FieldDefinition> = {}): FieldDefinition =>
  ({ key: "f", label: "F", type, ...extra }) as FieldDefinition;

test.each([
  { name: "empty required text", field: field("text", { required: true }), value: null, rule: "required" },
  {
    name: "empty required text a default fills",
    field: field("text", { required: true }),
    value: null,
    required: false,
    rule: undefined,
  },
  { name: "pattern matched", field: field("text", { pattern: "^[A-Z]{3}-\\d+$" }), value: " ABC-12 ", rule: undefined },
  { name: "pattern not matched", field: field("text", { pattern: "^[A-Z]{3}-\\d+$" }), value: "AB-12", rule: "pattern" },
  { name: "empty value skips the pattern", field: field("text", { pattern: "^x$" }), value: "", rule: undefined },
  { name: "shared rule first", field: field("email", {}), value: "nope", rule: "email" },
  {
    name: "money without an amount, required",
    field: field("currency", { required: true }),
    value: { amount: null, currency: "EUR" },
    rule: "required",
  },
  { name: "number below min", field: field("number", { min: 1 }), value: 0, rule: "min" },
])("check: $name", ({ field: f, value, required, rule }) => {
  expect(checkRecordValue(f, value, required === undefined ? {} : { required })?.rule).toBe(rule);
});

test.each([
  { name: "POSIX class left to the database", pattern: "^[[:alpha:]]+$", text: "123", ok: true },
  { name: "word boundary left to the database", pattern: "\\mcat\\M", text: "dog", ok: true },
  { name: "plain expression", pattern: "^\\d{3}$", text: "12", ok: false },
  { name: "broken expression left to the database", pattern: "(", text: "x", ok: true },
])("pattern: $name", ({ pattern, text, ok }) => {
  expect(matchesPattern(pattern, text)).toBe(ok);
});

test.each([
  { name: "required", field: field("text"), rule: "required", expected: { source: "fields", rule: "required" } },
  { name: "email format", field: field("email"), rule: "format", expected: { source: "fields", rule: "email" } },
  { name: "line break in text", field: field("text"), rule: "format", expected: { source: "fields", rule: "oneLine" } },
  { name: "unique", field: field("text"), rule: "unique", expected: { source: "form", rule: "unique" } },
  { name: "reference gone", field: field("reference"), rule: "reference", expected: { source: "form", rule: "reference" } },
  {
    name: "choices",
    field: field("multi_select", { max_length: 2 }),
    rule: "max_length",
    expected: { source: "fields", rule: "maxChoices", values: { count: 2 } },
  },
  { name: "unknown rule", field: field("text"), rule: "something_new", expected: undefined },
])("server: $name", ({ field: f, rule, expected }) => {
  expect(serverProblem(f, rule)).toEqual(expected);
});
