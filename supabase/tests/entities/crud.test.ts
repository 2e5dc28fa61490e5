import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { uniqueName } from "../../../packages/devstack/src/testing/index.ts";
import { type FieldDefinition, type FilterEntity, type Sort, sortEntities } from "../../../packages/shared/src/index.ts";
import { adminSql, createTenant, newSignedInUser, type SignedInUser } from "../helpers.ts";

/**
 * Entities through supabase-js and PostgREST, as an Editor of a fresh tenant uses them:
 * single and bulk writes (all or none, errors naming the row), optimistic concurrency,
 * value checks, blueprint versions, queries (filters, sorts, keyset and offset pages,
 * counts, search), the trash, a flow transition, and what a Viewer and a member of
 * another tenant may not do (docs/entities.md).
 */

type Entity = FilterEntity & {
  blueprint_id?: string;
  blueprint_version: number;
  deleted_at?: string | null;
};
type Count = { value: number; exact: boolean; at_least?: number };
type Page = { entities: Entity[]; next_cursor: string | null; count: Count | null; blueprint_version: number };
type Blueprint = { id: string; version: number; fields: { key: string }[]; deleted_at: string | null };
type QueryArgs = {
  p_filter?: unknown;
  p_sort?: Sort;
  p_limit?: number;
  p_cursor?: string;
  p_offset?: number;
  p_count?: boolean;
  p_count_cap?: number;
  p_search?: string;
};
type Refusal = {
  status: number;
  code: string | undefined;
  details: { field: string | null; rule: string } | null;
  message: string;
};

const sql = adminSql();
afterAll(() => sql.end());

let admin: SignedInUser;
let editor: SignedInUser;
let viewer: SignedInUser;
let outsider: SignedInUser;
let tenant: string;
let customers: string;
let deliveries: string;
let acme: Entity;

/** The answer of an RPC that must succeed. */
async function call<T>(user: SignedInUser, fn: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await user.client.rpc(fn, args);
  if (error) throw new Error(`${fn} failed: ${error.code} ${error.message} ${error.details ?? ""}`);
  return data as T;
}

/** The refusal of an RPC that must fail: HTTP status, code and the parsed {field, rule}. */
async function refused(user: SignedInUser, fn: string, args: Record<string, unknown>): Promise<Refusal> {
  const { data, error, status } = await user.client.rpc(fn, args);
  if (!error) throw new Error(`${fn} should have been refused but answered ${JSON.stringify(data)}`);
  return { status, code: error.code, details: error.details ? JSON.parse(error.details) : null, message: error.message };
}

const createBlueprint = async (user: SignedInUser, name: string, fields: unknown[]) =>
  call<Blueprint>(user, "create_blueprint", { p_tenant_id: tenant, p_name: name, p_fields: fields });
const create = (user: SignedInUser, blueprint: string, data: Record<string, unknown>) =>
  call<Entity>(user, "create_entity", { p_blueprint_id: blueprint, p_data: data });
const createMany = async (user: SignedInUser, blueprint: string, rows: Record<string, unknown>[]) =>
  (await call<{ entities: Entity[] }>(user, "create_entities", { p_blueprint_id: blueprint, p_rows: rows })).entities;
const get = (user: SignedInUser, id: string) => call<Entity>(user, "get_entity", { p_entity_id: id });
const query = (user: SignedInUser, blueprint: string, args: QueryArgs = {}) =>
  call<Page>(user, "query_entities", { p_blueprint_id: blueprint, p_limit: 200, ...args });
const ids = (entities: { id: string }[]) => entities.map((e) => e.id);

/** Every page of a query, following next_cursor; fails on a page that repeats an id. */
async function walk(user: SignedInUser, blueprint: string, args: QueryArgs, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 500; pages++) {
    const page = await query(user, blueprint, { ...args, p_limit: limit, ...(cursor ? { p_cursor: cursor } : {}) });
    for (const id of ids(page.entities)) {
      if (seen.includes(id)) throw new Error(`page ${pages + 1} repeats ${id}`);
      seen.push(id);
    }
    if (page.next_cursor === null) return seen;
    expect(page.entities).toHaveLength(limit);
    cursor = page.next_cursor;
  }
  throw new Error("more than 500 pages");
}

