import type { RealtimeChannel, SupabaseClient } from "@supabase/supabase-js";
import postgres from "postgres";
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
let eve: TestUser;
const clients: SupabaseClient[] = [];

type Received = { event: string; payload: unknown; meta?: { id?: string } };

function listen(channel: RealtimeChannel): Received[] {
  const got: Received[] = [];
  channel.on("broadcast", { event: "*" }, (m) => got.push({ event: m.event, payload: m.payload, meta: m.meta }));
  return got;
}

async function joined(token: string | null, topic: string, isPrivate: boolean, vsn: "1.0.0" | "2.0.0" = "2.0.0") {
  const c = await clientFor(env, token, vsn);
  clients.push(c);
  const ch = c.channel(topic, { config: { private: isPrivate } });
  const got = listen(ch);
  const sub = await subscribe(ch);
  expect(sub.status).toBe("SUBSCRIBED");
  return got;
}

beforeAll(async () => {
  policies = await createMembershipPolicies(sql, `rt_db_${Date.now().toString(36)}`);
  [alice, eve] = await Promise.all([createUser(sql, "alice"), createUser(sql, "eve")]);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.removeAllChannels()));
  await policies.drop();
  await sql.end();
});

describe("realtime.send() from SQL", () => {
  test("is delivered after commit and never on rollback", async () => {
    const topic = uniqueTopic("db");
    await sql`insert into ${sql(policies.table)} (topic, user_id) values (${topic}, ${alice.id})`;
    const got = await joined(await accessToken(env, alice), topic, true);

    let seenBeforeCommit = -1;
    await sql.begin(async (tx) => {
      await tx`select realtime.send(${tx.json({ step: "committed" })}, 'row', ${topic})`;
      await new Promise((r) => setTimeout(r, 300));
      seenBeforeCommit = got.length;
    });
    await sql
      .begin(async (tx) => {
        await tx`select realtime.send(${tx.json({ step: "rolled back" })}, 'row', ${topic})`;
        throw new Error("roll it back");
      })
      .catch(() => undefined);
    await sql`select realtime.send(${sql.json({ step: "after" })}, 'row', ${topic})`;

    await waitFor("the message sent after the rollback", () => got.length >= 2);
    expect(seenBeforeCommit).toBe(0);
    expect(got.map((m) => (m.payload as { step: string }).step)).toEqual(["committed", "after"]);
    const first = got[0] as Received;
    expect(first.event).toBe("row");
    // Like Supabase: the payload gets the message id, which also travels as meta.id.
    expect(first.payload).toEqual({ step: "committed", id: first.meta?.id });
    expect(first.meta?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("private messages reach only subscribers RLS lets read the topic; public ones only public channels", async () => {
    const topic = uniqueTopic("gate");
    await sql`insert into ${sql(policies.table)} (topic, user_id) values (${topic}, ${alice.id})`;
    const gotAlice = await joined(await accessToken(env, alice), topic, true, "1.0.0");
    const gotEvePublic = await joined(await accessToken(env, eve), topic, false);
    const gotAnonPublic = await joined(null, topic, false, "1.0.0");

    await sql`select realtime.send(${sql.json({ n: 1 })}, 'private-one', ${topic})`;
    await sql`select realtime.send(${sql.json({ n: 2 })}, 'public-one', ${topic}, false)`;
    await waitFor("alice's private message", () => gotAlice.length === 1);
    await waitFor("the public message", () => gotEvePublic.length === 1 && gotAnonPublic.length === 1);
    expect(gotAlice.map((m) => m.event)).toEqual(["private-one"]);
    expect(gotEvePublic.map((m) => m.event)).toEqual(["public-one"]);
    expect(gotAnonPublic.map((m) => m.event)).toEqual(["public-one"]);
  });

  test("payloads above NOTIFY's 8000-byte limit arrive whole", async () => {
    const topic = uniqueTopic("big");
    const got = await joined(null, topic, false);
    const text = "x".repeat(50_000);
    await sql`select realtime.send(${sql.json({ text })}, 'big', ${topic}, false)`;
    await waitFor("the big message", () => got.length === 1);
    expect((got[0]?.payload as { text?: string } | undefined)?.text).toBe(text);
  });

  test("realtime.send_binary() reaches 2.0.0 clients as bytes and skips 1.0.0 clients", async () => {
    const topic = uniqueTopic("bytes");
    const v2 = await joined(null, topic, false);
    const v1 = await joined(null, topic, false, "1.0.0");
    await sql`select realtime.send_binary(${Buffer.from([1, 2, 250])}, 'blob', ${topic}, false)`;
    await sql`select realtime.send(${sql.json({})}, 'marker', ${topic}, false)`;
    await waitFor("the marker on both", () => v1.length >= 1 && v2.length >= 2);
    expect(v1.map((m) => m.event)).toEqual(["marker"]);
    expect(v2.map((m) => m.event)).toEqual(["blob", "marker"]);
    expect(Buffer.from(v2[0]?.payload as ArrayBuffer)).toEqual(Buffer.from([1, 2, 250]));
  });

  test("many sends in one transaction arrive in order", async () => {
    const topic = uniqueTopic("order");
    const got = await joined(null, topic, false);
    await sql`select realtime.send(jsonb_build_object('i', i), 'n', ${topic}, false) from generate_series(1, 200) i`;
    await waitFor("200 messages", () => got.length === 200);
    expect(got.map((m) => (m.payload as { i: number }).i)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  });

  test("a caller without an INSERT policy gets a warning, its transaction survives, nothing is sent", async () => {
    const topic = uniqueTopic("denied");
    const got = await joined(null, topic, false);
    const warnings: string[] = [];
    const asUser = postgres(env.adminDbUrl, { max: 1, onnotice: (n) => warnings.push(String(n.message)) });
    try {
      const r = await asUser.begin(async (tx) => {
        await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${JSON.stringify({ sub: eve.id, role: "authenticated" })}, true)`;
        await tx`select realtime.send(${tx.json({ nope: true })}, 'denied', ${topic}, false)`;
        return tx`select 1 as still_alive`;
      });
      expect(r[0]?.still_alive).toBe(1);
    } finally {
      await asUser.end();
    }
    await sql`select realtime.send(${sql.json({ ok: true })}, 'allowed', ${topic}, false)`;
    await waitFor("the allowed message", () => got.length >= 1);
    expect(got.map((m) => m.event)).toEqual(["allowed"]);
    expect(warnings).toEqual(['WarnSendingBroadcastMessage: new row violates row-level security policy for table "messages"']);
  });

  test("realtime.broadcast_changes() in a trigger broadcasts row changes", async () => {
    const topic = uniqueTopic("rows");
    const table = `rt_rows_${Date.now().toString(36)}`;
    await sql`insert into ${sql(policies.table)} (topic, user_id) values (${topic}, ${alice.id})`;
    // broadcast_changes sends privately (realtime.send's default): only members hear it.
    const got = await joined(await accessToken(env, alice), topic, true);
    await sql.unsafe(`
      create table public.${table} (id int primary key, title text);
      create function public.${table}_broadcast() returns trigger language plpgsql security definer as $$
      begin
        perform realtime.broadcast_changes('${topic}', tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
        return null;
      end $$;
      create trigger ${table}_broadcast after insert or update on public.${table}
        for each row execute function public.${table}_broadcast();
      insert into public.${table} values (1, 'first');
      update public.${table} set title = 'renamed' where id = 1;`);
    try {
      await waitFor("insert and update", () => got.length === 2);
    } finally {
      await sql.unsafe(`drop table public.${table}; drop function public.${table}_broadcast();`);
    }
    expect(got.map((m) => m.event)).toEqual(["INSERT", "UPDATE"]);
    expect(got[1]?.payload).toMatchObject({
      operation: "UPDATE",
      table,
      schema: "public",
      record: { id: 1, title: "renamed" },
      old_record: { id: 1, title: "first" },
    });
  });
});

describe("replay and readiness", () => {
  test("a private channel asking for replay first gets the newest stored broadcasts, flagged as replayed", async () => {
    const topic = uniqueTopic("replay");
    await sql`insert into ${sql(policies.table)} (topic, user_id) values (${topic}, ${alice.id})`;
    const since = Date.now() - 60_000;
    for (const n of [1, 2, 3]) await sql`select realtime.send(${sql.json({ n })}, 'old', ${topic})`;
    const c = await clientFor(env, await accessToken(env, alice));
    clients.push(c);
    const ch = c.channel(topic, { config: { private: true, broadcast: { replay: { since, limit: 2 } } } });
    const got = listen(ch);
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
    await sql`select realtime.send(${sql.json({ n: 4 })}, 'live', ${topic})`;
    await waitFor("two replayed and one live message", () => got.length === 3);
    expect(got.map((m) => [(m.payload as { n: number }).n, m.meta])).toEqual([
      [2, { replayed: true, id: expect.any(String) }],
      [3, { replayed: true, id: expect.any(String) }],
      [4, { id: expect.any(String) }],
    ]);
  });

  test("replication_ready is confirmed with a system message", async () => {
    const c = await clientFor(env, null);
    clients.push(c);
    const topic = uniqueTopic("ready");
    const ch = c.channel(topic, { config: { broadcast: { replication_ready: true } } });
    const system: unknown[] = [];
    ch.on("system", {}, (m) => system.push(m));
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
    await waitFor("the system message", () => system.length === 1);
    expect(system).toEqual([
      { extension: "system", status: "ok", message: "Replication connection established", channel: topic },
    ]);
  });
});

describe("realtime.messages", () => {
  test("has Supabase's columns, RLS on, and lets the migration role write policies", async () => {
    const columns = await sql`select column_name, data_type from information_schema.columns
                              where table_schema = 'realtime' and table_name = 'messages' order by column_name`;
    expect(Object.fromEntries(columns.map((c) => [c.column_name, c.data_type]))).toMatchObject({
      id: "uuid",
      topic: "text",
      extension: "text",
      payload: "jsonb",
      event: "text",
      private: "boolean",
      updated_at: "timestamp without time zone",
      inserted_at: "timestamp without time zone",
    });
    const [rls] = await sql`select relrowsecurity from pg_class where oid = 'realtime.messages'::regclass`;
    expect(rls?.relrowsecurity).toBe(true);

    const asPostgres = postgres(env.dbUrl, { max: 1, onnotice: () => {} });
    const name = `rt_policy_${Date.now().toString(36)}`;
    try {
      await asPostgres.unsafe(
        `create policy ${name} on realtime.messages for select to authenticated using (realtime.topic() = 'nothing'); drop policy ${name} on realtime.messages;`,
      );
      const [{ topic }] = (await asPostgres`select realtime.topic() as topic`) as unknown as [{ topic: string | null }];
      expect(topic).toBeNull();
    } finally {
      await asPostgres.end();
    }
  });
});
