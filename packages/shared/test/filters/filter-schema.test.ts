import { describe, expect, test } from "vitest";
import { FilterSchema, measureFilter, SortSchema } from "../../src/index.ts";

const cond = { field: "name", op: "eq", value: "x" };
const nest = (levels: number): unknown => (levels === 0 ? cond : { not: nest(levels - 1) });

describe("FilterSchema", () => {
  test.each([
    { name: "a condition", filter: cond, ok: true },
    { name: "is_null without value parses (validateFilter refuses it)", filter: { field: "a", op: "is_null" }, ok: true },
    { name: "groups", filter: { and: [cond, { or: [cond, { not: cond }] }] }, ok: true },
    { name: "depth 6", filter: nest(5), ok: true },
    { name: "depth 7", filter: nest(6), ok: false },
    { name: "100 conditions", filter: { or: [{ and: Array(50).fill(cond) }, { and: Array(50).fill(cond) }] }, ok: true },
    { name: "101 conditions", filter: { or: [{ and: Array(50).fill(cond) }, { and: Array(50).fill(cond) }, cond] }, ok: false },
    { name: "empty and", filter: { and: [] }, ok: false },
    { name: "51 items", filter: { or: Array(51).fill(cond) }, ok: false },
    { name: "unknown operator", filter: { field: "a", op: "like", value: "x" }, ok: false },
    { name: "extra key", filter: { ...cond, raw: "1=1" }, ok: false },
    { name: "and with or", filter: { and: [cond], or: [cond] }, ok: false },
    { name: "string", filter: "name = 'x'", ok: false },
  ])("$name", ({ filter, ok }) => {
    expect(FilterSchema.safeParse(filter).success).toBe(ok);
  });

  test("measureFilter counts every node on the longest path", () => {
    expect(measureFilter({ and: [{ field: "a", op: "eq", value: 1 }, { not: { field: "a", op: "eq", value: 1 } }] })).toEqual({
      depth: 3,
      conditions: 2,
    });
  });
});

describe("SortSchema", () => {
  test.each([
    { name: "one key", sort: [{ field: "created_at", direction: "desc" }], ok: true },
    { name: "five keys", sort: Array(5).fill({ field: "a", direction: "asc" }), ok: true },
    { name: "six keys", sort: Array(6).fill({ field: "a", direction: "asc" }), ok: false },
    { name: "empty", sort: [], ok: false },
    { name: "no direction", sort: [{ field: "a" }], ok: false },
    { name: "bad direction", sort: [{ field: "a", direction: "ascending" }], ok: false },
  ])("$name", ({ sort, ok }) => {
    expect(SortSchema.safeParse(sort).success).toBe(ok);
  });
});