async function addMember(user: SignedInUser, role: "admin" | "editor" | "viewer", tenantId = tenant): Promise<void> {
  await sql`insert into public.tenant_members (tenant_id, user_id) values (${tenantId}, ${user.id})`;
  await sql`
    insert into public.member_roles (tenant_id, user_id, role_id)
    select ${tenantId}, ${user.id}, id from public.roles where tenant_id = ${tenantId} and key = ${role}`;
}

const historyOf = async (entityId: string) =>
  sql<{ action: string; transition_key: string | null; from_state: string | null; to_state: string | null }[]>`
    select action, transition_key, from_state, to_state from public.entity_history where entity_id = ${entityId} order by id`;

beforeAll(async () => {
  [admin, editor, viewer, outsider] = await Promise.all([
    newSignedInUser("entities-admin"),
    newSignedInUser("entities-editor"),
    newSignedInUser("entities-viewer"),
    newSignedInUser("entities-outsider"),
  ]);
  tenant = await createTenant(admin, uniqueName("Entities CRUD"));
  await addMember(editor, "editor");
  await addMember(viewer, "viewer");
  // Date-times without an offset are read in the tenant's timezone.
  await call(admin, "update_tenant", { p_tenant_id: tenant, p_changes: { timezone: "Europe/Berlin" } });
  await createTenant(outsider, uniqueName("Entities Outsider"));

  customers = (await createBlueprint(editor, "Customers", [{ key: "name", label: "Name", type: "text", required: true }])).id;
  deliveries = (
    await createBlueprint(editor, "Deliveries", [
      { key: "cargo", label: "Cargo", type: "text", required: true },
      { key: "code", label: "Code", type: "text", unique: true },
      { key: "weight", label: "Weight", type: "number", scale: 2, min: 0 },
      { key: "qty", label: "Quantity", type: "integer" },
      { key: "due", label: "Due", type: "date" },
      { key: "at", label: "Pick-up", type: "datetime" },
      { key: "email", label: "Contact", type: "email" },
      {
        key: "tags",
        label: "Tags",
        type: "multi_select",
        options: [{ value: "red" }, { value: "green" }, { value: "blue" }],
      },
      {
        key: "status",
        label: "Status",
        type: "status",
        options: [{ value: "PENDING" }, { value: "IN_PROGRESS" }, { value: "DELIVERED" }],
      },
      { key: "price", label: "Price", type: "currency", currencies: ["EUR", "USD"] },
      { key: "customer", label: "Customer", type: "reference", reference: { blueprint_id: customers, on_delete: "restrict" } },
      { key: "notes", label: "Notes", type: "long_text" },
    ])
  ).id;
  acme = await create(editor, customers, { name: "Acme" });
});

