import { describe, expect, test } from "vitest";
import { actorLabel, diffRows, formatValue, humanize } from "./audit-entries.ts";

describe("diffRows", () => {
  test.each([
    {
      name: "an update shows both sides of the changed fields",
      before: { status: "NEW", name: "A" },
      after: { status: "DONE", name: "B" },
      rows: [
        { field: "name", before: "A", after: "B" },
        { field: "status", before: "NEW", after: "DONE" },
      ],
    },
    { name: "an insert has only after", before: null, after: { name: "A" }, rows: [{ field: "name", after: "A" }] },
    { name: "a delete has only before", before: { name: "A" }, after: null, rows: [{ field: "name", before: "A" }] },
    {
      name: "a cleared value stays a row with null after",
      before: { note: "x" },
      after: { note: null },
      rows: [{ field: "note", before: "x", after: null }],
    },
    { name: "nothing on either side", before: null, after: null, rows: [] },
    { name: "a plain value", before: null, after: 3, rows: [{ field: "value", after: 3 }] },
  ])("$name", ({ before, after, rows }) => {
    expect(diffRows(before, after)).toEqual(rows);
  });
});

describe("formatValue", () => {
  test.each([
    { name: "text", value: "Acme", text: "Acme" },
    { name: "null", value: null, text: "—" },
    { name: "number", value: 3, text: "3" },
    { name: "boolean", value: false, text: "false" },
    { name: "array", value: ["crm", "hrm"], text: '["crm","hrm"]' },
    { name: "object", value: { amount: 3, currency: "EUR" }, text: '{"amount":3,"currency":"EUR"}' },
  ])("$name", ({ value, text }) => {
    expect(formatValue(value)).toBe(text);
  });
});

describe("labels", () => {
  test.each([
    { name: "dotted", action: "auth.sign_in", words: "auth sign in" },
    { name: "snake", action: "update_tenant", words: "update tenant" },
  ])("$name", ({ action, words }) => {
    expect(humanize(action)).toBe(words);
  });

  test.each([
    { name: "name first", entry: { actor_name: "Ann", actor_email: "ann@x.test" }, label: "Ann" },
    { name: "email when no name", entry: { actor_name: " ", actor_email: "ann@x.test" }, label: "ann@x.test" },
    { name: "nobody (system or erased)", entry: { actor_name: null, actor_email: null }, label: null },
  ])("$name", ({ entry, label }) => {
    expect(actorLabel(entry)).toBe(label);
  });
});
