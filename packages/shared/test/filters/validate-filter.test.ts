import { describe, expect, test } from "vitest";
import { FILTER_LIMITS, type FilterRule, validateFilter, validateSort } from "../../src/index.ts";
import { FIELDS, referenced, uuid } from "./fixtures.ts";

const cond = (field: string, op: string, value?: unknown) => ({ field, op, value });

/** Nests `inner` in `levels` `not`s. */
const nest = (levels: number, inner: unknown): unknown => (levels === 0 ? inner : { not: nest(levels - 1, inner) });

const accepted: { name: string; filter: unknown }[] = [
  { name: "a condition", filter: cond("name", "eq", "x") },
  {
    name: "and/or/not",
    filter: { and: [cond("weight", "gt", 1), { or: [cond("qty", "in", [1, 2])] }, { not: cond("active", "eq", true) }] },
  },
  { name: "system id in", filter: cond("id", "in", [uuid(1)]) },
  {
    name: "system created_at between",
    filter: cond("created_at", "between", ["2026-01-01T00:00:00Z", "2026-02-01T00:00:00+02:00"]),
  },
  { name: "system version as integer", filter: cond("version", "gt", 2) },
  { name: "system updated_by is_null", filter: cond("updated_by", "is_null", true) },
  { name: "reference traversal", filter: cond("customer.tier", "eq", "GOLD") },
  { name: "reference traversal to a system field", filter: cond("customer.created_at", "lt", "2026-01-01T00:00:00Z") },
  { name: "multi_select contains an option", filter: cond("tags", "contains", "a") },
  { name: "currency amount", filter: cond("price", "lte", 10.5) },
  { name: "depth 6", filter: nest(5, cond("name", "eq", "x")) },
  {
    name: "100 conditions",
    filter: { or: [{ and: Array(50).fill(cond("qty", "eq", 1)) }, { and: Array(50).fill(cond("qty", "eq", 1)) }] },
  },
  {
    name: "500 in-values",
    filter: cond(
      "qty",
      "in",
      Array.from({ length: 500 }, (_, i) => i),
    ),
  },
  { name: "200-character contains", filter: cond("notes", "contains", "é".repeat(200)) },
  { name: "between low above high", filter: cond("weight", "between", [5, 1]) },
];

describe("validateFilter accepts", () => {
  test.each(accepted)("$name", ({ filter }) => {
    expect(validateFilter(filter, FIELDS, referenced)).toEqual([]);
  });
});