describe("one entity: create, get, update, delete, restore", () => {
  let piano: Entity;

  test("create stores the canonical form; get returns it with its blueprint version", async () => {
    piano = await create(editor, deliveries, {
      cargo: "  Piano  ",
      code: "P-1",
      weight: 12.5,
      qty: 2,
      due: "2026-03-01",
      at: "2026-03-01T10:00:00",
      email: " Ops@Example.COM ",
      tags: ["blue", "red"],
      price: { amount: 99.9, currency: "EUR" },
      customer: acme.id.toUpperCase(),
      notes: "line one\nline two",
    });
    expect(piano).toMatchObject({ version: 1, blueprint_version: 1, created_by: editor.id, updated_by: editor.id });
    expect(piano.data).toEqual({
      cargo: "Piano",
      code: "P-1",
      weight: 12.5,
      qty: 2,
      due: "2026-03-01",
      at: "2026-03-01T09:00:00.000000Z", // 10:00 in Berlin
      email: "ops@example.com",
      tags: ["red", "blue"], // the options' order
      status: "PENDING", // a status starts in its first state
      price: { amount: 99.9, currency: "EUR" },
      customer: acme.id,
      notes: "line one\nline two",
    });
    expect(await get(editor, piano.id)).toEqual(piano);
    expect(await get(viewer, piano.id)).toEqual(piano);
  });

  test("update patches the given fields (null clears) and bumps the version", async () => {
    const updated = await call<Entity>(editor, "update_entity", {
      p_entity_id: piano.id,
      p_expected_version: 1,
      p_changes: { weight: 13, notes: null, at: "2026-03-01T12:00:00Z" },
    });
    expect(updated.version).toBe(2);
    expect(updated.data).toEqual({
      ...piano.data,
      weight: 13,
      at: "2026-03-01T12:00:00.000000Z",
      notes: undefined,
    });
    expect(updated.data).not.toHaveProperty("notes");
    expect(await get(editor, piano.id)).toEqual(updated);
    piano = updated;
  });

  test("a stale expected_version is refused with 409 FOCON and changes nothing", async () => {
    const stale = await refused(editor, "update_entity", { p_entity_id: piano.id, p_expected_version: 1, p_changes: { qty: 5 } });
    expect(stale).toMatchObject({ status: 409, code: "FOCON", details: { field: "expected_version", rule: "stale" } });
    expect(await get(editor, piano.id)).toEqual(piano);
  });

  test("a unique value taken by another live entity is refused with 409 FOCON", async () => {
    const taken = await refused(editor, "create_entity", { p_blueprint_id: deliveries, p_data: { cargo: "Copy", code: "p-1" } });
    expect(taken).toMatchObject({ status: 409, code: "FOCON", details: { field: "code", rule: "unique" } });
  });

  test("delete moves it to the trash: still readable by id, gone from queries, not editable", async () => {
    const deleted = await call<Entity>(editor, "delete_entity", { p_entity_id: piano.id });
    expect(deleted.deleted_at).not.toBeNull();
    expect(deleted.version).toBe(3);
    expect((await get(editor, piano.id)).deleted_at).toBe(deleted.deleted_at);
    const live = await query(editor, deliveries, { p_filter: { field: "id", op: "eq", value: piano.id } });
    expect(live.entities).toEqual([]);
    const edit = await refused(editor, "update_entity", { p_entity_id: piano.id, p_expected_version: 3, p_changes: { qty: 1 } });
    expect(edit).toMatchObject({ status: 409, code: "FOCON", details: { field: "entity_id", rule: "in_trash" } });
    // its unique value is free while it is in the trash
    const other = await create(editor, deliveries, { cargo: "Interim", code: "P-1" });
    await call(editor, "delete_entity", { p_entity_id: other.id });
  });

  test("restore brings it back as it was", async () => {
    const restored = await call<Entity>(editor, "restore_entity", { p_entity_id: piano.id });
    expect(restored).toMatchObject({ deleted_at: null, version: 4, data: piano.data });
    const live = await query(editor, deliveries, { p_filter: { field: "id", op: "eq", value: piano.id } });
    expect(ids(live.entities)).toEqual([piano.id]);
    expect((await historyOf(piano.id)).map((h) => h.action)).toEqual(["create", "update", "delete", "restore"]);
  });
});

describe("values are checked: 422 FOVAL naming the field and the rule", () => {
  test.each<{ name: string; data: Record<string, unknown>; field: string; rule: string }>([
    { name: "more decimals than the scale", data: { cargo: "x", weight: 1.234 }, field: "weight", rule: "scale" },
    { name: "below min", data: { cargo: "x", weight: -1 }, field: "weight", rule: "min" },
    { name: "a fraction in an integer", data: { cargo: "x", qty: 1.5 }, field: "qty", rule: "integer" },
    { name: "a number as text", data: { cargo: "x", weight: "heavy" }, field: "weight", rule: "type" },
    { name: "not a calendar day", data: { cargo: "x", due: "2026-02-30" }, field: "due", rule: "format" },
    { name: "a line break in one-line text", data: { cargo: "a\nb" }, field: "cargo", rule: "format" },
    { name: "not an email", data: { cargo: "x", email: "nobody" }, field: "email", rule: "format" },
    { name: "an unknown option", data: { cargo: "x", tags: ["purple"] }, field: "tags", rule: "option" },
    {
      name: "a currency not listed",
      data: { cargo: "x", price: { amount: 1, currency: "GBP" } },
      field: "price",
      rule: "currency",
    },
    { name: "a reference to nothing", data: { cargo: "x", customer: randomUUID() }, field: "customer", rule: "reference" },
    { name: "an unknown field", data: { cargo: "x", colour: "red" }, field: "colour", rule: "unknown_field" },
    { name: "a missing required value", data: { weight: 1 }, field: "cargo", rule: "required" },
    { name: "a required value that is only spaces", data: { cargo: "   " }, field: "cargo", rule: "required" },
  ])("$name", async ({ data, field, rule }) => {
    const bad = await refused(editor, "create_entity", { p_blueprint_id: deliveries, p_data: data });
    expect(bad).toMatchObject({ status: 422, code: "FOVAL", details: { field, rule } });
  });
});

