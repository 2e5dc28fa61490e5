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
let reader: TestUser;
const clients: SupabaseClient[] = [];
const endpoint = `${env.apiUrl}/realtime/v1/api/broadcast`;

async function listener(token: string | null, topic: string, isPrivate: boolean) {
  const client = await clientFor(env, token);
  clients.push(client);
  const channel: RealtimeChannel = client.channel(topic, { config: { private: isPrivate } });
  const got: { event: string; payload: unknown }[] = [];
  channel.on("broadcast", { event: "*" }, (m) => got.push({ event: m.event, payload: m.payload }));
  expect((await subscribe(channel)).status).toBe("SUBSCRIBED");
  return got;
}

function post(body: unknown, token: string | null, extra: Record<string, string> = {}): Promise<Response> {
  return fetch(endpoint, {
    method: "POST",
    headers: {
      apikey: env.anonKey,
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extra,
    },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  policies = await createMembershipPolicies(sql, `rt_rest_${Date.now().toString(36)}`);
  [alice, reader] = await Promise.all([createUser(sql, "alice"), createUser(sql, "reader")]);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.removeAllChannels()));
  await policies.drop();
  await sql.end();
});

describe("POST /realtime/v1/api/broadcast", () => {
  test("delivers public messages, and private ones only for senders RLS lets write", async () => {
    const topic = uniqueTopic("rest");
    await sql`insert into ${sql(policies.table)} (topic, user_id, can_send) values (${topic}, ${alice.id}, true), (${topic}, ${reader.id}, false)`;
    const pub = await listener(null, topic, false);
    const priv = await listener(await accessToken(env, alice), topic, true);

    const refused = await post(
      { messages: [{ topic, event: "from-reader", payload: { n: 0 }, private: true }] },
      await accessToken(env, reader),
    );
    expect(refused.status).toBe(202);
    const res = await post(
      {
        messages: [
          { topic, event: "public", payload: { n: 1 } },
          { topic, event: "private", payload: { n: 2 }, private: true },
        ],
      },
      await accessToken(env, alice),
    );
    expect(res.status).toBe(202);
    expect(await res.text()).toBe("");
    await waitFor("both messages", () => pub.length === 1 && priv.length === 1);
    expect(pub).toEqual([{ event: "public", payload: { n: 1 } }]);
    expect(priv).toEqual([{ event: "private", payload: { n: 2 } }]);
  });

  test("the service role may send to any private topic", async () => {
    const topic = uniqueTopic("svc");
    await sql`insert into ${sql(policies.table)} (topic, user_id) values (${topic}, ${alice.id})`;
    const priv = await listener(await accessToken(env, alice), topic, true);
    const res = await post({ messages: [{ topic, event: "ops", payload: {}, private: true }] }, env.serviceRoleKey, {
      apikey: env.serviceRoleKey,
    });
    expect(res.status).toBe(202);
    await waitFor("the service message", () => priv.length === 1);
  });

  test("answers invalid batches with 422 and Realtime's error map", async () => {
    const res = await post({ messages: [{ topic: "", payload: "x" }] }, null);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      errors: { messages: [{ topic: ["can't be blank"], event: ["can't be blank"], payload: ["is invalid"] }] },
    });
  });

  test("refuses a token that does not verify with 401", async () => {
    const res = await post(
      { messages: [{ topic: "t", event: "e", payload: {} }] },
      await accessToken(env, alice, { expiresIn: -5 }),
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
  });
});

describe("channel.httpSend (POST /api/broadcast/:topic/events/:event)", () => {
  test("sends JSON to a public topic and refuses a private one without INSERT permission", async () => {
    const topic = uniqueTopic("single");
    await sql`insert into ${sql(policies.table)} (topic, user_id, can_send) values (${topic}, ${reader.id}, false)`;
    const got = await listener(null, topic, false);
    const client = await clientFor(env, await accessToken(env, reader));
    clients.push(client);
    expect(await client.channel(topic).httpSend("ping", { ok: true })).toEqual({ success: true });
    await waitFor("the message", () => got.length === 1);
    expect(got).toEqual([{ event: "ping", payload: { ok: true } }]);
    await expect(client.channel(`${topic}-p`, { config: { private: true } }).httpSend("ping", {})).rejects.toThrow(
      "Unauthorized",
    );
  });
});
