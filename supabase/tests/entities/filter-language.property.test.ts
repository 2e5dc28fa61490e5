import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { uniqueName } from "../../../packages/devstack/src/testing/index.ts";
import {
  type EvaluationContext,
  type FieldDefinition,
  type FieldType,
  type Filter,
  type FilterCondition,
  type FilterEntity,
  type FilterOperator,
  isSystemField,
  matchesFilter,
  OPERATORS_BY_TYPE,
  type ResolvedField,
  type Sort,
  sortEntities,
  validateFilter,
  validateSort,
} from "../../../packages/shared/src/index.ts";
import { type Blueprint, filterArb, filterPaths, sortArb } from "../../../packages/shared/test/filters/arbitraries.ts";
import { adminSql, createTenant, newSignedInUser, type SignedInUser } from "../helpers.ts";

/**
 * The filter language as the database runs it agrees with the reference evaluator of
 * packages/shared: for random blueprints (a random subset of the field types, and a
 * reference field into a second blueprint for `ref.field` paths), random entities
 * written through create_entities and random valid filters and sorts, the ids
 * query_entities returns, walking every page, are the ids matchesFilter + sortEntities
 * select over the entities as the API reads them back, in the same order. Field names
 * never become SQL, and values are data: LIKE wildcards and quotes match literally.
 */

const SEED = 20261121;
const BLUEPRINTS = 5;
const RUNS_PER_BLUEPRINT = 150;

type Entity = FilterEntity & { blueprint_version: number };
type Page = { entities: Entity[]; next_cursor: string | null; count: { value: number; exact: boolean } | null };
type World = {
  blueprintId: string;
  blueprint: Blueprint;
  entities: Entity[];
  ctx: EvaluationContext<Entity>;
  /** Values present in the entities for each filter path, to build conditions that match something. */
  observed: Map<string, unknown[]>;
};

const RANDOM_TYPES: FieldType[] = [
  "text",
  "email",
  "integer",
  "number",
  "currency",
  "boolean",
  "date",
  "datetime",
  "single_select",
  "multi_select",
  "status",
  "member",
  "long_text",
  "reference",
  "url",
  "phone",
  "json",
];
const OPTION_VALUES = ["A", "B", "C", "a", "É"];
const TEXTS = [
  "a",
  "A",
  "ab",
  "Ab",
  "b",
  "B",
  "é",
  "É",
  "Zebra",
  "zeb",
  "😀",
  "\uE000",
  "  padded  ",
  "x%y",
  "a_b",
  "back\\slash",
  "' or ''='",
  "100%",
];
const LONG_TEXTS = ["Zebra\nline", "a\nÉ", "ab", "100% sure", "under_score", "  lead", "back\\slash\n"];
const EMAILS = ["a@b.co", "Z@B.CO", " x.y@ex.org ", "a%b@c.io", "a_b@c.io"];
const NUMBERS: unknown[] = [-1.5, 0, 0.1, 0.25, 2, "2.50", 3, 9, 10, 10.5, 1e6, -0.01];
const URLS = ["https://a.io", "HTTP://B.io/x?q=%", "http://b.io/a_b"];
const PHONES = ["+33 1 23", "555-0100", "(0) 12.34"];
const JSONS: unknown[] = [{ a: 1 }, [1], "x", "", 0, false];
const DATES = ["2024-02-29", "2026-01-01", "2026-01-02", "1999-12-31", "2040-06-15"];
const DATETIMES = [
  "2026-01-01T00:00:00Z",
  "2026-01-01T01:00:00+01:00", // the same instant
  "2025-12-31T23:59:59.999999Z",
  "2026-06-15T12:30:00.5-07:00",
  "2030-01-01T00:00:00.000001Z",
  "2026-01-01 08:15:00", // no offset: the tenant's timezone (UTC)
];

