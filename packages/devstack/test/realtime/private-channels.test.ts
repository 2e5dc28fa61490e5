import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stackEnv } from "../../src/testing/index.ts";
import {
  accessToken,
  adminSql,
  clientFor,
  createMembershipPolicies,
  createUser,
  subscribe,
  type TestUser,
  uniqueTopic,
  waitFor,
} from "./helpers.ts";

const env = stackEnv();
const sql = adminSql(env);
let policies: Awaited<ReturnType<typeof createMembershipPolicies>>;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let dave: TestUser;
let frank: TestUser;
const clients: SupabaseClient[] = [];

async function client(token: string | null, vsn: "1.0.0" | "2.0.0" = "2.0.0"): Promise<SupabaseClient> {
  const c = await clientFor(env, token, vsn);
  clients.push(c);
  return c;
}

async function member(topic: string, user: TestUser, canSend = true): Promise<void> {
  await sql`insert into ${sql(policies.table)} (topic, user_id, can_send) values (${topic}, ${user.id}, ${canSend})`;
}

beforeAll(async () => {
  policies = await createMembershipPolicies(sql, `rt_private_${Date.now().toString(36)}`);
  [alice, bob, carol, dave, frank] = await Promise.all([
    createUser(sql, "alice"),
    createUser(sql, "bob"),
    createUser(sql, "carol"),
    createUser(sql, "dave"),
    createUser(sql, "frank"),
  ]);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.removeAllChannels()));
  await policies.drop();
  await sql.end();
});

type Received = { event: string; payload: Record<string, unknown> };

function listen(channel: RealtimeChannel): Received[] {
  const got: Received[] = [];
  channel.on("broadcast", { event: "*" }, (m) => got.push({ event: m.event, payload: m.payload }));
  return got;
}

describe.each(["2.0.0", "1.0.0"] as const)("private channel over serializer %s", (vsn) => {
  test("two members exchange broadcasts and see each other in presence", async () => {
    const topic = uniqueTopic("room");
    await member(topic, alice);
    await member(topic, bob);
    const a = await client(await accessToken(env, alice), vsn);
    const b = await client(await accessToken(env, bob), vsn);
    const opts = (key: string) => ({ config: { private: true, broadcast: { ack: true }, presence: { key } } });
    const chA = a.channel(topic, opts(alice.id));
    const chB = b.channel(topic, opts(bob.id));
    const gotA = listen(chA);
    const gotB = listen(chB);
    chA.on("presence", { event: "sync" }, () => {});
    chB.on("presence", { event: "sync" }, () => {});
    expect(await subscribe(chA)).toEqual({ status: "SUBSCRIBED" });
    expect(await subscribe(chB)).toEqual({ status: "SUBSCRIBED" });

    expect(await chA.send({ type: "broadcast", event: "chat", payload: { text: "hi bob" } })).toBe("ok");
    expect(await chB.send({ type: "broadcast", event: "chat", payload: { text: "hi alice" } })).toBe("ok");
    await waitFor("bob gets alice's message", () => gotB.length === 1);
    await waitFor("alice gets bob's message", () => gotA.length === 1);
    expect(gotB).toEqual([{ event: "chat", payload: { text: "hi bob" } }]);
    expect(gotA).toEqual([{ event: "chat", payload: { text: "hi alice" } }]);

    expect(await chA.track({ name: "Alice" })).toBe("ok");
    expect(await chB.track({ name: "Bob" })).toBe("ok");
    const bothSeen = (ch: RealtimeChannel) => {
      const state = ch.presenceState<{ name: string }>();
      return state[alice.id]?.[0]?.name === "Alice" && state[bob.id]?.[0]?.name === "Bob" ? state : undefined;
    };
    const stateA = await waitFor("alice sees both", () => bothSeen(chA));
    await waitFor("bob sees both", () => bothSeen(chB));
    expect(Object.keys(stateA).sort()).toEqual([alice.id, bob.id].sort());
    expect(stateA[bob.id]?.[0]?.presence_ref).toEqual(expect.any(String));

    // Bob's socket dies: Alice sees him leave.
    await b.realtime.disconnect();
    await waitFor("bob's presence is cleaned", () => chA.presenceState()[bob.id] === undefined && chA.presenceState());
    expect(Object.keys(chA.presenceState())).toEqual([alice.id]);
  });
});

