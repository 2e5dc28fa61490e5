import { describe, expect, test } from "vitest";
import { type Filter, matchesFilter, validateFilter } from "../../src/index.ts";
import { ctx, entity, FIELDS, referenced, uuid } from "./fixtures.ts";

type Row = { name: string; data: Record<string, unknown>; filter: Filter; expected: boolean };

/** A condition from loose parts; the table checks every one with validateFilter. */
const c = (field: string, op: string, value?: unknown): Filter => ({ field, op, value }) as Filter;

/** Every operator per type, with a present and an empty value; each filter is also valid. */
const rows: Row[] = [
  // text types: code-unit equality, byte-order comparisons, case-insensitive contains/starts_with
  { name: "text eq matches exactly", data: { name: "Bolt" }, filter: c("name", "eq", "Bolt"), expected: true },
  { name: "text eq is case-sensitive", data: { name: "Bolt" }, filter: c("name", "eq", "bolt"), expected: false },
  { name: "text neq differs", data: { name: "Bolt" }, filter: c("name", "neq", "Nut"), expected: true },
  { name: "text neq same", data: { name: "Bolt" }, filter: c("name", "neq", "Bolt"), expected: false },
  { name: "text lt in byte order (B < a)", data: { name: "B" }, filter: c("name", "lt", "a"), expected: true },
  { name: "text gt in byte order (a > B)", data: { name: "a" }, filter: c("name", "gt", "B"), expected: true },
  { name: "text lte equal", data: { name: "m" }, filter: c("name", "lte", "m"), expected: true },
  { name: "text gte shorter prefix", data: { name: "ab" }, filter: c("name", "gte", "abc"), expected: false },
  { name: "text between inclusive low", data: { name: "b" }, filter: c("name", "between", ["b", "d"]), expected: true },
  { name: "text between inclusive high", data: { name: "d" }, filter: c("name", "between", ["b", "d"]), expected: true },
  { name: "text between outside", data: { name: "e" }, filter: c("name", "between", ["b", "d"]), expected: false },
  { name: "text in listed", data: { name: "x" }, filter: c("name", "in", ["w", "x"]), expected: true },
  { name: "text in not listed", data: { name: "y" }, filter: c("name", "in", ["w", "x"]), expected: false },
  { name: "text contains ignores case", data: { name: "Hex BOLT" }, filter: c("name", "contains", "bolt"), expected: true },
  { name: "text contains absent part", data: { name: "Hex nut" }, filter: c("name", "contains", "bolt"), expected: false },
  { name: "text starts_with ignores case", data: { name: "Ärger" }, filter: c("name", "starts_with", "äR"), expected: true },
  { name: "text starts_with not at start", data: { name: "a bolt" }, filter: c("name", "starts_with", "bolt"), expected: false },
  { name: "text contains % literally", data: { name: "50% off" }, filter: c("name", "contains", "0%"), expected: true },
  { name: "text contains _ literally", data: { name: "ab" }, filter: c("name", "contains", "_"), expected: false },
  { name: "empty string is empty (never stored)", data: { name: "" }, filter: c("name", "is_null", true), expected: true },
  { name: "email eq", data: { email: "a@b.co" }, filter: c("email", "eq", "a@b.co"), expected: true },
  { name: "email contains ignores case", data: { email: "ann@b.co" }, filter: c("email", "contains", "ANN"), expected: true },
  { name: "url starts_with", data: { site: "https://x.io/a" }, filter: c("site", "starts_with", "HTTPS://X"), expected: true },
  { name: "phone in", data: { phone: "+33 1 23" }, filter: c("phone", "in", ["+33 1 23"]), expected: true },
  { name: "long_text contains", data: { notes: "line 1\nLine 2" }, filter: c("notes", "contains", "line 2"), expected: true },
  { name: "long_text starts_with", data: { notes: "Hello\nworld" }, filter: c("notes", "starts_with", "hello"), expected: true },
  { name: "long_text is_null false", data: { notes: "x" }, filter: c("notes", "is_null", false), expected: true },
  // numbers compare numerically
  { name: "number eq", data: { weight: 2.5 }, filter: c("weight", "eq", 2.5), expected: true },
  { name: "number lt numerically (9 < 10)", data: { weight: 9 }, filter: c("weight", "lt", 10), expected: true },
  { name: "number gte", data: { weight: 10 }, filter: c("weight", "gte", 10), expected: true },
  { name: "number gt false", data: { weight: 10 }, filter: c("weight", "gt", 10), expected: false },
  { name: "number between", data: { weight: -1 }, filter: c("weight", "between", [-2, 0]), expected: true },
  { name: "number in", data: { weight: 3 }, filter: c("weight", "in", [1, 2, 3]), expected: true },
  { name: "integer neq", data: { qty: 3 }, filter: c("qty", "neq", 4), expected: true },
  { name: "integer lte", data: { qty: 3 }, filter: c("qty", "lte", 2), expected: false },
  // currency compares its amount
  {
    name: "currency eq amount",
    data: { price: { amount: 12.5, currency: "EUR" } },
    filter: c("price", "eq", 12.5),
    expected: true,
  },
  {
    name: "currency gt amount",
    data: { price: { amount: 100, currency: "USD" } },
    filter: c("price", "gt", 99.99),
    expected: true,
  },
  {
    name: "currency between ignores code",
    data: { price: { amount: 5, currency: "JPY" } },
    filter: c("price", "between", [5, 5]),
    expected: true,
  },
  { name: "currency is_null on empty", data: {}, filter: c("price", "is_null", true), expected: true },
  // boolean
  { name: "boolean eq true", data: { active: true }, filter: c("active", "eq", true), expected: true },
  { name: "boolean eq false on true", data: { active: true }, filter: c("active", "eq", false), expected: false },
  { name: "boolean neq", data: { active: false }, filter: c("active", "neq", true), expected: true },
  // dates compare as text
  { name: "date eq", data: { due: "2026-03-01" }, filter: c("due", "eq", "2026-03-01"), expected: true },
  { name: "date lt", data: { due: "2026-02-28" }, filter: c("due", "lt", "2026-03-01"), expected: true },
  {
    name: "date between",
    data: { due: "2026-12-31" },
    filter: c("due", "between", ["2026-01-01", "2026-12-31"]),
    expected: true,
  },
  { name: "date in", data: { due: "2026-01-02" }, filter: c("due", "in", ["2026-01-01"]), expected: false },
  // datetime values are normalised to canonical UTC before the text comparison
  {
    name: "datetime eq with offset",
    data: { at: "2026-01-01T08:30:00.000000Z" },
    filter: c("at", "eq", "2026-01-01T09:30:00+01:00"),
    expected: true,
  },
  {
    name: "datetime eq across midnight",
    data: { at: "2025-12-31T23:00:00.000000Z" },
    filter: c("at", "eq", "2026-01-01T00:00:00.000+01:00"),
    expected: true,
  },
  {
    name: "datetime lt negative offset",
    data: { at: "2026-01-01T11:59:59.999999Z" },
    filter: c("at", "lt", "2026-01-01T08:00:00-04:00"),
    expected: true,
  },
  {
    name: "datetime lt is strict at the same instant",
    data: { at: "2026-01-01T12:00:00.000000Z" },
    filter: c("at", "lt", "2026-01-01T08:00:00-04:00"),
    expected: false,
  },
  {
    name: "datetime gte microseconds",
    data: { at: "2026-01-01T00:00:00.000001Z" },
    filter: c("at", "gte", "2026-01-01T00:00:00.0000005Z"),
    expected: true,
  },
  {
    name: "datetime between",
    data: { at: "2026-06-15T12:00:00.000000Z" },
    filter: c("at", "between", ["2026-06-15T00:00Z", "2026-06-15T23:59:59.999999Z"]),
    expected: true,
  },
  {
    name: "datetime in",
    data: { at: "2026-06-15T12:00:00.000000Z" },
    filter: c("at", "in", ["2026-06-15T14:00:00+02:00"]),
    expected: true,
  },
  // choices
  { name: "single_select eq", data: { color: "RED" }, filter: c("color", "eq", "RED"), expected: true },
  { name: "single_select in", data: { color: "RED" }, filter: c("color", "in", ["GREEN", "BLUE"]), expected: false },
  { name: "status neq", data: { state: "DONE" }, filter: c("state", "neq", "PENDING"), expected: true },
  { name: "multi_select contains option", data: { tags: ["a", "c"] }, filter: c("tags", "contains", "c"), expected: true },
  { name: "multi_select contains missing", data: { tags: ["a"] }, filter: c("tags", "contains", "b"), expected: false },
  { name: "multi_select in any", data: { tags: ["a", "c"] }, filter: c("tags", "in", ["b", "c"]), expected: true },
  { name: "multi_select in none", data: { tags: ["a"] }, filter: c("tags", "in", ["b", "c"]), expected: false },
  { name: "multi_select is_null on []", data: { tags: [] }, filter: c("tags", "is_null", true), expected: true },
  { name: "multi_select is_null false", data: { tags: ["b"] }, filter: c("tags", "is_null", false), expected: true },
  // ids
  { name: "member eq", data: { owner: uuid(7) }, filter: c("owner", "eq", uuid(7)), expected: true },
  { name: "reference in", data: { customer: uuid(101) }, filter: c("customer", "in", [uuid(101)]), expected: true },
  { name: "json is_null false", data: { meta: { a: 1 } }, filter: c("meta", "is_null", false), expected: true },
  { name: "json is_null true on null", data: { meta: null }, filter: c("meta", "is_null", true), expected: true },
];