/** The referenced blueprint: keys follow the arbitraries' `f_<type>` convention. */
const TARGET_FIELDS: FieldDefinition[] = [
  { key: "f_text", label: "Text", type: "text" },
  { key: "f_integer", label: "Integer", type: "integer" },
  { key: "f_single_select", label: "Single", type: "single_select", options: [{ value: "A" }, { value: "B" }, { value: "C" }] },
  { key: "f_multi_select", label: "Multi", type: "multi_select", options: [{ value: "A" }, { value: "B" }, { value: "C" }] },
  { key: "f_date", label: "Date", type: "date" },
  { key: "f_datetime", label: "Datetime", type: "datetime" },
  { key: "f_boolean", label: "Boolean", type: "boolean" },
];

const sql = adminSql();
afterAll(() => sql.end());

let admin: SignedInUser;
let tenant: string;
let memberIds: string[];
let targetsBlueprint: string;
let targets: Entity[];
const worlds: World[] = [];

async function rpc<T>(user: SignedInUser, fn: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await user.client.rpc(fn, args);
  if (error) throw new Error(`${fn} failed: ${error.code} ${error.message} ${error.details ?? ""}`);
  return data as T;
}

/** Every page of a query with `limit` per page; the first asks for the count. */
async function walk(
  blueprintId: string,
  filter: Filter | undefined,
  sort: Sort | undefined,
  limit: number,
): Promise<{ ids: string[]; count: number | undefined }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let count: number | undefined;
  for (let pages = 0; pages < 200; pages++) {
    const page: Page = await rpc(admin, "query_entities", {
      p_blueprint_id: blueprintId,
      p_filter: filter ?? null,
      p_sort: sort ?? null,
      p_limit: limit,
      p_cursor: cursor,
      p_count: pages === 0,
    });
    if (pages === 0) count = page.count?.value;
    ids.push(...page.entities.map((e) => e.id));
    if (page.next_cursor === null) return { ids, count };
    if (page.entities.length !== limit) throw new Error(`a page of ${page.entities.length} with a next cursor`);
    cursor = page.next_cursor;
  }
  throw new Error("more than 200 pages");
}

async function entitiesOf(blueprintId: string): Promise<Entity[]> {
  const page: Page = await rpc(admin, "query_entities", { p_blueprint_id: blueprintId, p_limit: 200 });
  expect(page.next_cursor).toBeNull();
  return page.entities;
}

function fieldOf(type: FieldType, options: string[], targetBlueprint: string): FieldDefinition {
  const base = { key: `f_${type}`, label: type.replace("_", " "), type };
  if (type === "single_select" || type === "multi_select" || type === "status") {
    return { ...base, options: options.map((value) => ({ value })) };
  }
  if (type === "reference") return { ...base, reference: { blueprint_id: targetBlueprint, on_delete: "restrict" } };
  return base;
}

