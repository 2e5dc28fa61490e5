import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stackEnv } from "../../src/testing/index.ts";
import {
  accessToken,
  adminSql,
  clientFor,
  createMembershipPolicies,
  createUser,
  type TestUser,
  uniqueTopic,
  waitFor,
} from "./helpers.ts";

const env = stackEnv();
const sql = adminSql(env);
let policies: Awaited<ReturnType<typeof createMembershipPolicies>>;
let alice: TestUser;
let mallory: TestUser;
const clients: SupabaseClient[] = [];

type SystemMessage = { extension: string; status: string; message: string; channel: string };

/** A joined channel with everything it hears recorded: statuses, broadcasts, system messages. */
async function open(token: string, topic: string, isPrivate: boolean) {
  const client = await clientFor(env, token);
  clients.push(client);
  const channel: RealtimeChannel = client.channel(topic, { config: { private: isPrivate } });
  const statuses: string[] = [];
  const broadcasts: unknown[] = [];
  const system: SystemMessage[] = [];
  channel.on("broadcast", { event: "*" }, (m) => broadcasts.push(m.payload));
  channel.on("system", {}, (m: SystemMessage) => system.push(m));
  channel.subscribe((status) => statuses.push(status));
  await waitFor("SUBSCRIBED", () => statuses.includes("SUBSCRIBED"));
  return { client, channel, statuses, broadcasts, system };
}

async function joinMember(topic: string, user: TestUser): Promise<void> {
  await sql`insert into ${sql(policies.table)} (topic, user_id) values (${topic}, ${user.id})`;
}

beforeAll(async () => {
  policies = await createMembershipPolicies(sql, `rt_token_${Date.now().toString(36)}`);
  [alice, mallory] = await Promise.all([createUser(sql, "alice"), createUser(sql, "mallory")]);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.removeAllChannels()));
  await policies.drop();
  await sql.end();
});

describe("access token refresh on an open socket", () => {
  test("a fresh token keeps the private channel open, and the server adopts it", async () => {
    const topic = uniqueTopic("refresh");
    await joinMember(topic, alice);
    const s = await open(await accessToken(env, alice), topic, true);

    // The refreshed token expires in 3 s: if the server adopts it, it closes the channel then.
    await s.client.realtime.setAuth(await accessToken(env, alice, { expiresIn: 3 }));
    await sql`select realtime.send(${sql.json({ after: "refresh" })}, 'note', ${topic})`;
    await waitFor("a message after the refresh", () => s.broadcasts.length === 1);
    expect(s.channel.state).toBe("joined");

    await waitFor("the adopted token expires", () => s.system.length === 1, 8_000);
    expect(s.system[0]).toEqual({
      extension: "system",
      status: "error",
      message: expect.stringMatching(/^Token has expired [01] seconds ago$/),
      channel: topic,
    });
    await waitFor("the channel closes", () => s.statuses.includes("CLOSED"));
  });

  test("a token whose user RLS refuses closes the channel with Realtime's message", async () => {
    const topic = uniqueTopic("swap");
    await joinMember(topic, alice);
    const s = await open(await accessToken(env, alice), topic, true);
    await s.client.realtime.setAuth(await accessToken(env, mallory));
    await waitFor("the system message", () => s.system.length === 1);
    expect(s.system[0]).toEqual({
      extension: "system",
      status: "error",
      message: `You do not have permissions to read from this Channel topic: ${topic}`,
      channel: topic,
    });
    await waitFor("the channel closes", () => s.statuses.includes("CLOSED"));
    await sql`select realtime.send(${sql.json({ leaked: true })}, 'note', ${topic})`;
    await new Promise((r) => setTimeout(r, 200));
    expect(s.broadcasts).toEqual([]);
  });

  test.each([
    ["an expired token", { expiresIn: -30 }, /^Token has expired 3\d seconds ago$/],
    ["a token signed with another secret", { secret: "another-secret-that-is-at-least-32-characters" }, /^:signature_error$/],
    ["a token without a role", { omit: ["role"] }, /^Fields `role` and `exp` are required in JWT$/],
  ])("%s closes a public channel", async (_name, opts, message) => {
    const topic = uniqueTopic("bad");
    const s = await open(await accessToken(env, alice), topic, false);
    await s.client.realtime.setAuth(await accessToken(env, alice, opts));
    await waitFor("the system message", () => s.system.length === 1);
    expect(s.system[0]?.message).toMatch(message);
    await waitFor("the channel closes", () => s.statuses.includes("CLOSED"));
  });

  test("a token that expires while connected closes the channel when it expires", async () => {
    const topic = uniqueTopic("expiry");
    const started = Date.now();
    const s = await open(await accessToken(env, alice, { expiresIn: 2 }), topic, false);
    await waitFor("the expiry", () => s.system.length === 1, 6_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(s.system[0]?.message).toMatch(/^Token has expired [01] seconds ago$/);
    await waitFor("the channel closes", () => s.statuses.includes("CLOSED"));
  });
});
