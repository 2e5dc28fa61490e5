import { describe, expect, test } from "vitest";
import { compareText, type FilterEntity, type Sort, sortEntities } from "../../src/index.ts";
import { ctx, entity, uuid } from "./fixtures.ts";

const ids = (entities: FilterEntity[]) => entities.map((e) => Number.parseInt(e.id.slice(-12), 16));

describe("sortEntities", () => {
  const rows: FilterEntity[] = [
    entity(4, { name: "b", weight: 10, active: true, at: "2026-01-02T00:00:00.000000Z" }),
    entity(2, { name: "B", weight: 9, active: false }),
    entity(3, { weight: 10, active: true, at: "2026-01-01T00:00:00.000000Z" }),
    entity(1, { name: "a", price: { amount: 3, currency: "EUR" } }),
    entity(5, { name: "b", weight: 10, price: { amount: 2, currency: "USD" } }),
  ];
  test.each<{ name: string; sort: Sort; expected: number[] }>([
    { name: "text asc in byte order, empty last", sort: [{ field: "name", direction: "asc" }], expected: [2, 1, 4, 5, 3] },
    { name: "text desc, empty still last", sort: [{ field: "name", direction: "desc" }], expected: [5, 4, 1, 2, 3] },
    {
      name: "number asc numerically (9 < 10), empty last",
      sort: [{ field: "weight", direction: "asc" }],
      expected: [2, 3, 4, 5, 1],
    },
    { name: "number desc, ties by id desc", sort: [{ field: "weight", direction: "desc" }], expected: [5, 4, 3, 2, 1] },
    { name: "boolean asc: false first", sort: [{ field: "active", direction: "asc" }], expected: [2, 3, 4, 1, 5] },
    { name: "datetime desc, empties by id desc", sort: [{ field: "at", direction: "desc" }], expected: [4, 3, 5, 2, 1] },
    { name: "currency by amount", sort: [{ field: "price", direction: "asc" }], expected: [5, 1, 2, 3, 4] },
    {
      name: "two keys",
      sort: [
        { field: "weight", direction: "desc" },
        { field: "name", direction: "desc" },
      ],
      expected: [5, 4, 3, 2, 1],
    },
    { name: "id desc", sort: [{ field: "id", direction: "desc" }], expected: [5, 4, 3, 2, 1] },
  ])("$name", ({ sort, expected }) => {
    expect(ids(sortEntities(rows, sort, ctx))).toEqual(expected);
  });

  test("default is created_at desc, then id desc", () => {
    const entities = [
      entity(1, {}, { created_at: "2026-01-01T00:00:00.000000Z" }),
      entity(3, {}, { created_at: "2026-01-03T00:00:00.000000Z" }),
      entity(2, {}, { created_at: "2026-01-03T00:00:00.000000Z" }),
    ];
    expect(ids(sortEntities(entities, undefined, ctx))).toEqual([3, 2, 1]);
  });

  test("sorting by a referenced field, missing targets last", () => {
    const entities = [entity(1, {}), entity(2, { customer: uuid(102) }), entity(3, { customer: uuid(101) })];
    expect(ids(sortEntities(entities, [{ field: "customer.name", direction: "desc" }], ctx))).toEqual([2, 3, 1]);
  });

  test("does not reorder its input", () => {
    const input = [entity(2), entity(1)];
    sortEntities(input, [{ field: "id", direction: "asc" }], ctx);
    expect(ids(input)).toEqual([2, 1]);
  });
});

describe('compareText (COLLATE "C")', () => {
  test.each([
    { name: "upper before lower", a: "Z", b: "a", expected: -1 },
    { name: "prefix first", a: "ab", b: "abc", expected: -1 },
    { name: "equal", a: "é", b: "é", expected: 0 },
    { name: "accented after ASCII", a: "é", b: "z", expected: 1 },
    { name: "astral after U+FFFD, as UTF-8 bytes", a: "😀", b: "\uFFFD", expected: 1 },
    { name: "astral after U+E000", a: "\uE000", b: "😀", expected: -1 },
    { name: "BMP below surrogates", a: "\u4E00", b: "😀", expected: -1 },
  ])("$name", ({ a, b, expected }) => {
    expect(compareText(a, b)).toBe(expected);
    expect(compareText(b, a)).toBe(0 - expected);
    expect(Math.sign(Buffer.compare(Buffer.from(a), Buffer.from(b)))).toBe(expected);
  });
});