describe("bulk writes are all or none, and an error names the row", () => {
  test("create_entities creates every row in order", async () => {
    const rows = await createMany(editor, deliveries, [{ cargo: "Bulk A" }, { cargo: "Bulk B" }, { cargo: "Bulk C" }]);
    expect(rows.map((e) => e.data.cargo)).toEqual(["Bulk A", "Bulk B", "Bulk C"]);
    expect(new Set(rows.map((e) => e.version))).toEqual(new Set([1]));
  });

  test("one bad row refuses the batch: field rows.2.weight, nothing written", async () => {
    const bad = await refused(editor, "create_entities", {
      p_blueprint_id: deliveries,
      p_rows: [{ cargo: "Batch 1" }, { cargo: "Batch 2" }, { cargo: "Batch 3", weight: "heavy" }],
    });
    expect(bad).toMatchObject({ status: 422, code: "FOVAL", details: { field: "rows.2.weight", rule: "type" } });
    expect(bad.message).toMatch(/^Row 3: /);
    const written = await query(editor, deliveries, { p_filter: { field: "cargo", op: "starts_with", value: "Batch" } });
    expect(written.entities).toEqual([]);
  });

  test("a unique clash between two rows of the batch names the second row", async () => {
    const clash = await refused(editor, "create_entities", {
      p_blueprint_id: deliveries,
      p_rows: [
        { cargo: "Twin", code: "TWIN" },
        { cargo: "Twin", code: "twin" },
      ],
    });
    expect(clash).toMatchObject({ status: 409, code: "FOCON", details: { field: "rows.1.code", rule: "unique" } });
    expect((await query(editor, deliveries, { p_filter: { field: "cargo", op: "eq", value: "Twin" } })).entities).toEqual([]);
  });

  test("update_entities: a bad or stale row refuses every update", async () => {
    const [a, b] = await createMany(editor, deliveries, [
      { cargo: "Upd A", qty: 1 },
      { cargo: "Upd B", qty: 1 },
    ]);
    if (!a || !b) throw new Error("two rows expected");
    const invalid = await refused(editor, "update_entities", {
      p_updates: [
        { id: a.id, expected_version: 1, changes: { qty: 2 } },
        { id: b.id, expected_version: 1, changes: { weight: -5 } },
      ],
    });
    expect(invalid).toMatchObject({ status: 422, code: "FOVAL", details: { field: "updates.1.weight", rule: "min" } });
    const stale = await refused(editor, "update_entities", {
      p_updates: [
        { id: a.id, expected_version: 1, changes: { qty: 2 } },
        { id: b.id, expected_version: 7, changes: { qty: 2 } },
      ],
    });
    expect(stale).toMatchObject({ status: 409, code: "FOCON", details: { field: "updates.1.expected_version", rule: "stale" } });
    expect(await get(editor, a.id)).toEqual(a);

    const { entities } = await call<{ entities: Entity[] }>(editor, "update_entities", {
      p_updates: [
        { id: a.id, expected_version: 1, changes: { qty: 2 } },
        { id: b.id, expected_version: 1, changes: { qty: 3, cargo: "Upd B2" } },
      ],
    });
    expect(entities.map((e) => [e.version, e.data.qty, e.data.cargo])).toEqual([
      [2, 2, "Upd A"],
      [2, 3, "Upd B2"],
    ]);
  });

  test("delete_entities: an unknown id or a refused delete leaves every entity live", async () => {
    const [a, b] = await createMany(editor, deliveries, [{ cargo: "Del A" }, { cargo: "Del B", customer: acme.id }]);
    if (!a || !b) throw new Error("two rows expected");
    const unknown = await refused(editor, "delete_entities", { p_ids: [a.id, randomUUID()] });
    expect(unknown).toMatchObject({ status: 404, code: "FONF0", details: { field: "ids.1.entity_id", rule: "exists" } });
    // Acme is referenced (restrict) by live deliveries: the second delete fails after the first ran.
    const referenced = await refused(editor, "delete_entities", { p_ids: [a.id, acme.id] });
    expect(referenced).toMatchObject({ status: 409, code: "FOCON", details: { field: "ids.1.customer", rule: "referenced" } });
    expect((await get(editor, a.id)).deleted_at).toBeNull();
    expect((await get(editor, acme.id)).deleted_at).toBeNull();

    const { entities } = await call<{ entities: Entity[] }>(editor, "delete_entities", { p_ids: [a.id, b.id] });
    expect(entities.every((e) => e.deleted_at !== null)).toBe(true);
    const left = await query(editor, deliveries, { p_filter: { field: "id", op: "in", value: [a.id, b.id] } });
    expect(left.entities).toEqual([]);
  });
});

