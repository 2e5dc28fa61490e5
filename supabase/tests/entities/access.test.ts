import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SignedInUser } from "../helpers.ts";
import { create, get, query, refused, setUpTenant, sql } from "./fixtures.ts";

/**
 * Who may do what with entities: a Viewer reads but writes nothing (403, audited), a
 * member of another tenant gets 404 for everything.
 */

afterAll(() => sql.end());

let editor: SignedInUser;
let viewer: SignedInUser;
let outsider: SignedInUser;
let deliveries: string;

beforeAll(async () => {
  ({ editor, viewer, outsider, deliveries } = await setUpTenant("Entities access"));
  await create(editor, deliveries, { cargo: "Pallets" });
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
