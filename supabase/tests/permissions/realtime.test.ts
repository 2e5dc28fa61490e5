import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stackEnv } from "../../../packages/devstack/src/testing/index.ts";
import { clientFor, subscribe, waitFor } from "../../../packages/devstack/test/realtime/helpers.ts";
import { call, create, type Entity, type Fixture, setUpTenant, sql } from "../entities/fixtures.ts";
import { newSignedInUser, type SignedInUser } from "../helpers.ts";

/**
 * Live entity changes go to each reader's own channel (entities:<user id>), decided per
 * message with the grants of that moment: a permission change applies to an open
 * channel from the next change on, and payloads carry ids and versions, never values.
 */

type Message = { entity_id: string; blueprint_id: string; version: number; change: string };

let f: Fixture;
let reader: SignedInUser;
let role: string;
const clients: SupabaseClient[] = [];

async function channelOf(user: SignedInUser, topic = `entities:${user.id}`) {
  const client = await clientFor(stackEnv(), user.accessToken);
  clients.push(client);
  const got: Message[] = [];
  const channel = client.channel(topic, { config: { private: true } });
  // realtime.send adds the message's own id, as on Supabase.
  channel.on("broadcast", { event: "entity_changed" }, (m) => {
    const { id: _messageId, ...payload } = m.payload as Message & { id: string };
    got.push(payload);
  });
  return { status: await subscribe(channel), got };
}

const readOnlyCargo = (cargo: string) => [{ action: "read", rows: { field: "cargo", op: "eq", value: cargo } }];

beforeAll(async () => {
  f = await setUpTenant("Permissions Realtime");
  reader = await newSignedInUser("perm-rt-reader");
  role = (await call<{ id: string }>(f.admin, "create_role", { p_tenant_id: f.tenant, p_name: "North desk", p_capabilities: [] }))
    .id;
  await sql`insert into public.tenant_members (tenant_id, user_id) values (${f.tenant}, ${reader.id})`;
  await sql`insert into public.member_roles (tenant_id, user_id, role_id) values (${f.tenant}, ${reader.id}, ${role})`;
  await call(f.admin, "set_role_permissions", {
    p_role_id: role,
    p_blueprint_id: f.deliveries,
    p_grants: readOnlyCargo("north"),
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.removeAllChannels()));
});

describe("entity changes over Realtime", () => {
  test("a reader hears only about entities their row rule reaches, and only ids and versions", async () => {
    const { status, got } = await channelOf(reader);
    expect(status).toEqual({ status: "SUBSCRIBED" });
    const south = await create(f.editor, f.deliveries, { cargo: "south" });
    const north = await create(f.editor, f.deliveries, { cargo: "north", weight: 7 });
    await waitFor("the north delivery's message", () => got.some((m) => m.entity_id === north.id));
    expect(got).toEqual([{ entity_id: north.id, blueprint_id: f.deliveries, version: 1, change: "created" }]);
    expect(got.some((m) => m.entity_id === south.id)).toBe(false);

    // The grant changes while the channel stays open: the next changes follow the new rule.
    await call(f.admin, "set_role_permissions", {
      p_role_id: role,
      p_blueprint_id: f.deliveries,
      p_grants: readOnlyCargo("south"),
    });
    await call<Entity>(f.editor, "update_entity", { p_entity_id: north.id, p_expected_version: 1, p_changes: { weight: 8 } });
    await call<Entity>(f.editor, "update_entity", { p_entity_id: south.id, p_expected_version: 1, p_changes: { weight: 3 } });
    await waitFor("the south delivery's message", () => got.some((m) => m.entity_id === south.id));
    expect(got.slice(1)).toEqual([{ entity_id: south.id, blueprint_id: f.deliveries, version: 2, change: "changed" }]);

    // Moving an entity out of the reader's rows tells them to drop it; trashing it too.
    await call<Entity>(f.editor, "update_entity", { p_entity_id: south.id, p_expected_version: 2, p_changes: { cargo: "west" } });
    await waitFor("the removal", () => got.length === 3);
    expect(got[2]).toEqual({ entity_id: south.id, blueprint_id: f.deliveries, version: 3, change: "removed" });
  });

  test("the Editor hears every change; trash and restore say removed and added", async () => {
    const { got } = await channelOf(f.editor);
    const e = await create(f.editor, f.deliveries, { cargo: "east" });
    await call(f.editor, "delete_entity", { p_entity_id: e.id });
    await call(f.editor, "restore_entity", { p_entity_id: e.id });
    await waitFor("three messages", () => got.filter((m) => m.entity_id === e.id).length === 3);
    expect(got.filter((m) => m.entity_id === e.id).map((m) => m.change)).toEqual(["created", "removed", "added"]);
  });

  test("nobody joins another user's entity channel", async () => {
    const { status } = await channelOf(f.viewer, `entities:${reader.id}`);
    expect(status.status).toBe("CHANNEL_ERROR");
  });

  test("a member whose roles give no read on a blueprint hears nothing of it", async () => {
    await call(f.admin, "set_role_permissions", { p_role_id: role, p_blueprint_id: f.deliveries, p_grants: [] });
    const { got } = await channelOf(reader);
    const e = await create(f.editor, f.deliveries, { cargo: "south" });
    // The Editor's message proves the change was broadcast; the reader's channel stays silent.
    const { got: editorGot } = await channelOf(f.editor);
    await call<Entity>(f.editor, "update_entity", { p_entity_id: e.id, p_expected_version: 1, p_changes: { weight: 1 } });
    await waitFor("the Editor's message", () => editorGot.some((m) => m.entity_id === e.id));
    expect(got.filter((m) => m.entity_id === e.id)).toEqual([]);
  });
});
