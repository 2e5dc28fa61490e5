import type { SupabaseClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POSTGRES_CHANGES_UNSUPPORTED } from "../../src/realtime/connection.ts";
import { stackEnv } from "../../src/testing/index.ts";
import {
  accessToken,
  adminSql,
  clientFor,
  createUser,
  RawSocket,
  subscribe,
  type TestUser,
  uniqueTopic,
  waitFor,
} from "./helpers.ts";
import { RealtimeSerializer } from "./sdk-serializer.ts";

const env = stackEnv();
const sql = adminSql(env);
let user: TestUser;
const sockets: RawSocket[] = [];
const clients: SupabaseClient[] = [];

async function raw(vsn: "1.0.0" | "2.0.0"): Promise<RawSocket> {
  const s = await RawSocket.open(env, vsn);
  sockets.push(s);
  return s;
}

const joinPayload = (config: Record<string, unknown> = {}, token: string = env.anonKey) => ({
  config: {
    broadcast: { ack: false, self: false },
    presence: { key: "", enabled: false },
    postgres_changes: [],
    private: false,
    ...config,
  },
  access_token: token,
});

/** realtime-js's own serializer, to produce the binary frames the SDK sends. */
function sdkEncode(msg: {
  join_ref: string;
  ref: string;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}): Buffer {
  let out: Buffer | undefined;
  new RealtimeSerializer().encode(msg, (r: ArrayBuffer | string) => {
    out = Buffer.from(r as ArrayBuffer);
  });
  return out as Buffer;
}

const reply = (ref: string) => (f: unknown) => Array.isArray(f) && f[1] === ref && f[3] === "phx_reply";
const replyV1 = (ref: string) => (f: unknown) =>
  (f as { ref?: unknown; event?: unknown }).ref === ref && (f as { event?: unknown }).event === "phx_reply";

async function joinV2(s: RawSocket, topic: string, config: Record<string, unknown> = {}, joinRef = "1") {
  s.send([joinRef, joinRef, topic, "phx_join", joinPayload(config)]);
  return s.next(`join reply for ${topic}`, reply(joinRef));
}

beforeAll(async () => {
  user = await createUser(sql, "proto");
});

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await Promise.all(clients.map((c) => c.removeAllChannels()));
  await sql.end();
});

describe("heartbeats", () => {
  test("2.0.0: a heartbeat on `phoenix` gets an ok reply with its ref", async () => {
    const s = await raw("2.0.0");
    s.send([null, "7", "phoenix", "heartbeat", {}]);
    expect(await s.next("heartbeat reply", reply("7"))).toEqual([
      null,
      "7",
      "phoenix",
      "phx_reply",
      { status: "ok", response: {} },
    ]);
  });

  test("1.0.0: the same exchange in JSON objects", async () => {
    const s = await raw("1.0.0");
    s.send({ topic: "phoenix", event: "heartbeat", payload: {}, ref: "3" });
    expect(await s.next("heartbeat reply", replyV1("3"))).toEqual({
      topic: "phoenix",
      event: "phx_reply",
      payload: { status: "ok", response: {} },
      ref: "3",
    });
  });

  test.each(["1.0.0", "2.0.0"] as const)("realtime-js %s sees its heartbeats answered", async (vsn) => {
    const client = await clientFor(env, null, vsn);
    clients.push(client);
    expect((await subscribe(client.channel(uniqueTopic("hb")))).status).toBe("SUBSCRIBED");
    const statuses: string[] = [];
    client.realtime.onHeartbeat((status) => statuses.push(status));
    await client.realtime.sendHeartbeat();
    await waitFor("heartbeat ok", () => statuses.includes("ok"));
    expect(statuses).toEqual(["sent", "ok"]);
  });
});