describe("who", () => {
  test("an unknown blueprint or entity is 404 FONF0", async () => {
    const nowhere = randomUUID();
    expect(await refused(editor, "create_entity", { p_blueprint_id: nowhere, p_data: { cargo: "x" } })).toMatchObject({
      status: 404,
      code: "FONF0",
      details: { field: "blueprint_id", rule: "exists" },
    });
    expect(await refused(editor, "query_entities", { p_blueprint_id: nowhere })).toMatchObject({ status: 404, code: "FONF0" });
    expect(await refused(editor, "get_entity", { p_entity_id: nowhere })).toMatchObject({
      status: 404,
      code: "FONF0",
      details: { field: "entity_id", rule: "exists" },
    });
  });

  test("a Viewer reads but cannot write: 403 FODEN, nothing written", async () => {
    const before = await query(viewer, deliveries, { p_count: true });
    const denied = await refused(viewer, "create_entity", { p_blueprint_id: deliveries, p_data: { cargo: "Viewer's" } });
    expect(denied).toMatchObject({ status: 403, code: "FODEN", details: { field: null, rule: "permission" } });
    const bulk = await refused(viewer, "create_entities", { p_blueprint_id: deliveries, p_rows: [{ cargo: "Viewer's" }] });
    expect(bulk).toMatchObject({ status: 403, code: "FODEN" });
    const [first] = before.entities;
    if (!first) throw new Error("deliveries expected");
    const edit = await refused(viewer, "update_entity", {
      p_entity_id: first.id,
      p_expected_version: first.version,
      p_changes: {},
    });
    expect(edit).toMatchObject({ status: 403, code: "FODEN" });
    expect(await refused(viewer, "delete_entity", { p_entity_id: first.id })).toMatchObject({ status: 403, code: "FODEN" });
    expect((await query(viewer, deliveries, { p_count: true })).count).toEqual(before.count);
  });

  test("a member of another tenant gets 404 for the entity and the blueprint", async () => {
    const [entity] = (await query(editor, deliveries, { p_limit: 1 })).entities;
    if (!entity) throw new Error("a delivery expected");
    const notFound = { status: 404, code: "FONF0" };
    expect(await refused(outsider, "get_entity", { p_entity_id: entity.id })).toMatchObject({
      ...notFound,
      details: { field: "entity_id", rule: "exists" },
    });
    expect(
      await refused(outsider, "update_entity", { p_entity_id: entity.id, p_expected_version: entity.version, p_changes: {} }),
    ).toMatchObject(notFound);
    expect(await refused(outsider, "delete_entity", { p_entity_id: entity.id })).toMatchObject(notFound);
    expect(await refused(outsider, "restore_entity", { p_entity_id: entity.id })).toMatchObject(notFound);
    expect(await refused(outsider, "query_entities", { p_blueprint_id: deliveries })).toMatchObject({
      ...notFound,
      details: { field: "blueprint_id", rule: "exists" },
    });
    expect(await refused(outsider, "create_entity", { p_blueprint_id: deliveries, p_data: { cargo: "x" } })).toMatchObject(
      notFound,
    );
    expect(
      await refused(outsider, "update_blueprint", {
        p_blueprint_id: deliveries,
        p_expected_version: 1,
        p_changes: [{ op: "set_details", name: "Mine" }],
      }),
    ).toMatchObject(notFound);
    expect(await refused(outsider, "delete_blueprint", { p_blueprint_id: deliveries })).toMatchObject(notFound);
    const { data, error } = await outsider.client.from("blueprints").select("id").eq("id", deliveries);
    expect(error).toBeNull();
    expect(data).toEqual([]);
    expect((await get(editor, entity.id)).version).toBe(entity.version);
  });
});