/** Conditions on an empty value are false, whatever the operator, except is_null. */
const emptyRows: Row[] = [
  ["name", "eq", "x"],
  ["name", "neq", "x"],
  ["name", "lt", "x"],
  ["name", "contains", "x"],
  ["notes", "starts_with", "x"],
  ["weight", "neq", 1],
  ["weight", "between", [0, 1]],
  ["qty", "in", [1]],
  ["active", "neq", true],
  ["due", "gte", "2026-01-01"],
  ["at", "lt", "2026-01-01T00:00:00Z"],
  ["color", "neq", "RED"],
  ["tags", "contains", "a"],
  ["tags", "in", ["a"]],
  ["price", "neq", 1],
  ["customer", "neq", uuid(101)],
  ["owner", "in", [uuid(1)]],
  ["state", "eq", "DONE"],
].flatMap(([field, op, value]) => [
  { name: `${field} ${op} on absent is false`, data: {}, filter: c(field as string, op as string, value), expected: false },
  {
    name: `${field} ${op} on null is false`,
    data: { [field as string]: null },
    filter: c(field as string, op as string, value),
    expected: false,
  },
  {
    name: `not ${field} ${op} on absent is true`,
    data: {},
    filter: { not: c(field as string, op as string, value) },
    expected: true,
  },
]);