describe("joining", () => {
  test("the join reply has Realtime's shape, and phx_leave answers ok then phx_close", async () => {
    const s = await raw("2.0.0");
    const topic = `realtime:${uniqueTopic("shape")}`;
    expect(await joinV2(s, topic, {}, "4")).toEqual([
      "4",
      "4",
      topic,
      "phx_reply",
      { status: "ok", response: { postgres_changes: [] } },
    ]);
    s.send(["4", "5", topic, "phx_leave", {}]);
    expect(await s.next("leave reply", reply("5"))).toEqual(["4", "5", topic, "phx_reply", { status: "ok", response: {} }]);
    expect(await s.next("phx_close", (f) => Array.isArray(f) && f[3] === "phx_close")).toEqual([
      "4",
      "4",
      topic,
      "phx_close",
      {},
    ]);
  });

  test("joining a topic again closes the previous channel first", async () => {
    const s = await raw("2.0.0");
    const topic = `realtime:${uniqueTopic("dup")}`;
    await joinV2(s, topic, {}, "1");
    expect(await joinV2(s, topic, {}, "2")).toEqual([
      "2",
      "2",
      topic,
      "phx_reply",
      { status: "ok", response: { postgres_changes: [] } },
    ]);
    expect(s.json()).toContainEqual(["1", "1", topic, "phx_close", {}]);
  });

  test.each([
    ["a topic outside realtime:*", "room:1", {}, "unmatched topic"],
    ["an empty sub-topic", "realtime:", {}, "TopicNameRequired: You must provide a topic name"],
    [
      "postgres_changes",
      "realtime:pg",
      { postgres_changes: [{ event: "*", schema: "public", table: "todos" }] },
      POSTGRES_CHANGES_UNSUPPORTED,
    ],
  ])("refuses %s with a clear reason", async (_name, topic, config, reason) => {
    const s = await raw("2.0.0");
    expect(await joinV2(s, topic, config)).toEqual(["1", "1", topic, "phx_reply", { status: "error", response: { reason } }]);
  });

  test("a push to a topic that was never joined is answered `unmatched topic`", async () => {
    const s = await raw("2.0.0");
    s.send(["9", "9", "realtime:nowhere", "broadcast", { type: "broadcast", event: "x", payload: {} }]);
    expect(await s.next("error reply", reply("9"))).toEqual([
      "9",
      "9",
      "realtime:nowhere",
      "phx_reply",
      { status: "error", response: { reason: "unmatched topic" } },
    ]);
  });

  test("supabase-js asking for postgres_changes gets a channel error naming the limitation", async () => {
    const client = await clientFor(env, null);
    clients.push(client);
    const ch = client
      .channel(uniqueTopic("pgc"))
      .on("postgres_changes", { event: "*", schema: "public", table: "notes" }, () => {});
    const result = await subscribe(ch);
    await client.removeChannel(ch);
    expect(result.status).toBe("CHANNEL_ERROR");
    expect(result.error?.message).toBe(POSTGRES_CHANGES_UNSUPPORTED);
  });

  const header = (h: object) => Buffer.from(JSON.stringify(h)).toString("base64url");
  test.each([
    [
      "an expired token",
      async () => accessToken(env, user, { expiresIn: -60 }),
      /^InvalidJWTToken: Token has expired 6\d seconds ago$/,
    ],
    ["a malformed token", async () => "not-a-jwt", /^MalformedJWT: The token provided is not a valid JWT$/],
    [
      "a token signed with another secret",
      async () => accessToken(env, user, { secret: "a-different-secret-with-at-least-32-chars" }),
      /^JwtSignatureError: Failed to validate JWT signature$/,
    ],
    [
      "a token without role",
      async () => accessToken(env, user, { omit: ["role"] }),
      /^InvalidJWTToken: Fields `role` and `exp` are required in JWT$/,
    ],
    [
      "an RS256 token",
      async () => `${header({ alg: "RS256", typ: "JWT" })}.${header({ role: "anon", exp: 9e9 })}.c2ln`,
      /^JwtSignerError: /,
    ],
    [
      "an unsigned token",
      async () =>
        new SignJWT({ role: "authenticated", exp: Math.floor(Date.now() / 1000) + 60 })
          .setProtectedHeader({ alg: "HS256" })
          .sign(new TextEncoder().encode(env.jwtSecret))
          .then((t) => `${t.split(".").slice(0, 2).join(".")}.`),
      /^JwtSignatureError: /,
    ],
  ])("refuses %s with Realtime's reason", async (_name, token, reason) => {
    const s = await raw("2.0.0");
    const topic = `realtime:${uniqueTopic("tok")}`;
    s.send(["1", "1", topic, "phx_join", joinPayload({}, await token())]);
    const answer = (await s.next("join reply", reply("1"))) as [
      unknown,
      unknown,
      unknown,
      unknown,
      { status: string; response: { reason: string } },
    ];
    expect(answer[4].status).toBe("error");
    expect(answer[4].response.reason).toMatch(reason);
  });
});

describe("robustness", () => {
  test("malformed frames are dropped and the socket keeps working", async () => {
    const s = await raw("2.0.0");
    for (const bad of ["garbage", "{}", "[1,2]", '[null,"1",42,"heartbeat",{}]', "null", "[]"]) s.send(bad);
    for (const bad of [
      Buffer.from([]),
      Buffer.from([3, 200, 200]),
      Buffer.from([9, 1, 2, 3]),
      Buffer.from([3, 0, 0, 1, 1, 0, 7, 65, 66]),
    ]) {
      s.send(bad);
    }
    s.send([null, "42", "phoenix", "heartbeat", {}]);
    expect(await s.next("heartbeat after garbage", reply("42"))).toEqual([
      null,
      "42",
      "phoenix",
      "phx_reply",
      { status: "ok", response: {} },
    ]);

    const v1 = await raw("1.0.0");
    v1.send(["not", "a", "map", "in", "v1"]);
    v1.send(Buffer.from([3, 1, 2, 3]));
    v1.send({ topic: "phoenix", event: "heartbeat", payload: {}, ref: "1" });
    expect(await v1.next("v1 heartbeat after garbage", replyV1("1"))).toMatchObject({ payload: { status: "ok" } });
  });
});

