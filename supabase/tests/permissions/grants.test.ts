import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { call, create, type Entity, ids, query, refused, setUpTenant, sql } from "../entities/fixtures.ts";
import { newSignedInUser, type SignedInUser } from "../helpers.ts";

/**
 * Permission grants through supabase-js (docs/permissions.md): an Admin saves a custom
 * role's grants and a member holding it, with the access token they already have, gets
 * the new rows and fields on their very next request; a refused write is HTTP 403 FODEN
 * naming its rule; the error shapes of saving grants stay as documented.
 */

afterAll(() => sql.end());

type Grant = Record<string, unknown>;
type Saved = { role_id: string; blueprint_id: string; grants: Grant[] | null; default: boolean };

let admin: SignedInUser;
let editor: SignedInUser;
let viewer: SignedInUser;
let rep: SignedInUser;
let tenant: string;
let deliveries: string;
let desk: string;
let boxes: Entity;
let bikes: Entity;
let apples: Entity;

const setGrants = (grants: Grant[], role = desk) =>
  call<Saved>(admin, "set_role_permissions", { p_role_id: role, p_blueprint_id: deliveries, p_grants: grants });
const reset = (role = desk) => call<Saved>(admin, "reset_role_permissions", { p_role_id: role, p_blueprint_id: deliveries });
const cargoes = async (user: SignedInUser) =>
  (await query(user, deliveries)).entities
    .filter((e) => [boxes.id, bikes.id, apples.id].includes(e.id))
    .map((e) => String(e.data.cargo))
    .sort();
const roleOf = async (key: string) =>
  String((await sql`select id from public.roles where tenant_id = ${tenant} and key = ${key}`)[0]?.id);

beforeAll(async () => {
  ({ admin, editor, viewer, tenant, deliveries } = await setUpTenant("Permission grants"));
  desk = (await call<{ id: string }>(admin, "create_role", { p_tenant_id: tenant, p_name: "Dispatch desk" })).id;
  rep = await newSignedInUser("grants-rep");
  await sql`insert into public.tenant_members (tenant_id, user_id) values (${tenant}, ${rep.id})`;
  await sql`insert into public.member_roles (tenant_id, user_id, role_id) values (${tenant}, ${rep.id}, ${desk})`;
  await call(admin, "set_member_attributes", { p_tenant_id: tenant, p_user_id: rep.id, p_attributes: { initial: "B" } });
  boxes = await create(editor, deliveries, { cargo: "Boxes", weight: 10, notes: "fragile" });
  bikes = await create(editor, deliveries, { cargo: "Bikes", weight: 20 });
  apples = await create(editor, deliveries, { cargo: "Apples", weight: 30 });
});