describe("matchesFilter", () => {
  test.each([...rows, ...emptyRows])("$name", ({ data, filter, expected }) => {
    expect(validateFilter(filter, FIELDS, referenced)).toEqual([]);
    expect(matchesFilter(filter, entity(1, data), ctx)).toBe(expected);
  });
});

describe("neq and not", () => {
  const present = entity(1, { color: "RED" });
  const other = entity(2, { color: "BLUE" });
  const empty = entity(3, {});
  test.each([
    { name: "neq: present and different", filter: c("color", "neq", "RED"), selected: [other] },
    { name: "not eq: also empty values", filter: { not: c("color", "eq", "RED") }, selected: [other, empty] },
    { name: "not neq: equal or empty", filter: { not: c("color", "neq", "RED") }, selected: [present, empty] },
    { name: "not not eq is eq", filter: { not: { not: c("color", "eq", "RED") } }, selected: [present] },
  ])("$name", ({ filter, selected }) => {
    expect([present, other, empty].filter((e) => matchesFilter(filter, e, ctx))).toEqual(selected);
  });
});

describe("groups", () => {
  const bolt = entity(1, { name: "Bolt", weight: 2 });
  test.each([
    { name: "and: all hold", filter: { and: [c("name", "eq", "Bolt"), c("weight", "lt", 3)] }, expected: true },
    { name: "and: one fails", filter: { and: [c("name", "eq", "Bolt"), c("weight", "gt", 3)] }, expected: false },
    { name: "or: one holds", filter: { or: [c("name", "eq", "Nut"), c("weight", "lt", 3)] }, expected: true },
    { name: "or: none holds", filter: { or: [c("name", "eq", "Nut"), c("weight", "gt", 3)] }, expected: false },
    { name: "not of or", filter: { not: { or: [c("name", "eq", "Nut"), c("qty", "eq", 1)] } }, expected: true },
  ])("$name", ({ filter, expected }) => {
    expect(matchesFilter(filter, bolt, ctx)).toBe(expected);
  });
});