/** A value as a user would send it (not always canonical), or an empty one. */
function inputArb(field: FieldDefinition): fc.Arbitrary<unknown> {
  const options = field.options?.map((o) => o.value) ?? [];
  const value = ((): fc.Arbitrary<unknown> => {
    switch (field.type) {
      case "text":
        return fc.constantFrom(...TEXTS);
      case "long_text":
        return fc.constantFrom(...LONG_TEXTS);
      case "email":
        return fc.constantFrom(...EMAILS);
      case "integer":
        return fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(1000, -9007199254740991, 9007199254740991));
      case "number":
        return fc.constantFrom(...NUMBERS);
      case "currency":
        return fc.record({ amount: fc.constantFrom(...NUMBERS), currency: fc.constantFrom("EUR", "USD") });
      case "boolean":
        return fc.boolean();
      case "date":
        return fc.constantFrom(...DATES);
      case "datetime":
        return fc.constantFrom(...DATETIMES);
      case "single_select":
      case "status":
        return fc.constantFrom(...options);
      case "multi_select":
        return fc.shuffledSubarray(options, { minLength: 1 });
      case "url":
        return fc.constantFrom(...URLS);
      case "phone":
        return fc.constantFrom(...PHONES);
      case "json":
        return fc.constantFrom(...JSONS);
      case "member":
        return fc.constantFrom(...memberIds);
      case "reference":
        return fc.constantFrom(...targets.map((t) => t.id));
      default:
        throw new Error(`no values for ${field.type}`);
    }
  })();
  return fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function rowArb(fields: readonly FieldDefinition[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(...fields.map(inputArb)).map((values) => {
    const row: Record<string, unknown> = {};
    fields.forEach((field, i) => {
      if (values[i] !== undefined) row[field.key] = values[i];
    });
    return row;
  });
}

/** The raw value a path reads from an entity, as the evaluator reads it. */
function rawOf(field: ResolvedField, entity: Entity): unknown {
  let holder: Entity | undefined = entity;
  if (field.via !== undefined) {
    const id = entity.data[field.via];
    holder = typeof id === "string" ? targets.find((t) => t.id === id) : undefined;
  }
  if (!holder) return undefined;
  return isSystemField(field.key)
    ? holder[field.key]
    : Object.hasOwn(holder.data, field.key)
      ? holder.data[field.key]
      : undefined;
}

/** The operand form of a stored value: the amount of a currency; other values as stored. */
function operandOf(field: ResolvedField, raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  if (field.type === "currency") return (raw as { amount: number }).amount;
  return raw;
}

/** A condition whose operand comes from the data (so eq, in and between can match). */
function observedConditionArb(world: Omit<World, "ctx">): fc.Arbitrary<Filter> {
  const paths = filterPaths(world.blueprint).filter((f) => (world.observed.get(f.path) ?? []).length > 0);
  return fc.constantFrom(...paths).chain((field) => {
    const seen = world.observed.get(field.path) ?? [];
    const one: fc.Arbitrary<unknown> = fc.constantFrom(...seen);
    return fc.constantFrom(...OPERATORS_BY_TYPE[field.type]).chain((op: FilterOperator): fc.Arbitrary<Filter> => {
      const condition = (value: fc.Arbitrary<unknown>) =>
        value.map((v): FilterCondition => ({ field: field.path, op, value: v }));
      if (op === "is_null") return condition(fc.boolean());
      if (field.type === "multi_select") {
        const choices = [...new Set(seen.flat() as string[])];
        return op === "in"
          ? condition(fc.subarray(choices, { minLength: 1, maxLength: Math.min(3, choices.length) }))
          : condition(fc.constantFrom(...choices));
      }
      if (op === "contains" || op === "starts_with") {
        // a piece of a stored text (whole characters), in another case now and then
        return condition(
          fc
            .tuple(one, fc.nat(), fc.nat(), fc.constantFrom("same", "upper", "lower"))
            .map(([text, a, b, casing]) => {
              const chars = Array.from(String(text));
              const start = op === "starts_with" ? 0 : a % chars.length;
              const piece = chars.slice(start, start + 1 + (b % (chars.length - start))).join("");
              return casing === "upper" ? piece.toUpperCase() : casing === "lower" ? piece.toLowerCase() : piece;
            })
            .filter((piece) => piece.length > 0),
        );
      }
      if (op === "between") return condition(fc.tuple(one, one));
      if (op === "in") return condition(fc.array(one, { minLength: 1, maxLength: 4 }));
      return condition(one);
    });
  });
}

/** How a generated node wraps its children; "none" (first, so shrinking goes there) passes the first child through. */
const WRAPS = ["none", "none", "none", "and", "or", "not"] as const;

/**
 * Filters mixing the arbitraries' random operands with operands seen in the data, `depth`
 * levels at most. A node is (wrap, children) so that a failing `{or: [a, b]}` or `{not: a}`
 * shrinks to `a`: fast-check then prints a minimal counterexample.
 */
function worldFilterArb(world: Omit<World, "ctx">, depth: number): fc.Arbitrary<Filter> {
  const leaf = fc.oneof(
    { weight: 1, arbitrary: filterArb(world.blueprint, 1) },
    { weight: 2, arbitrary: observedConditionArb(world) },
  );
  if (depth <= 1) return leaf;
  const inner = worldFilterArb(world, depth - 1);
  return fc
    .tuple(fc.integer({ min: 0, max: WRAPS.length - 1 }), fc.array(inner, { minLength: 1, maxLength: 3 }))
    .map(([w, children]): Filter => {
      const wrap = WRAPS[w];
      const first = children[0] as Filter;
      if (wrap === "and") return { and: children };
      if (wrap === "or") return { or: children };
      return wrap === "not" ? { not: first } : first;
    });
}

/** What differs between the evaluator's answer and the API's, with the entities' data. */
function explain(world: World, expected: string[], got: string[]): string {
  const show = (id: string) => {
    const e = world.entities.find((x) => x.id === id);
    return `  ${id} v${e?.version} ${JSON.stringify(e?.data)}`;
  };
  const missing = expected.filter((id) => !got.includes(id));
  const extra = got.filter((id) => !expected.includes(id));
  if (missing.length > 0 || extra.length > 0) {
    return [
      `the API returned ${got.length} entities, the evaluator selects ${expected.length}`,
      `selected by the evaluator only (${missing.length}):`,
      ...missing.slice(0, 5).map(show),
      `returned by the API only (${extra.length}):`,
      ...extra.slice(0, 5).map(show),
    ].join("\n");
  }
  const at = expected.findIndex((id, i) => got[i] !== id);
  return [
    `same entities, another order: first difference at position ${at}`,
    `evaluator:`,
    ...expected.slice(Math.max(0, at - 1), at + 3).map(show),
    `API:`,
    ...got.slice(Math.max(0, at - 1), at + 3).map(show),
  ].join("\n");
}

beforeAll(async () => {
  const [creator, editor, viewer] = await Promise.all([
    newSignedInUser("filters-admin"),
    newSignedInUser("filters-editor"),
    newSignedInUser("filters-viewer"),
  ]);
  admin = creator;
  tenant = await createTenant(admin, uniqueName("Filter Language"));
  for (const [user, role] of [
    [editor, "editor"],
    [viewer, "viewer"],
  ] as const) {
    await sql`insert into public.tenant_members (tenant_id, user_id) values (${tenant}, ${user.id})`;
    await sql`
      insert into public.member_roles (tenant_id, user_id, role_id)
      select ${tenant}, ${user.id}, id from public.roles where tenant_id = ${tenant} and key = ${role}`;
  }
  memberIds = [admin.id, editor.id, viewer.id];

  targetsBlueprint = (
    await rpc<{ id: string }>(admin, "create_blueprint", { p_tenant_id: tenant, p_name: "Targets", p_fields: TARGET_FIELDS })
  ).id;
  const targetRows = fc.sample(rowArb(TARGET_FIELDS), { seed: SEED, numRuns: 6 });
  await rpc(admin, "create_entities", { p_blueprint_id: targetsBlueprint, p_rows: [...targetRows, {}] });
  targets = await entitiesOf(targetsBlueprint);

  // The first blueprint has every type; the others a random subset.
  const specs = fc.sample(
    fc.record({
      types: fc.shuffledSubarray(RANDOM_TYPES, { minLength: 3, maxLength: 9 }),
      options: fc.shuffledSubarray(OPTION_VALUES, { minLength: 1, maxLength: 4 }),
      size: fc.integer({ min: 30, max: 50 }),
      seed: fc.integer(),
    }),
    { seed: SEED, numRuns: BLUEPRINTS },
  );
  specs[0] = { ...(specs[0] as (typeof specs)[number]), types: RANDOM_TYPES, options: OPTION_VALUES };

  for (const [n, spec] of specs.entries()) {
    const fields = spec.types.map((type) => fieldOf(type, spec.options, targetsBlueprint));
    const { id } = await rpc<{ id: string }>(admin, "create_blueprint", {
      p_tenant_id: tenant,
      p_name: `Random ${n}`,
      p_fields: fields,
    });
    const rows = fc.sample(rowArb(fields), { seed: spec.seed, numRuns: spec.size });
    // Two transactions: two creation times, ties within each.
    const half = Math.floor(rows.length / 2);
    await rpc(editor, "create_entities", { p_blueprint_id: id, p_rows: rows.slice(0, half) });
    const second = await rpc<{ entities: Entity[] }>(admin, "create_entities", { p_blueprint_id: id, p_rows: rows.slice(half) });
    // A few updates by another member: versions, updated_at and updated_by differ.
    const rewrites = fc.sample(rowArb(fields), { seed: spec.seed + 1, numRuns: 5 });
    await rpc(editor, "update_entities", {
      p_updates: second.entities.slice(0, 5).map((e, i) => ({ id: e.id, expected_version: 1, changes: rewrites[i] ?? {} })),
    });

    const entities = await entitiesOf(id);
    const blueprint: Blueprint = { fields, targetFields: TARGET_FIELDS };
    const observed = new Map<string, unknown[]>();
    for (const path of filterPaths(blueprint)) {
      const values = entities.map((e) => operandOf(path, rawOf(path, e))).filter((v) => v !== undefined);
      observed.set(path.path, values);
    }
    worlds.push({
      blueprintId: id,
      blueprint,
      entities,
      observed,
      ctx: {
        fields,
        referencedFields: (key) => (key === "f_reference" ? TARGET_FIELDS : undefined),
        resolve: (key, entityId) => (key === "f_reference" ? targets.find((t) => t.id === entityId) : undefined),
      },
    });
  }
}, 120_000);

describe("query_entities agrees with the reference evaluator", () => {
  test.each(Array.from({ length: BLUEPRINTS }, (_, n) => n))(
    "random blueprint %i: filters, sorts and keyset pages",
    async (n) => {
      const world = worlds[n] as World;
      const referenced = world.ctx.referencedFields;
      await fc.assert(
        fc.asyncProperty(
          worldFilterArb(world, 4),
          fc.option(sortArb(world.blueprint), { nil: undefined, freq: 4 }),
          fc.constantFrom(3, 7, 16),
          async (filter, sort, limit) => {
            expect(validateFilter(filter, world.blueprint.fields, referenced)).toEqual([]);
            if (sort) expect(validateSort(sort, world.blueprint.fields, referenced)).toEqual([]);
            const expected = sortEntities(
              world.entities.filter((e) => matchesFilter(filter, e, world.ctx)),
              sort,
              world.ctx,
            ).map((e) => e.id);
            const got = await walk(world.blueprintId, filter, sort, limit);
            if (got.ids.join() !== expected.join()) throw new Error(explain(world, expected, got.ids));
            expect(got.count).toBe(expected.length);
          },
        ),
        { seed: SEED + n, numRuns: RUNS_PER_BLUEPRINT },
      );
    },
    120_000,
  );
});

describe("fixed cases (minimal counterexamples of the property)", () => {
  test.each(["created_at", "updated_at", "f_reference.created_at"].map((path) => ({ path })))(
    "$path in [instants] selects what eq selects for each instant",
    async ({ path }) => {
      const world = worlds[0] as World;
      const instants = [...new Set((world.observed.get(path) ?? []) as string[])].slice(0, 2);
      expect(instants.length).toBeGreaterThan(0);
      const expected = new Set<string>();
      for (const instant of instants) {
        for (const id of (await walk(world.blueprintId, { field: path, op: "eq", value: instant }, undefined, 200)).ids)
          expected.add(id);
      }
      const filter: Filter = { field: path, op: "in", value: instants };
      const { data, error, status } = await admin.client.rpc("query_entities", {
        p_blueprint_id: world.blueprintId,
        p_filter: filter,
        p_limit: 200,
      });
      expect({ status, error }).toEqual({ status: 200, error: null });
      const got = (data as Page).entities.map((e) => e.id);
      expect(got.sort()).toEqual([...expected].sort());
      expect(got.sort()).toEqual(
        world.entities
          .filter((e) => matchesFilter(filter, e, world.ctx))
          .map((e) => e.id)
          .sort(),
      );
    },
  );

  describe("a multi select behind a reference", () => {
    const FIELDS = (targetBlueprint: string): FieldDefinition[] => [
      { key: "f_reference", label: "Target", type: "reference", reference: { blueprint_id: targetBlueprint } },
      { key: "f_multi_select", label: "Own choices", type: "multi_select", options: [{ value: "A" }, { value: "B" }] },
    ];
    let sources: string;
    let rows: Entity[];
    let withB: Entity;
    let ctx: EvaluationContext<Entity>;

    beforeAll(async () => {
      const created = await rpc<{ entities: Entity[] }>(admin, "create_entities", {
        p_blueprint_id: targetsBlueprint,
        p_rows: [{ f_text: "target with B", f_multi_select: ["B"] }, { f_text: "target without choices" }],
      });
      const [b, none] = created.entities as [Entity, Entity];
      withB = b;
      sources = (
        await rpc<{ id: string }>(admin, "create_blueprint", {
          p_tenant_id: tenant,
          p_name: "Sources",
          p_fields: FIELDS(targetsBlueprint),
        })
      ).id;
      await rpc(admin, "create_entities", {
        p_blueprint_id: sources,
        p_rows: [
          { f_reference: b.id, f_multi_select: ["A"] }, // the target has B, the source A
          { f_reference: b.id }, // the target has B, the source nothing
          { f_reference: none.id, f_multi_select: ["B"] }, // the source has B, the target nothing
          { f_multi_select: ["B"] }, // no target
        ],
      });
      rows = await entitiesOf(sources);
      const all = [...targets, ...created.entities];
      ctx = {
        fields: FIELDS(targetsBlueprint),
        referencedFields: (key) => (key === "f_reference" ? TARGET_FIELDS : undefined),
        resolve: (_key, id) => all.find((t) => t.id === id),
      };
    });

    test.each<{ name: string; filter: Filter }>([
      { name: "contains", filter: { field: "f_reference.f_multi_select", op: "contains", value: "B" } },
      { name: "in", filter: { field: "f_reference.f_multi_select", op: "in", value: ["B"] } },
      { name: "is_null false", filter: { field: "f_reference.f_multi_select", op: "is_null", value: false } },
    ])("f_reference.f_multi_select $name reads the referenced entity's choices", async ({ filter }) => {
      const expected = rows.filter((e) => e.data.f_reference === withB.id).map((e) => e.id);
      expect(expected).toHaveLength(2);
      expect(
        rows
          .filter((e) => matchesFilter(filter, e, ctx))
          .map((e) => e.id)
          .sort(),
      ).toEqual([...expected].sort());
      expect((await walk(sources, filter, undefined, 200)).ids.sort()).toEqual([...expected].sort());
    });
  });
});

describe("field names never become SQL", () => {
  const HOSTILE_NAMES = [
    "x'); drop table public.entities; --",
    "data->>'a'",
    'name" or 1=1 --',
    "f_text' or '1'='1",
    "f_text) or (true",
    "e.data",
    "F_TEXT",
    " f_text",
    "f_text.",
    "f_reference.f_text'); --",
    "f_reference.f_reference.f_text",
    "__proto__",
    "constructor",
  ];

  test.each(HOSTILE_NAMES.map((name) => ({ name })))("filter field $name: 422 FOVAL unknown_field", async ({ name }) => {
    const world = worlds[0] as World;
    for (const [filter, path] of [
      [{ field: name, op: "eq", value: "x" }, "filter"],
      [
        { and: [{ field: "f_text", op: "is_null", value: false }, { not: { field: name, op: "is_null", value: true } }] },
        "filter.and.1.not",
      ],
    ] as const) {
      const { error, status } = await admin.client.rpc("query_entities", { p_blueprint_id: world.blueprintId, p_filter: filter });
      expect(status).toBe(422);
      expect(error?.code).toBe("FOVAL");
      expect(JSON.parse(error?.details ?? "{}")).toEqual({ field: path, rule: "unknown_field" });
      // the shared validator says the same
      expect(validateFilter(filter, world.blueprint.fields, world.ctx.referencedFields).map((i) => [i.path, i.rule])).toEqual([
        [path, "unknown_field"],
      ]);
    }
    const sorted = await admin.client.rpc("query_entities", {
      p_blueprint_id: world.blueprintId,
      p_sort: [{ field: name, direction: "asc" }],
    });
    expect(sorted.status).toBe(422);
    expect(JSON.parse(sorted.error?.details ?? "{}")).toEqual({ field: "sort.0", rule: "unknown_field" });
  });

  test("the entities are all still there", async () => {
    const world = worlds[0] as World;
    const [table] = await sql<{ name: string | null }[]>`select to_regclass('public.entities')::text as name`;
    expect(table?.name).toBe("entities");
    expect((await walk(world.blueprintId, undefined, undefined, 200)).ids).toHaveLength(world.entities.length);
  });
});

describe("values are data", () => {
  const VALUES = [
    "100%",
    "100 percent",
    "%lead",
    "a_b",
    "axb",
    "_lead",
    "back\\slash",
    "backslash",
    "' or ''='",
    "plain",
    "x'); drop table public.entities; --",
  ];
  const FIELDS: FieldDefinition[] = [{ key: "f_text", label: "Text", type: "text" }];
  let literals: string;
  let entities: Entity[];
  const valuesOf = (ids: string[]) => ids.map((id) => entities.find((e) => e.id === id)?.data.f_text).sort();

  beforeAll(async () => {
    literals = (
      await rpc<{ id: string }>(admin, "create_blueprint", { p_tenant_id: tenant, p_name: "Literals", p_fields: FIELDS })
    ).id;
    await rpc(admin, "create_entities", { p_blueprint_id: literals, p_rows: VALUES.map((f_text) => ({ f_text })) });
    entities = await entitiesOf(literals);
  });

  test.each<{ name: string; filter: Filter; expected: string[] }>([
    { name: "contains %", filter: { field: "f_text", op: "contains", value: "%" }, expected: ["%lead", "100%"] },
    { name: "contains _", filter: { field: "f_text", op: "contains", value: "_" }, expected: ["_lead", "a_b"] },
    { name: "contains \\", filter: { field: "f_text", op: "contains", value: "\\" }, expected: ["back\\slash"] },
    { name: "starts_with %", filter: { field: "f_text", op: "starts_with", value: "%" }, expected: ["%lead"] },
    { name: "starts_with _", filter: { field: "f_text", op: "starts_with", value: "_" }, expected: ["_lead"] },
    { name: "contains 0%", filter: { field: "f_text", op: "contains", value: "0%" }, expected: ["100%"] },
    { name: "eq a quote trick", filter: { field: "f_text", op: "eq", value: "' or ''='" }, expected: ["' or ''='"] },
    { name: "contains a quote trick", filter: { field: "f_text", op: "contains", value: "' or ''='" }, expected: ["' or ''='"] },
    {
      name: "in with a quote trick",
      filter: { field: "f_text", op: "in", value: ["' or ''='", "plain"] },
      expected: ["' or ''='", "plain"],
    },
    {
      name: "eq a statement",
      filter: { field: "f_text", op: "eq", value: "x'); drop table public.entities; --" },
      expected: ["x'); drop table public.entities; --"],
    },
    {
      name: "neq a quote trick",
      filter: { field: "f_text", op: "neq", value: "' or ''='" },
      expected: VALUES.filter((v) => v !== "' or ''='").sort(),
    },
  ])("$name", async ({ filter, expected }) => {
    const got = (await walk(literals, filter, undefined, 4)).ids;
    expect(valuesOf(got)).toEqual(expected);
    const ctx = { fields: FIELDS };
    expect(got.sort()).toEqual(
      entities
        .filter((e) => matchesFilter(filter, e, ctx))
        .map((e) => e.id)
        .sort(),
    );
  });

  test.each([
    { search: "%", expected: ["%lead", "100%"] },
    { search: "_", expected: ["_lead", "a_b"] },
    { search: "\\", expected: ["back\\slash"] },
    { search: "' OR", expected: ["' or ''='"] },
  ])("p_search $search is a literal substring", async ({ search, expected }) => {
    const page: Page = await rpc(admin, "query_entities", { p_blueprint_id: literals, p_search: search });
    expect(page.entities.map((e) => e.data.f_text).sort()).toEqual(expected);
  });
});
