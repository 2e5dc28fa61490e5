import { describe, expect, test } from "vitest";
import { type AttributeRow, attributesFromRows, readAttributes, rowForServerField, rowsFromAttributes } from "./attributes.ts";

const row = (key: string, type: AttributeRow["type"], value: string, id = key || "blank"): AttributeRow => ({
  id,
  key,
  type,
  value,
});

describe("member attributes", () => {
  test("reading keeps strings, numbers and booleans only", () => {
    expect(readAttributes({ region: "north", level: 3, lead: true, list: [1], nested: {}, gone: null })).toEqual({
      region: "north",
      level: 3,
      lead: true,
    });
    expect(readAttributes([1, 2])).toEqual({});
  });

  test("rows round trip, sorted by key", () => {
    const rows = rowsFromAttributes({ region: "north", level: 3, lead: false });
    expect(rows.map(({ key, type, value }) => [key, type, value])).toEqual([
      ["lead", "boolean", "false"],
      ["level", "number", "3"],
      ["region", "text", "north"],
    ]);
    expect(attributesFromRows(rows)).toEqual({ ok: true, attributes: { lead: false, level: 3, region: "north" } });
  });

  test.each([
    { name: "missing key", rows: [row("", "text", "x", "r1")], problem: "key_required" },
    { name: "key with capitals", rows: [row("Region", "text", "x")], problem: "key_format" },
    { name: "key too long", rows: [row(`a${"b".repeat(40)}`, "text", "x")], problem: "key_format" },
    { name: "not a number", rows: [row("level", "number", "high")], problem: "value_number" },
    { name: "empty number", rows: [row("level", "number", " ")], problem: "value_number" },
    { name: "text too long", rows: [row("note", "text", "x".repeat(201))], problem: "value_length" },
  ])("refused: $name", ({ rows, problem }) => {
    const result = attributesFromRows(rows);
    expect(result.ok).toBe(false);
    if (!result.ok) expect([...result.problems.values()]).toEqual([problem]);
  });

  test("a key used twice is named on its second row", () => {
    const result = attributesFromRows([row("region", "text", "a", "r1"), row("region", "text", "b", "r2")]);
    expect(result.ok ? null : result.problems.get("r2")).toBe("key_duplicate");
  });

  test("blank rows are ignored; 50 keys at most", () => {
    expect(attributesFromRows([row("", "text", "", "r1")])).toEqual({ ok: true, attributes: {} });
    const many = Array.from({ length: 51 }, (_, i) => row(`k${i}`, "text", "v"));
    expect(attributesFromRows(many)).toMatchObject({ ok: false, tooMany: true });
  });

  test("a refusal naming attributes.<key> points at that row", () => {
    const rows = [row("region", "text", "a", "r1"), row("level", "number", "1", "r2")];
    expect(rowForServerField(rows, "attributes.level")?.id).toBe("r2");
    expect(rowForServerField(rows, "attributes")).toBeUndefined();
  });
});