describe("grants apply on the next request, with the token the member already has", () => {
  test("a custom role without grants reads nothing; a read grant opens the list at once", async () => {
    expect(await refused(rep, "query_entities", { p_blueprint_id: deliveries, p_limit: 10 })).toMatchObject({
      status: 403,
      code: "FODEN",
      details: { field: null, rule: "permission" },
    });
    const saved = await setGrants([{ action: "read" }]);
    expect(saved).toEqual({ role_id: desk, blueprint_id: deliveries, grants: [{ action: "read" }], default: false });
    expect(await cargoes(rep)).toEqual(["Apples", "Bikes", "Boxes"]);
  });

  test("a row rule and fields narrow the very next request, without signing in again", async () => {
    const tokenBefore = rep.accessToken;
    await setGrants([
      {
        action: "read",
        rows: { field: "cargo", op: "starts_with", value: { var: "member.initial" } },
        fields: ["cargo", "weight"],
      },
    ]);
    expect(await cargoes(rep)).toEqual(["Bikes", "Boxes"]);
    const one = await call<Entity>(rep, "get_entity", { p_entity_id: boxes.id });
    expect(one.data).toEqual({ cargo: "Boxes", weight: 10 });
    expect(await refused(rep, "get_entity", { p_entity_id: apples.id })).toMatchObject({ status: 404, code: "FONF0" });
    // the variable is read per request too: a new attribute value moves the rows
    await call(admin, "set_member_attributes", { p_tenant_id: tenant, p_user_id: rep.id, p_attributes: { initial: "A" } });
    expect(await cargoes(rep)).toEqual(["Apples"]);
    await call(admin, "set_member_attributes", { p_tenant_id: tenant, p_user_id: rep.id, p_attributes: { initial: "B" } });
    const { data } = await rep.client.auth.getSession();
    expect(data.session?.access_token).toBe(tokenBefore);
  });

  test("reset takes a custom role back to nothing, and an Editor back to everything", async () => {
    expect(await reset()).toEqual({ role_id: desk, blueprint_id: deliveries, grants: null, default: true });
    expect(await refused(rep, "query_entities", { p_blueprint_id: deliveries, p_limit: 10 })).toMatchObject({
      status: 403,
      code: "FODEN",
    });

    const editorRole = await roleOf("editor");
    await setGrants([{ action: "read", rows: { field: "cargo", op: "eq", value: "Apples" }, fields: ["cargo"] }], editorRole);
    expect(await cargoes(editor)).toEqual(["Apples"]);
    expect((await call<Entity>(editor, "get_entity", { p_entity_id: apples.id })).data).toEqual({ cargo: "Apples" });
    await reset(editorRole);
    expect(await cargoes(editor)).toEqual(["Apples", "Bikes", "Boxes"]);
    expect((await call<Entity>(editor, "get_entity", { p_entity_id: boxes.id })).data).toMatchObject({ notes: "fragile" });
  });
});

describe("a refused write is 403 FODEN with its rule, and writes nothing", () => {
  beforeAll(async () => {
    await setGrants([
      { action: "read", fields: ["cargo", "weight"] },
      { action: "create", fields: ["cargo", "weight"], validation: { field: "weight", op: "lte", value: 100 } },
      {
        action: "update",
        rows: { field: "cargo", op: "starts_with", value: { var: "member.initial" } },
        fields: ["weight"],
        validation: { field: "weight", op: "lte", value: 100 },
      },
    ]);
  });

  test("an entity outside the row rule: row_rule", async () => {
    const denied = await refused(rep, "update_entity", {
      p_entity_id: apples.id,
      p_expected_version: 1,
      p_changes: { weight: 1 },
    });
    expect(denied).toEqual({
      status: 403,
      code: "FODEN",
      details: { field: null, rule: "row_rule" },
      message: 'Not allowed to update entity: your roles do not allow update of this entity of "Deliveries" (row rule).',
    });
    expect((await call<Entity>(editor, "get_entity", { p_entity_id: apples.id })).version).toBe(1);
  });

  test("a field the role may not write: field_not_writable, naming the field", async () => {
    const denied = await refused(rep, "update_entity", {
      p_entity_id: boxes.id,
      p_expected_version: 1,
      p_changes: { cargo: "Crates" },
    });
    expect(denied).toMatchObject({ status: 403, code: "FODEN", details: { field: "cargo", rule: "field_not_writable" } });
    expect(denied.message).toContain('"cargo"');
    const allowed = await call<Entity>(rep, "update_entity", {
      p_entity_id: boxes.id,
      p_expected_version: 1,
      p_changes: { weight: 11 },
    });
    expect(allowed).toMatchObject({ version: 2, data: { cargo: "Boxes", weight: 11 } });
    expect(allowed.data).not.toHaveProperty("notes");
  });

  test("a failed validation: validation", async () => {
    expect(
      await refused(rep, "update_entity", { p_entity_id: bikes.id, p_expected_version: 1, p_changes: { weight: 500 } }),
    ).toMatchObject({ status: 403, code: "FODEN", details: { field: null, rule: "validation" } });
    expect(
      await refused(rep, "create_entity", { p_blueprint_id: deliveries, p_data: { cargo: "Anvils", weight: 500 } }),
    ).toMatchObject({
      status: 403,
      code: "FODEN",
      details: { field: null, rule: "validation" },
    });
    const created = await call<Entity>(rep, "create_entity", {
      p_blueprint_id: deliveries,
      p_data: { cargo: "Anvils", weight: 50 },
    });
    expect(created.data).toEqual({ cargo: "Anvils", weight: 50 });
    const denials = await sql`
      select action, details ->> 'rule' as rule from audit.entries
      where tenant_id = ${tenant} and actor_id = ${rep.id} and outcome = 'denied' and action in ('update_entity', 'create_entity')
      order by id`;
    expect(denials.map((d) => `${d.action}:${d.rule}`)).toEqual([
      "update_entity:row_rule",
      "update_entity:field_not_writable",
      "update_entity:validation",
      "create_entity:validation",
    ]);
  });

  test("a filter or sort on a hidden field: 403 hidden_field", async () => {
    expect(
      await refused(rep, "query_entities", {
        p_blueprint_id: deliveries,
        p_filter: { field: "notes", op: "contains", value: "frag" },
      }),
    ).toMatchObject({ status: 403, code: "FODEN", details: { field: "filter", rule: "hidden_field" } });
    expect(
      await refused(rep, "query_entities", { p_blueprint_id: deliveries, p_sort: [{ field: "code", direction: "asc" }] }),
    ).toMatchObject({ status: 403, code: "FODEN", details: { field: "filter", rule: "hidden_field" } });
    const page = await query(rep, deliveries, { p_filter: { field: "weight", op: "gte", value: 0 } });
    expect(ids(page.entities)).toContain(boxes.id);
  });
});

