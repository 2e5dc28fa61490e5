import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FieldDefinition, type Sort, sortEntities } from "../../../packages/shared/src/index.ts";
import type { SignedInUser } from "../helpers.ts";
import {
  call,
  create,
  createBlueprint,
  createMany,
  type Entity,
  ids,
  type QueryArgs,
  query,
  refused,
  setUpTenant,
  sql,
  walk,
} from "./fixtures.ts";

/**
 * query_entities through supabase-js: filters, sorts, keyset and offset pages, counts,
 * search, and bad filters refused with the node at fault.
 */

afterAll(() => sql.end());

let editor: SignedInUser;

beforeAll(async () => {
  ({ editor } = await setUpTenant("Entities query"));
});

describe("query_entities", () => {
  // label, size (ties, empties), weight (ties, empties), city, sent, tags
  const ROWS: Record<string, unknown>[] = [
    { label: "Box 01", size: 3, weight: 1.5, city: "AMS", sent: "2026-01-05", tags: ["fragile"] },
    { label: "box 02", size: 1, weight: 2, city: "BER", sent: "2026-01-01" },
    { label: "Crate 03", size: 3, city: "AMS", tags: ["fragile", "cold"] },
    { label: "Crate 04", weight: 2, city: "CDG", sent: "2026-02-10" },
    { label: "Bag 05", size: 2, weight: 0.5, sent: "2026-01-20", tags: ["cold"] },
    { label: "Bag 06", size: 3, weight: 2 },
    { label: "100% cotton 07", size: 1, city: "BER", sent: "2026-01-05" },
    { label: "Box_08", weight: 10, city: "AMS", tags: ["heavy"] },
    { size: 2, weight: 9, city: "CDG", sent: "2025-12-31" },
    { label: "Envelope 10", size: 5, weight: 0.1, city: "BER", sent: "2026-03-01", tags: ["fragile", "heavy"] },
    { label: "Envelope 11", size: 5, city: "AMS" },
    { label: "Pallet 12", size: 4, weight: 200, city: "CDG", sent: "2026-01-05", tags: ["heavy"] },
    { label: "Pallet 13", weight: 200 },
    { label: "Tube 14", size: 1, weight: 1.5, city: "AMS", sent: "2026-02-01" },
    { label: "tube 15", size: 2, city: "BER", tags: ["cold"] },
    { label: "Crate 16", size: 3, weight: 2, city: "CDG", sent: "2026-01-31" },
    { label: "Box 17", size: 4, sent: "2026-01-05" },
    { label: "Bag 18", weight: 0.5, city: "AMS", tags: ["fragile"] },
    { label: "Crate 19", size: 2, weight: 1.5, city: "BER", sent: "2026-02-28" },
    { label: "Box 20", size: 3, weight: 2, city: "AMS", sent: "2026-01-01", tags: ["cold", "heavy"] },
    { label: "Parcel 21", size: 1 },
    { label: "Parcel 22", weight: 9, city: "CDG", sent: "2026-01-15" },
  ];
  const FIELDS: FieldDefinition[] = [
    { key: "label", label: "Label", type: "text" },
    { key: "size", label: "Size", type: "integer" },
    { key: "weight", label: "Weight", type: "number" },
    { key: "city", label: "City", type: "single_select", options: [{ value: "AMS" }, { value: "BER" }, { value: "CDG" }] },
    { key: "sent", label: "Sent", type: "date" },
    {
      key: "tags",
      label: "Tags",
      type: "multi_select",
      options: [{ value: "fragile" }, { value: "cold" }, { value: "heavy" }],
    },
  ];
  let parcels: string;
  let rows: Entity[];
  const ctx = { fields: FIELDS };
  /** Ids of the rows matching a plain predicate on their data, in the order given. */
  const where = (predicate: (data: Record<string, unknown>) => boolean) => rows.filter((e) => predicate(e.data)).map((e) => e.id);
  const sorted = (list: string[]) => [...list].sort();

  beforeAll(async () => {
    parcels = (await createBlueprint(editor, "Parcels", FIELDS)).id;
    // Two batches: two creation times, and ties within each.
    rows = [...(await createMany(editor, parcels, ROWS.slice(0, 11))), ...(await createMany(editor, parcels, ROWS.slice(11)))];
  });

  test.each<{ name: string; filter: unknown; predicate: (d: Record<string, unknown>) => boolean }>([
    { name: "gte on a number", filter: { field: "size", op: "gte", value: 3 }, predicate: (d) => Number(d.size) >= 3 },
    {
      name: "neq matches present, different values only",
      filter: { field: "city", op: "neq", value: "AMS" },
      predicate: (d) => d.city !== undefined && d.city !== "AMS",
    },
    {
      name: "not eq also matches empty values",
      filter: { not: { field: "city", op: "eq", value: "AMS" } },
      predicate: (d) => d.city !== "AMS",
    },
    { name: "is_null true", filter: { field: "size", op: "is_null", value: true }, predicate: (d) => d.size === undefined },
    {
      name: "contains ignores case",
      filter: { field: "label", op: "contains", value: "BOX" },
      predicate: (d) =>
        String(d.label ?? "")
          .toLowerCase()
          .includes("box"),
    },
    {
      name: "starts_with ignores case",
      filter: { field: "label", op: "starts_with", value: "tube" },
      predicate: (d) =>
        String(d.label ?? "")
          .toLowerCase()
          .startsWith("tube"),
    },
    {
      name: "between dates, inclusive",
      filter: { field: "sent", op: "between", value: ["2026-01-05", "2026-01-31"] },
      predicate: (d) => typeof d.sent === "string" && d.sent >= "2026-01-05" && d.sent <= "2026-01-31",
    },
    {
      name: "multi_select in: has any of them",
      filter: { field: "tags", op: "in", value: ["cold", "heavy"] },
      predicate: (d) => Array.isArray(d.tags) && d.tags.some((t) => t === "cold" || t === "heavy"),
    },
    {
      name: "and / or / not together",
      filter: {
        and: [
          {
            or: [
              { field: "city", op: "in", value: ["AMS", "BER"] },
              { field: "weight", op: "gt", value: 100 },
            ],
          },
          { not: { field: "tags", op: "contains", value: "fragile" } },
        ],
      },
      predicate: (d) =>
        (d.city === "AMS" || d.city === "BER" || Number(d.weight ?? 0) > 100) &&
        !(Array.isArray(d.tags) && d.tags.includes("fragile")),
    },
  ])("filter: $name", async ({ filter, predicate }) => {
    const page = await query(editor, parcels, { p_filter: filter });
    expect(sorted(ids(page.entities))).toEqual(sorted(where(predicate)));
  });

  test("a bad filter or sort is refused with 422 FOVAL and the node at fault", async () => {
    const unknown = await refused(editor, "query_entities", {
      p_blueprint_id: parcels,
      p_filter: {
        and: [
          { field: "size", op: "eq", value: 1 },
          { field: "colour", op: "eq", value: "red" },
        ],
      },
    });
    expect(unknown).toMatchObject({ status: 422, code: "FOVAL", details: { field: "filter.and.1", rule: "unknown_field" } });
    const operator = await refused(editor, "query_entities", {
      p_blueprint_id: parcels,
      p_filter: { field: "tags", op: "eq", value: "cold" },
    });
    expect(operator).toMatchObject({ status: 422, code: "FOVAL", details: { field: "filter", rule: "operator" } });
    const value = await refused(editor, "query_entities", {
      p_blueprint_id: parcels,
      p_filter: { field: "city", op: "eq", value: "LHR" },
    });
    expect(value).toMatchObject({ status: 422, code: "FOVAL", details: { field: "filter", rule: "value" } });
    const sort = await refused(editor, "query_entities", {
      p_blueprint_id: parcels,
      p_sort: [{ field: "tags", direction: "asc" }],
    });
    expect(sort).toMatchObject({ status: 422, code: "FOVAL", details: { field: "sort.0", rule: "operator" } });
  });

  test("multi-key sort: city asc, then size desc, empty values last in both directions", async () => {
    const page = await query(editor, parcels, {
      p_sort: [
        { field: "city", direction: "asc" },
        { field: "size", direction: "desc" },
      ],
      p_filter: { field: "label", op: "is_null", value: false },
    });
    const seen = page.entities.map((e) => `${e.data.city ?? "-"}/${e.data.size ?? "-"}`);
    // Within equal (city, size), the id decides, in the last key's direction (desc).
    expect(seen).toEqual([
      "AMS/5",
      "AMS/3",
      "AMS/3",
      "AMS/3",
      "AMS/1",
      "AMS/-",
      "AMS/-",
      "BER/5",
      "BER/2",
      "BER/2",
      "BER/1",
      "BER/1",
      "CDG/4",
      "CDG/3",
      "CDG/-",
      "CDG/-",
      "-/4",
      "-/3",
      "-/2",
      "-/1",
      "-/-",
    ]);
    const ties = page.entities.filter((e) => e.data.city === "AMS" && e.data.size === 3).map((e) => e.id);
    expect(ties).toEqual([...ties].sort().reverse());
  });

  test.each<{ name: string; sort?: Sort; limit: number }>([
    { name: "default (created_at desc: ties within a batch)", limit: 5 },
    {
      name: "size asc, label desc (ties and empty values)",
      sort: [
        { field: "size", direction: "asc" },
        { field: "label", direction: "desc" },
      ],
      limit: 3,
    },
    { name: "weight desc (ties and empty values)", sort: [{ field: "weight", direction: "desc" }], limit: 4 },
    {
      name: "city desc, sent asc, weight desc",
      sort: [
        { field: "city", direction: "desc" },
        { field: "sent", direction: "asc" },
        { field: "weight", direction: "desc" },
      ],
      limit: 2,
    },
    {
      name: "created_at asc, version asc (no empty values: a row comparison)",
      sort: [
        { field: "created_at", direction: "asc" },
        { field: "version", direction: "asc" },
      ],
      limit: 4,
    },
  ])("keyset pages walk every entity once, in order: $name", async ({ sort, limit }) => {
    const all = await query(editor, parcels, sort ? { p_sort: sort } : {});
    expect(all.entities).toHaveLength(ROWS.length);
    expect(ids(all.entities)).toEqual(ids(sortEntities(rows, sort, ctx)));
    const walked = await walk(editor, parcels, sort ? { p_sort: sort } : {}, limit);
    expect(walked).toEqual(ids(all.entities));
  });

  test("a keyset walk with a filter, and a cursor is stable under inserts before it", async () => {
    const args: QueryArgs = {
      p_filter: { field: "weight", op: "lt", value: 100 },
      p_sort: [
        { field: "weight", direction: "asc" },
        { field: "label", direction: "asc" },
      ],
    };
    const all = ids((await query(editor, parcels, args)).entities);
    expect(await walk(editor, parcels, args, 3)).toEqual(all);

    const first = await query(editor, parcels, { ...args, p_limit: 5 });
    const extra = await create(editor, parcels, { label: "Feather 99", weight: 0.01 }); // sorts first
    const rest = await walk(editor, parcels, { ...args, p_cursor: first.next_cursor ?? undefined }, 5);
    expect([...ids(first.entities), ...rest]).toEqual(all);
    await call(editor, "delete_entity", { p_entity_id: extra.id });
  });

  test("a cursor of another sort is refused", async () => {
    const first = await query(editor, parcels, { p_limit: 2 });
    const bad = await refused(editor, "query_entities", {
      p_blueprint_id: parcels,
      p_limit: 2,
      p_cursor: first.next_cursor,
      p_sort: [
        { field: "size", direction: "asc" },
        { field: "label", direction: "asc" },
      ],
    });
    expect(bad).toMatchObject({ status: 422, code: "FOVAL", details: { field: "cursor", rule: "format" } });
  });

  test("offset pages: the page at offset k holds entities k to k + limit - 1 of the whole order", async () => {
    const sort: Sort = [
      { field: "sent", direction: "desc" },
      { field: "label", direction: "asc" },
    ];
    const all = ids((await query(editor, parcels, { p_sort: sort })).entities);
    const pages: string[][] = [];
    for (let offset = 0; offset < all.length; offset += 5) {
      pages.push(ids((await query(editor, parcels, { p_sort: sort, p_limit: 5, p_offset: offset })).entities));
    }
    const expected = pages.map((_, i) => all.slice(i * 5, i * 5 + 5));
    expect(pages[1]).toEqual(expected[1]);
    expect(pages).toEqual(expected);
    const middle = await query(editor, parcels, { p_sort: sort, p_limit: 3, p_offset: 2 });
    expect(ids(middle.entities)).toEqual(all.slice(2, 5));
  });

  test("offset and cursor do not mix; the offset is at most 10000", async () => {
    const first = await query(editor, parcels, { p_limit: 5 });
    const mixed = await refused(editor, "query_entities", { p_blueprint_id: parcels, p_offset: 5, p_cursor: first.next_cursor });
    expect(mixed).toMatchObject({ status: 422, code: "FOVAL", details: { field: "offset", rule: "range" } });
    expect(await refused(editor, "query_entities", { p_blueprint_id: parcels, p_offset: 10001 })).toMatchObject({
      status: 422,
      details: { field: "offset", rule: "range" },
    });
  });

  test("p_count: exact under the cap, estimated (exact: false) over it", async () => {
    const exact = await query(editor, parcels, { p_count: true, p_limit: 2 });
    expect(exact.count).toEqual({ value: ROWS.length, exact: true });
    const filtered = await query(editor, parcels, {
      p_count: true,
      p_limit: 2,
      p_filter: { field: "city", op: "eq", value: "AMS" },
    });
    expect(filtered.count).toEqual({ value: where((d) => d.city === "AMS").length, exact: true });
    const capped = await query(editor, parcels, { p_count: true, p_count_cap: 5, p_limit: 2 });
    expect(capped.count).toMatchObject({ exact: false, at_least: 6 });
    expect(capped.count?.value).toBeGreaterThanOrEqual(6);
    expect((await query(editor, parcels, { p_limit: 2 })).count).toBeNull();
  });

  test("p_search: a case-insensitive substring of the text values, wildcards literal", async () => {
    const box = await query(editor, parcels, { p_search: "  BOX " });
    expect(sorted(ids(box.entities))).toEqual(
      sorted(
        where((d) =>
          String(d.label ?? "")
            .toLowerCase()
            .includes("box"),
        ),
      ),
    );
    const percent = await query(editor, parcels, { p_search: "%" });
    expect(percent.entities.map((e) => e.data.label)).toEqual(["100% cotton 07"]);
    const underscore = await query(editor, parcels, { p_search: "x_0" });
    expect(underscore.entities.map((e) => e.data.label)).toEqual(["Box_08"]);
    // select values are searched too
    const cold = await query(editor, parcels, {
      p_search: "cold",
      p_filter: { field: "label", op: "starts_with", value: "bag" },
    });
    expect(cold.entities.map((e) => e.data.label)).toEqual(["Bag 05"]);
  });
});