describe("blueprint versions", () => {
  test("editing a blueprint leaves old entities readable with their blueprint_version", async () => {
    const notes = await createBlueprint(editor, "Notes", [
      { key: "title", label: "Title", type: "text", required: true },
      { key: "size", label: "Size", type: "integer" },
    ]);
    const old = await create(editor, notes.id, { title: "old", size: 3 });
    const edited = await call<Blueprint>(editor, "update_blueprint", {
      p_blueprint_id: notes.id,
      p_expected_version: 1,
      p_changes: [
        { op: "rename_field", from: "size", to: "weight" },
        { op: "add_field", field: { key: "color", label: "Color", type: "single_select", options: [{ value: "RED" }] } },
      ],
    });
    expect(edited.version).toBe(2);
    expect(edited.fields.map((f) => f.key)).toEqual(["title", "weight", "color"]);
    const stale = await refused(editor, "update_blueprint", {
      p_blueprint_id: notes.id,
      p_expected_version: 1,
      p_changes: [{ op: "set_details", name: "Stale notes" }],
    });
    expect(stale).toMatchObject({ status: 409, code: "FOCON", details: { field: "expected_version", rule: "stale" } });

    expect(await get(editor, old.id)).toEqual(old);
    const { data: versions } = await editor.client
      .from("blueprint_versions")
      .select("version, fields")
      .eq("blueprint_id", notes.id)
      .order("version");
    const keys = (versions as { version: number; fields: { key: string }[] }[]).map((v) => [
      v.version,
      v.fields.map((f) => f.key),
    ]);
    expect(keys).toEqual([
      [1, ["title", "size"]],
      [2, ["title", "weight", "color"]],
    ]);

    const fresh = await create(editor, notes.id, { title: "new", weight: 4, color: "RED" });
    expect(fresh.blueprint_version).toBe(2);
    // an old entity is still written against its own version
    const touched = await call<Entity>(editor, "update_entity", {
      p_entity_id: old.id,
      p_expected_version: 1,
      p_changes: { size: 5 },
    });
    expect(touched).toMatchObject({ blueprint_version: 1, version: 2, data: { title: "old", size: 5 } });
    const page = await query(viewer, notes.id, { p_sort: [{ field: "title", direction: "asc" }] });
    expect(page.blueprint_version).toBe(2);
    expect(page.entities.map((e) => [e.data.title, e.blueprint_version])).toEqual([
      ["new", 2],
      ["old", 1],
    ]);
  });
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

describe("the trash", () => {
  test("deleting then restoring a blueprint brings back exactly its live entities", async () => {
    const crates = (await createBlueprint(editor, "Crates", [{ key: "name", label: "Name", type: "text", unique: true }])).id;
    const [c1, c2, c3] = await createMany(editor, crates, [{ name: "one" }, { name: "two" }, { name: "three" }]);
    if (!c1 || !c2 || !c3) throw new Error("three crates expected");
    await call(editor, "delete_entity", { p_entity_id: c3.id }); // already in the trash on its own

    const deleted = await call<Blueprint & { entities_trashed: number }>(editor, "delete_blueprint", { p_blueprint_id: crates });
    expect(deleted.deleted_at).not.toBeNull();
    expect(deleted.entities_trashed).toBe(2);
    expect((await get(editor, c1.id)).deleted_at).not.toBeNull();
    expect((await query(editor, crates)).entities).toEqual([]);
    expect(await refused(editor, "create_entity", { p_blueprint_id: crates, p_data: { name: "four" } })).toMatchObject({
      status: 409,
      code: "FOCON",
      details: { field: "blueprint_id", rule: "in_trash" },
    });
    expect(await refused(editor, "restore_entity", { p_entity_id: c1.id })).toMatchObject({
      status: 409,
      details: { field: "blueprint_id", rule: "in_trash" },
    });

    const restored = await call<Blueprint & { entities_restored: number }>(editor, "restore_blueprint", {
      p_blueprint_id: crates,
    });
    expect(restored).toMatchObject({ deleted_at: null, entities_restored: 2 });
    const back = (await query(editor, crates, { p_sort: [{ field: "name", direction: "asc" }] })).entities;
    expect(back.map((e) => [e.id, e.data, e.deleted_at ?? null])).toEqual([
      [c1.id, { name: "one" }, null],
      [c2.id, { name: "two" }, null],
    ]);
    expect((await get(editor, c3.id)).deleted_at).not.toBeNull();
    // unique values were claimed again on the way back
    expect(await refused(editor, "create_entity", { p_blueprint_id: crates, p_data: { name: "ONE" } })).toMatchObject({
      status: 409,
      details: { field: "name", rule: "unique" },
    });
  });
});

describe("flows", () => {
  let jobs: string;

  beforeAll(async () => {
    jobs = (
      await createBlueprint(editor, "Jobs", [
        { key: "title", label: "Title", type: "text", required: true },
        { key: "weight", label: "Weight", type: "number" },
        {
          key: "status",
          label: "Status",
          type: "status",
          options: [{ value: "PENDING" }, { value: "IN_PROGRESS" }, { value: "DONE" }],
        },
        { key: "started_at", label: "Started", type: "datetime" },
        { key: "runner", label: "Runner", type: "member" },
        { key: "attempts", label: "Attempts", type: "integer" },
      ])
    ).id;
    await call(editor, "save_flow", {
      p_blueprint_id: jobs,
      p_expected_version: 0,
      p_flow: {
        state_field: "status",
        transitions: [
          {
            key: "start",
            name: "Start",
            from: ["PENDING"],
            to: "IN_PROGRESS",
            guard: { field: "weight", op: "gt", value: 0 },
            updates: [
              { field: "started_at", kind: "now" },
              { field: "runner", kind: "current_user" },
              { field: "attempts", kind: "add", operand: 1 },
            ],
          },
          { key: "finish", name: "Finish", from: ["IN_PROGRESS"], to: "DONE" },
        ],
      },
    });
  });

  test("a transition from the wrong state is refused (409 FOCON from_state) and writes nothing", async () => {
    const job = await create(editor, jobs, { title: "Paint", weight: 5 });
    expect(job.data.status).toBe("PENDING");
    const wrong = await refused(editor, "transition_entity", {
      p_entity_id: job.id,
      p_transition: "finish",
      p_expected_version: 1,
    });
    expect(wrong).toMatchObject({ status: 409, code: "FOCON", details: { field: "status", rule: "from_state" } });
    expect(await get(editor, job.id)).toEqual(job);
    expect(await historyOf(job.id)).toHaveLength(1);

    const started = await call<Entity>(editor, "transition_entity", {
      p_entity_id: job.id,
      p_transition: "start",
      p_expected_version: 1,
    });
    expect(started).toMatchObject({ version: 2, data: { status: "IN_PROGRESS", runner: editor.id, attempts: 1 } });
    expect(Date.parse(String(started.data.started_at))).toBeGreaterThan(Date.now() - 60_000);
    const stale = await refused(editor, "transition_entity", {
      p_entity_id: job.id,
      p_transition: "finish",
      p_expected_version: 1,
    });
    expect(stale).toMatchObject({ status: 409, code: "FOCON", details: { field: "expected_version", rule: "stale" } });
    const done = await call<Entity>(editor, "transition_entity", {
      p_entity_id: job.id,
      p_transition: "finish",
      p_expected_version: 2,
    });
    expect(done).toMatchObject({ version: 3, data: { status: "DONE" } });
    expect((await historyOf(job.id)).map((h) => [h.transition_key ?? h.action, h.from_state, h.to_state])).toEqual([
      ["create", null, null],
      ["start", "PENDING", "IN_PROGRESS"],
      ["finish", "IN_PROGRESS", "DONE"],
    ]);
  });

  test("a failing guard is refused and writes nothing; a Viewer may not run a transition", async () => {
    const light = await create(editor, jobs, { title: "Nothing", weight: 0 });
    const guard = await refused(editor, "transition_entity", {
      p_entity_id: light.id,
      p_transition: "start",
      p_expected_version: 1,
    });
    expect(guard).toMatchObject({ status: 409, code: "FOCON", details: { field: null, rule: "guard" } });
    expect(await get(editor, light.id)).toEqual(light);
    const heavy = await create(editor, jobs, { title: "Lift", weight: 9 });
    const denied = await refused(viewer, "transition_entity", {
      p_entity_id: heavy.id,
      p_transition: "start",
      p_expected_version: 1,
    });
    expect(denied).toMatchObject({ status: 403, code: "FODEN" });
    expect(await get(editor, heavy.id)).toEqual(heavy);
  });
});