const refused: { name: string; filter: unknown; path: string; rule: FilterRule }[] = [
  { name: "null", filter: null, path: "filter", rule: "shape" },
  { name: "an array", filter: [cond("name", "eq", "x")], path: "filter", rule: "shape" },
  { name: "and with or", filter: { and: [], or: [] }, path: "filter", rule: "shape" },
  { name: "and not a list", filter: { and: cond("name", "eq", "x") }, path: "filter", rule: "shape" },
  { name: "not a list item", filter: { and: [cond("name", "eq", "x"), "name = x"] }, path: "filter.and.1", rule: "shape" },
  {
    name: "condition with extra key",
    filter: { field: "name", op: "eq", value: "x", sql: "1=1" },
    path: "filter",
    rule: "shape",
  },
  { name: "condition without op", filter: { field: "name", value: "x" }, path: "filter", rule: "shape" },
  { name: "condition field not a string", filter: { field: 1, op: "eq", value: 1 }, path: "filter", rule: "shape" },
  { name: "unknown field", filter: cond("nope", "eq", "x"), path: "filter", rule: "unknown_field" },
  { name: "injection: quote", filter: cond("x'); drop table entities; --", "eq", "x"), path: "filter", rule: "unknown_field" },
  { name: "injection: json path", filter: cond("data->>'a'", "eq", "x"), path: "filter", rule: "unknown_field" },
  {
    name: "injection: nested",
    filter: { or: [{ and: [cond('name" or 1=1', "eq", "x")] }] },
    path: "filter.or.0.and.0",
    rule: "unknown_field",
  },
  { name: "reserved column", filter: cond("tenant_id", "eq", uuid(1)), path: "filter", rule: "unknown_field" },
  { name: "prototype member", filter: cond("constructor", "is_null", true), path: "filter", rule: "unknown_field" },
  { name: "two-level traversal", filter: cond("customer.name.x", "eq", "x"), path: "filter", rule: "unknown_field" },
  { name: "traversal through a non-reference", filter: cond("name.length", "eq", 1), path: "filter", rule: "unknown_field" },
  { name: "traversal to an unknown field", filter: cond("customer.nope", "eq", 1), path: "filter", rule: "unknown_field" },
  { name: "unknown operator", filter: cond("name", "like", "%x%"), path: "filter", rule: "operator" },
  { name: "lt on boolean", filter: cond("active", "lt", true), path: "filter", rule: "operator" },
  { name: "eq on long_text", filter: cond("notes", "eq", "x"), path: "filter", rule: "operator" },
  { name: "eq on multi_select", filter: cond("tags", "eq", "a"), path: "filter", rule: "operator" },
  { name: "eq on json", filter: cond("meta", "eq", {}), path: "filter", rule: "operator" },
  { name: "contains on number", filter: cond("weight", "contains", "1"), path: "filter", rule: "operator" },
  { name: "lt on select", filter: cond("color", "lt", "RED"), path: "filter", rule: "operator" },
  { name: "is_null on id", filter: cond("id", "is_null", true), path: "filter", rule: "operator" },
  { name: "missing value", filter: { field: "name", op: "eq" }, path: "filter", rule: "value" },
  { name: "number as string", filter: cond("weight", "eq", "1"), path: "filter", rule: "value" },
  { name: "integer with decimals", filter: cond("qty", "eq", 1.5), path: "filter", rule: "value" },
  { name: "integer beyond safe range", filter: cond("qty", "gt", 2 ** 53), path: "filter", rule: "value" },
  { name: "boolean as string", filter: cond("active", "eq", "true"), path: "filter", rule: "value" },
  { name: "bad date", filter: cond("due", "eq", "2026-02-30"), path: "filter", rule: "value" },
  { name: "date with time", filter: cond("due", "eq", "2026-02-01T00:00:00Z"), path: "filter", rule: "value" },
  { name: "datetime without zone", filter: cond("at", "gt", "2026-02-01T10:00:00"), path: "filter", rule: "value" },
  { name: "datetime date only", filter: cond("at", "gt", "2026-02-01"), path: "filter", rule: "value" },
  { name: "option not listed", filter: cond("color", "eq", "PINK"), path: "filter", rule: "value" },
  { name: "option in list not listed", filter: cond("state", "in", ["PENDING", "LOST"]), path: "filter", rule: "value" },
  { name: "multi_select contains not an option", filter: cond("tags", "contains", "z"), path: "filter", rule: "value" },
  { name: "bad uuid", filter: cond("owner", "eq", "not-a-uuid"), path: "filter", rule: "value" },
  { name: "uppercase uuid", filter: cond("id", "eq", uuid(0xabc).toUpperCase()), path: "filter", rule: "value" },
  { name: "text with a line break", filter: cond("name", "eq", "a\nb"), path: "filter", rule: "value" },
  { name: "email not lowercase", filter: cond("email", "eq", "Ann@B.co"), path: "filter", rule: "value" },
  { name: "url without scheme", filter: cond("site", "eq", "example.com"), path: "filter", rule: "value" },
  { name: "currency as object", filter: cond("price", "eq", { amount: 1, currency: "EUR" }), path: "filter", rule: "value" },
  { name: "between with one value", filter: cond("weight", "between", [1]), path: "filter", rule: "value" },
  { name: "in not a list", filter: cond("weight", "in", 1), path: "filter", rule: "value" },
  { name: "is_null not boolean", filter: cond("name", "is_null", "yes"), path: "filter", rule: "value" },
  { name: "contains not a string", filter: cond("name", "contains", 1), path: "filter", rule: "value" },
  { name: "depth 7", filter: nest(6, cond("name", "eq", "x")), path: "filter.not.not.not.not.not.not", rule: "depth" },
  { name: "empty and", filter: { and: [] }, path: "filter", rule: "size" },
  { name: "51 items", filter: { or: Array(51).fill(cond("qty", "eq", 1)) }, path: "filter", rule: "size" },
  {
    name: "101 conditions",
    filter: {
      or: [{ and: Array(50).fill(cond("qty", "eq", 1)) }, { and: Array(50).fill(cond("qty", "eq", 1)) }, cond("qty", "eq", 2)],
    },
    path: "filter",
    rule: "size",
  },
  { name: "empty in", filter: cond("qty", "in", []), path: "filter", rule: "list_size" },
  {
    name: "501 in-values",
    filter: cond(
      "qty",
      "in",
      Array.from({ length: 501 }, (_, i) => i),
    ),
    path: "filter",
    rule: "list_size",
  },
  { name: "empty contains", filter: cond("name", "contains", ""), path: "filter", rule: "text_length" },
  {
    name: "201-character starts_with",
    filter: cond("name", "starts_with", "x".repeat(201)),
    path: "filter",
    rule: "text_length",
  },
];