describe("system fields and reference traversal", () => {
  const order = entity(
    5,
    { customer: uuid(101) },
    { created_at: "2026-02-01T10:00:00.000000Z", created_by: uuid(7), updated_by: null, version: 3 },
  );
  const orphan = entity(6, { customer: uuid(999) });
  const none = entity(7, {});
  test.each([
    { name: "id eq", filter: c("id", "eq", uuid(5)), expected: [true, false, false] },
    { name: "id neq", filter: c("id", "neq", uuid(5)), expected: [false, true, true] },
    {
      name: "created_at gt with offset",
      filter: c("created_at", "gt", "2026-02-01T10:30:00+01:00"),
      expected: [true, false, false],
    },
    { name: "created_by eq", filter: c("created_by", "eq", uuid(7)), expected: [true, false, false] },
    { name: "updated_by is_null", filter: c("updated_by", "is_null", true), expected: [true, true, true] },
    { name: "version gte", filter: c("version", "gte", 2), expected: [true, false, false] },
    { name: "ref.field eq", filter: c("customer.name", "eq", "Acme"), expected: [true, false, false] },
    { name: "ref.field contains", filter: c("customer.name", "contains", "ACM"), expected: [true, false, false] },
    {
      name: "ref.field is_null: no or dangling reference",
      filter: c("customer.tier", "is_null", true),
      expected: [false, true, true],
    },
    { name: "ref.field neq on missing target", filter: c("customer.tier", "neq", "SILVER"), expected: [true, false, false] },
    { name: "ref.system field", filter: c("customer.id", "eq", uuid(101)), expected: [true, false, false] },
  ])("$name", ({ filter, expected }) => {
    expect(validateFilter(filter, FIELDS, referenced)).toEqual([]);
    expect([order, orphan, none].map((e) => matchesFilter(filter, e, ctx))).toEqual(expected);
  });

  test("system datetimes in PostgREST form are normalised", () => {
    const e = entity(8, {}, { created_at: "2026-02-01T10:00:00.5+00:00" });
    expect(matchesFilter(c("created_at", "eq", "2026-02-01T10:00:00.500000Z"), e, ctx)).toBe(true);
  });

  test("a data key named like an Object.prototype member reads as empty", () => {
    const fields = [{ key: "constructor", label: "C", type: "text" as const }];
    expect(matchesFilter(c("constructor", "is_null", true), entity(9, {}), { fields })).toBe(true);
  });

  test("an unknown field throws instead of guessing", () => {
    expect(() => matchesFilter(c("nope", "eq", "x"), entity(1), ctx)).toThrow(/unknown field/);
  });
});