describe("the error shapes of saving grants", () => {
  test("a bad grant is 422 FOVAL pointing into the input", async () => {
    const bad = await refused(admin, "set_role_permissions", {
      p_role_id: desk,
      p_blueprint_id: deliveries,
      p_grants: [{ action: "read" }, { action: "update", rows: { and: [{ field: "nope", op: "eq", value: 1 }] } }],
    });
    expect(bad).toEqual({
      status: 422,
      code: "FOVAL",
      details: { field: "grants.1.rows.and.0", rule: "unknown_field" },
      message: 'The blueprint has no field "nope".',
    });
    expect(
      (
        await refused(admin, "set_role_permissions", {
          p_role_id: desk,
          p_blueprint_id: deliveries,
          p_grants: [{ action: "create", rows: null }],
        })
      ).details,
    ).toEqual({ field: "grants.0.rows", rule: "action" });
  });

  test("the Admin role takes no grants (422), a Viewer changes none (403), an unknown role is 404", async () => {
    const adminRole = await roleOf("admin");
    expect(
      await refused(admin, "set_role_permissions", { p_role_id: adminRole, p_blueprint_id: deliveries, p_grants: [] }),
    ).toMatchObject({
      status: 422,
      code: "FOVAL",
      details: { field: "role_id", rule: "admin_role" },
    });
    expect(
      await refused(viewer, "set_role_permissions", { p_role_id: desk, p_blueprint_id: deliveries, p_grants: [] }),
    ).toMatchObject({
      status: 403,
      code: "FODEN",
      details: { field: null, rule: "permission" },
    });
    expect(await refused(viewer, "reset_role_permissions", { p_role_id: desk, p_blueprint_id: deliveries })).toMatchObject({
      status: 403,
      code: "FODEN",
    });
    expect(
      await refused(admin, "set_role_permissions", { p_role_id: randomUUID(), p_blueprint_id: deliveries, p_grants: [] }),
    ).toMatchObject({ status: 404, code: "FONF0", details: { field: "role_id", rule: "exists" } });
    expect(
      await refused(admin, "set_role_permissions", { p_role_id: desk, p_blueprint_id: randomUUID(), p_grants: [] }),
    ).toMatchObject({
      status: 404,
      code: "FONF0",
      details: { field: "blueprint_id", rule: "exists" },
    });
  });

  test("managers read the saved grants; others see none", async () => {
    const { data, error } = await admin.client.from("permission_sets").select("role_id, grants").eq("role_id", desk);
    expect(error).toBeNull();
    expect(data).toEqual([{ role_id: desk, grants: expect.arrayContaining([{ action: "read", fields: ["cargo", "weight"] }]) }]);
    const { data: hidden } = await rep.client.from("permission_sets").select("role_id").eq("role_id", desk);
    expect(hidden).toEqual([]);
  });
});