describe("broadcast frames", () => {
  test("a realtime-js binary push reaches 2.0.0 listeners as a binary user broadcast and 1.0.0 listeners as JSON", async () => {
    const topic = `realtime:${uniqueTopic("bin")}`;
    const sender = await raw("2.0.0");
    const v2 = await raw("2.0.0");
    const v1 = await raw("1.0.0");
    await joinV2(sender, topic, { broadcast: { ack: true, self: false } });
    await joinV2(v2, topic);
    v1.send({ topic, event: "phx_join", payload: joinPayload(), ref: "1", join_ref: "1" });
    await v1.next("v1 join", replyV1("1"));

    const push = {
      join_ref: "1",
      ref: "2",
      topic,
      event: "broadcast",
      payload: { type: "broadcast", event: "cursor", payload: { x: 1 } },
    };
    sender.send(sdkEncode(push));
    expect(await sender.next("ack", reply("2"))).toEqual(["1", "2", topic, "phx_reply", { status: "ok", response: {} }]);
    const frame = await waitFor("binary frame", () => v2.frames.find((f): f is Buffer => Buffer.isBuffer(f)));
    const t = Buffer.from(topic);
    expect(frame).toEqual(Buffer.concat([Buffer.from([4, t.length, 6, 0, 1]), t, Buffer.from("cursor"), Buffer.from('{"x":1}')]));
    expect(await v1.next("v1 broadcast", (f) => (f as { event?: string }).event === "broadcast")).toEqual({
      topic,
      event: "broadcast",
      payload: { event: "cursor", payload: { x: 1 }, type: "broadcast" },
      ref: null,
    });
    // The sender did not ask for `self`.
    expect(sender.frames.filter((f) => Buffer.isBuffer(f))).toEqual([]);
  });

  test("a binary payload goes to 2.0.0 listeners only; without ack the sender gets no reply", async () => {
    const topic = `realtime:${uniqueTopic("bytes")}`;
    const sender = await raw("2.0.0");
    const v2 = await raw("2.0.0");
    const v1 = await raw("1.0.0");
    await joinV2(sender, topic, { broadcast: { ack: false, self: true } });
    await joinV2(v2, topic);
    v1.send({ topic, event: "phx_join", payload: joinPayload(), ref: "1", join_ref: "1" });
    await v1.next("v1 join", replyV1("1"));

    const bytes = new Uint8Array([0, 1, 2, 255]).buffer;
    sender.send(
      sdkEncode({
        join_ref: "1",
        ref: "2",
        topic,
        event: "broadcast",
        payload: { type: "broadcast", event: "blob", payload: bytes },
      }),
    );
    sender.send(["1", "3", topic, "broadcast", { type: "broadcast", event: "marker", payload: {} }]);
    await v1.next("marker on v1", (f) => (f as { payload?: { event?: string } }).payload?.event === "marker");
    const got = await waitFor("bytes on v2", () => v2.frames.find((f): f is Buffer => Buffer.isBuffer(f)));
    expect(got.subarray(got.length - 4)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(got[4]).toBe(0); // binary encoding
    expect(v1.json().filter((f) => (f as { event?: string }).event === "broadcast")).toHaveLength(1);
    // `self` delivers the sender's own messages; no ack means no phx_reply for refs 2 and 3.
    await waitFor("self delivery", () => sender.frames.some((f) => Buffer.isBuffer(f)));
    expect(sender.json().filter((f) => Array.isArray(f) && (f[1] === "2" || f[1] === "3"))).toEqual([]);
  });

  test.each(["2.0.0", "1.0.0"] as const)(
    "realtime-js %s clients broadcast and track presence across serializer versions",
    async (vsn) => {
      const topic = uniqueTopic("mixed");
      const other = vsn === "2.0.0" ? "1.0.0" : "2.0.0";
      const a = await clientFor(env, await accessToken(env, user), vsn);
      const b = await clientFor(env, null, other);
      clients.push(a, b);
      const chA = a.channel(topic, { config: { broadcast: { ack: true }, presence: { key: "a" } } });
      const chB = b.channel(topic, { config: { presence: { key: "b" } } });
      const gotB: unknown[] = [];
      chB.on("broadcast", { event: "hello" }, (m) => gotB.push(m.payload));
      chA.on("presence", { event: "sync" }, () => {});
      chB.on("presence", { event: "sync" }, () => {});
      expect((await subscribe(chA)).status).toBe("SUBSCRIBED");
      expect((await subscribe(chB)).status).toBe("SUBSCRIBED");
      expect(await chA.send({ type: "broadcast", event: "hello", payload: { from: vsn } })).toBe("ok");
      await waitFor("b hears a", () => gotB.length === 1);
      expect(gotB).toEqual([{ from: vsn }]);
      await chA.track({ v: vsn });
      await chB.track({ v: other });
      await waitFor("both presences on both sides", () =>
        [chA, chB].every((ch) => Object.keys(ch.presenceState()).sort().join() === "a,b"),
      );
      expect(chB.presenceState().a?.[0]).toMatchObject({ v: vsn });
      await chA.untrack();
      await waitFor("untrack seen", () => chB.presenceState().a === undefined);
    },
  );
});