describe("validateFilter refuses", () => {
  test.each(refused)("$name", ({ filter, path, rule }) => {
    const issues = validateFilter(filter, FIELDS, referenced);
    expect(issues.map((issue) => ({ path: issue.path, rule: issue.rule }))).toEqual([{ path, rule }]);
    for (const issue of issues) {
      expect(issue.message.length).toBeGreaterThan(10);
      expect(issue.message).not.toMatch(/\n\s+at /);
    }
  });
});

describe("validateFilter messages", () => {
  test.each([
    {
      name: "operator names the type and allowed operators",
      filter: cond("weight", "contains", "1"),
      message: '"weight" is a number: use eq, neq, lt, lte, gt, gte, between, in or is_null',
    },
    {
      name: "value names the options",
      filter: cond("color", "eq", "PINK"),
      message: '"color" eq takes one of RED, GREEN or BLUE (got "PINK")',
    },
    {
      name: "unknown field lists the keys",
      filter: cond("nope", "eq", 1),
      message: '"nope" is not a field of this blueprint: use one of name, notes, weight',
    },
  ])("$name", ({ filter, message }) => {
    expect(validateFilter(filter, FIELDS, referenced)[0]?.message).toContain(message);
  });

  test("paths point into nested groups", () => {
    const filter = { and: [cond("name", "eq", "x"), { or: [cond("qty", "eq", 1), cond("weight", "eq", "heavy")] }] };
    expect(validateFilter(filter, FIELDS, referenced)).toEqual([
      expect.objectContaining({ path: "filter.and.1.or.1", rule: "value" }),
    ]);
  });

  test("every problem is reported", () => {
    const filter = { and: [cond("nope", "eq", 1), cond("active", "lt", true), cond("qty", "in", [])] };
    expect(validateFilter(filter, FIELDS, referenced).map((issue) => issue.rule)).toEqual([
      "unknown_field",
      "operator",
      "list_size",
    ]);
  });

  test("without a resolver, reference paths are unknown", () => {
    expect(validateFilter(cond("customer.name", "eq", "x"), FIELDS)[0]?.rule).toBe("unknown_field");
  });

  test("limits are the documented ones", () => {
    expect(FILTER_LIMITS).toEqual({
      maxDepth: 6,
      maxConditions: 100,
      maxGroupItems: 50,
      maxInValues: 500,
      maxTextLength: 200,
      maxSortKeys: 5,
    });
  });
});

describe("validateSort", () => {
  test.each([
    { name: "created_at desc", sort: [{ field: "created_at", direction: "desc" }], issues: [] },
    {
      name: "five keys",
      sort: ["name", "weight", "due", "color", "id"].map((field) => ({ field, direction: "asc" })),
      issues: [],
    },
    { name: "reference traversal", sort: [{ field: "customer.name", direction: "asc" }], issues: [] },
    { name: "not a list", sort: { field: "name" }, issues: [{ path: "sort", rule: "shape" }] },
    { name: "no keys", sort: [], issues: [{ path: "sort", rule: "size" }] },
    { name: "six keys", sort: Array(6).fill({ field: "name", direction: "asc" }), issues: [{ path: "sort", rule: "size" }] },
    { name: "bad direction", sort: [{ field: "name", direction: "up" }], issues: [{ path: "sort.0", rule: "shape" }] },
    {
      name: "unknown field",
      sort: [{ field: "name; drop", direction: "asc" }],
      issues: [{ path: "sort.0", rule: "unknown_field" }],
    },
    { name: "long_text", sort: [{ field: "notes", direction: "asc" }], issues: [{ path: "sort.0", rule: "operator" }] },
    {
      name: "multi_select",
      sort: [
        { field: "weight", direction: "asc" },
        { field: "tags", direction: "asc" },
      ],
      issues: [{ path: "sort.1", rule: "operator" }],
    },
    { name: "json", sort: [{ field: "meta", direction: "desc" }], issues: [{ path: "sort.0", rule: "operator" }] },
  ])("$name", ({ sort, issues }) => {
    expect(validateSort(sort, FIELDS, referenced).map(({ path, rule }) => ({ path, rule }))).toEqual(issues);
  });
});