describe("RLS decides who joins, reads and writes", () => {
  test("a user refused by the SELECT policy cannot join, with Realtime's message", async () => {
    const topic = uniqueTopic("closed");
    await member(topic, alice);
    const c = await client(await accessToken(env, carol));
    const ch = c.channel(topic, { config: { private: true } });
    const result = await subscribe(ch);
    await c.removeChannel(ch);
    expect(result.status).toBe("CHANNEL_ERROR");
    expect(result.error?.message).toBe(`Unauthorized: You do not have permissions to read from this Channel topic: ${topic}`);
  });

  test("an anonymous client cannot join a private channel, but may join a public one of the same name", async () => {
    const topic = uniqueTopic("anon");
    await member(topic, alice);
    const anon = await client(null);
    const priv = anon.channel(topic, { config: { private: true } });
    const refused = await subscribe(priv);
    await anon.removeChannel(priv);
    expect(refused.status).toBe("CHANNEL_ERROR");
    expect(refused.error?.message).toContain("Unauthorized");
    expect(await subscribe(anon.channel(topic))).toEqual({ status: "SUBSCRIBED" });
  });

  test("private and public channels of one name are separate rooms", async () => {
    const topic = uniqueTopic("split");
    await member(topic, alice);
    const a = await client(await accessToken(env, alice));
    const b = await client(await accessToken(env, bob));
    const c = await client(null);
    const priv = a.channel(topic, { config: { private: true, broadcast: { ack: true, self: true } } });
    const pubB = b.channel(topic, { config: { broadcast: { ack: true } } });
    const pubC = c.channel(topic);
    const [gotPriv, gotB, gotC] = [listen(priv), listen(pubB), listen(pubC)];
    for (const ch of [priv, pubB, pubC]) expect((await subscribe(ch)).status).toBe("SUBSCRIBED");

    expect(await priv.send({ type: "broadcast", event: "secret", payload: {} })).toBe("ok");
    expect(await pubB.send({ type: "broadcast", event: "hello", payload: {} })).toBe("ok");
    expect(await priv.send({ type: "broadcast", event: "marker", payload: {} })).toBe("ok");
    await waitFor("the public listener gets the public message", () => gotC.length === 1);
    await waitFor("alice gets her own marker", () => gotPriv.some((m) => m.event === "marker"));
    expect(gotC.map((m) => m.event)).toEqual(["hello"]);
    expect(gotB).toEqual([]);
    expect(gotPriv.map((m) => m.event)).toEqual(["secret", "marker"]);
  });

  test("a reader without INSERT permission is ignored when it broadcasts or tracks", async () => {
    const topic = uniqueTopic("readonly");
    await member(topic, alice);
    await member(topic, dave, false);
    const a = await client(await accessToken(env, alice));
    const d = await client(await accessToken(env, dave));
    const chA = a.channel(topic, { config: { private: true } });
    const chD = d.channel(topic, { config: { private: true, broadcast: { ack: true } } });
    const gotA = listen(chA);
    chA.on("presence", { event: "sync" }, () => {});
    expect((await subscribe(chA)).status).toBe("SUBSCRIBED");
    expect((await subscribe(chD)).status).toBe("SUBSCRIBED");

    // Realtime drops the message without an ack, so an acked send times out.
    expect(await chD.send({ type: "broadcast", event: "spam", payload: {} }, { timeout: 1_500 })).toBe("timed out");
    expect(await chD.track({ lurking: true })).toBe("error");
    expect(await chA.track({ here: true })).toBe("ok");
    await waitFor("alice sees herself", () => Object.keys(chA.presenceState()).length === 1);
    expect(gotA).toEqual([]);
    expect(Object.values(chA.presenceState()).flat()).toEqual([expect.objectContaining({ here: true })]);
  });

  test("RLS per extension: a presence-only reader joins and sees presence, but no broadcasts", async () => {
    const topic = uniqueTopic("lobby");
    await member(topic, alice);
    const policy = `${policies.table}_presence_only`;
    await sql.unsafe(`create policy ${policy} on realtime.messages for select to authenticated using (
      realtime.topic() = '${topic}' and realtime.messages.extension = 'presence' and (select auth.uid()) = '${frank.id}')`);
    try {
      const a = await client(await accessToken(env, alice));
      const f = await client(await accessToken(env, frank));
      const chA = a.channel(topic, { config: { private: true, broadcast: { ack: true }, presence: { key: "alice" } } });
      const chF = f.channel(topic, { config: { private: true, presence: { key: "frank" } } });
      const gotA = listen(chA);
      const gotF = listen(chF);
      chF.on("presence", { event: "sync" }, () => {});
      expect((await subscribe(chA)).status).toBe("SUBSCRIBED");
      expect((await subscribe(chF)).status).toBe("SUBSCRIBED");

      expect(await chA.send({ type: "broadcast", event: "ws", payload: {} })).toBe("ok");
      await sql`select realtime.send(${sql.json({})}, 'db', ${topic})`;
      await waitFor("alice hears the database message", () => gotA.some((m) => m.event === "db"));
      expect(await chA.track({ role: "host" })).toBe("ok");
      await waitFor("frank sees alice", () => chF.presenceState().alice);
      expect(gotF).toEqual([]);
      // Frank may read presence but not write it.
      expect(await chF.track({ role: "guest" })).toBe("error");
    } finally {
      await sql.unsafe(`drop policy if exists ${policy} on realtime.messages`);
    }
  });
});
