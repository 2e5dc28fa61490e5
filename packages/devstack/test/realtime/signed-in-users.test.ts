import { randomUUID } from "node:crypto";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { stackEnv } from "../../src/testing/index.ts";
import { adminSql, createMembershipPolicies, subscribe, uniqueTopic, waitFor } from "./helpers.ts";

const env = stackEnv();
const sql = adminSql(env);
let policies: Awaited<ReturnType<typeof createMembershipPolicies>>;
const clients: SupabaseClient[] = [];

type Session = { client: SupabaseClient; userId: string; pushes: string[] };

/** A user created through the Auth stand-in's admin API, then signed in with a password like the SPA does. */
async function signedInUser(label: string): Promise<Session> {
  const email = `${label}-${randomUUID().slice(0, 8)}@realtime.test`;
  const password = `pw-${randomUUID()}`;
  const admin = createClient(env.apiUrl, env.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
  const created = await admin.auth.admin.createUser({ email, password, email_confirm: true });
  if (created.error) throw created.error;
  const pushes: string[] = [];
  const client = createClient(env.apiUrl, env.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: {
      transport: WebSocket as never,
      // realtime-js logs every frame it pushes; the test reads the access_token pushes from here.
      logger: (kind: string, msg: string) => {
        if (kind === "push") pushes.push(msg);
      },
    },
  });
  clients.push(client);
  const signedIn = await client.auth.signInWithPassword({ email, password });
  if (signedIn.error) throw signedIn.error;
  await client.realtime.setAuth();
  return { client, userId: signedIn.data.user.id, pushes };
}

beforeAll(async () => {
  policies = await createMembershipPolicies(sql, `rt_auth_${Date.now().toString(36)}`);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.removeAllChannels()));
  await policies.drop();
  await sql.end();
});

describe("users signed in through the Auth stand-in", () => {
  test("talk on a private channel, see each other's presence, and keep the channel across a session refresh", async () => {
    const [alice, bob] = [await signedInUser("alice"), await signedInUser("bob")];
    const topic = uniqueTopic("auth");
    await sql`insert into ${sql(policies.table)} (topic, user_id) values (${topic}, ${alice.userId}), (${topic}, ${bob.userId})`;

    const chA = alice.client.channel(topic, {
      config: { private: true, broadcast: { ack: true }, presence: { key: alice.userId } },
    });
    const chB = bob.client.channel(topic, { config: { private: true, broadcast: { ack: true }, presence: { key: bob.userId } } });
    const heardByB: unknown[] = [];
    const heardByA: unknown[] = [];
    chA.on("broadcast", { event: "msg" }, (m) => heardByA.push(m.payload));
    chB.on("broadcast", { event: "msg" }, (m) => heardByB.push(m.payload));
    chA.on("presence", { event: "sync" }, () => {});
    chB.on("presence", { event: "sync" }, () => {});
    expect(await subscribe(chA)).toEqual({ status: "SUBSCRIBED" });
    expect(await subscribe(chB)).toEqual({ status: "SUBSCRIBED" });

    expect(await chA.send({ type: "broadcast", event: "msg", payload: { text: "hello" } })).toBe("ok");
    await waitFor("bob hears alice", () => heardByB.length === 1);
    await chA.track({ online: true });
    await chB.track({ online: true });
    await waitFor("both see both", () =>
      [chA, chB].every((ch) => Object.keys(ch.presenceState()).sort().join() === [alice.userId, bob.userId].sort().join()),
    );

    // A refreshed session reaches the open socket as an access_token push; the channel stays open.
    // (Within the sign-in's second the new JWT would be byte-identical, and realtime-js skips it.)
    const before = (await alice.client.auth.getSession()).data.session?.access_token;
    await new Promise((r) => setTimeout(r, 1_100));
    const refreshed = await alice.client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(refreshed.data.session?.access_token).not.toBe(before);
    await waitFor("the access_token push", () => alice.pushes.some((p) => p.startsWith(`realtime:${topic} access_token`)));
    expect(await chB.send({ type: "broadcast", event: "msg", payload: { text: "still there?" } })).toBe("ok");
    await waitFor("alice still hears bob", () => heardByA.length === 1);
    expect(chA.state).toBe("joined");
  });
});
