import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SignedInUser } from "../helpers.ts";
import {
  type Blueprint,
  call,
  create,
  createBlueprint,
  createMany,
  type Entity,
  get,
  historyOf,
  ids,
  query,
  refused,
  setUpTenant,
  sql,
} from "./fixtures.ts";

/**
 * Entity writes through supabase-js as an Editor: one entity (create, get, update,
 * delete, restore), value checks (422 naming field and rule), bulk writes (all or none,
 * errors naming the row) and blueprint versions (docs/entities.md).
 */

afterAll(() => sql.end());

let editor: SignedInUser;
let viewer: SignedInUser;
let deliveries: string;
let acme: Entity;

beforeAll(async () => {
  ({ editor, viewer, deliveries, acme } = await setUpTenant("Entities writes"));
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
