import { SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import { validateBatch } from "../../src/realtime/http-api.ts";
import { flexibleBoolean, type JoinPayload, parseJoinPayload } from "../../src/realtime/join-payload.ts";
import {
  cleanToken,
  connectError,
  joinErrorReason,
  shutdownMessage,
  type TokenError,
  verifyToken,
} from "../../src/realtime/jwt.ts";
import { PresenceTracker, sameJson } from "../../src/realtime/presence.ts";

const SECRET = "unit-test-secret-with-at-least-32-characters";
const key = new TextEncoder().encode(SECRET);
const NOW = 1_800_000_000_000;
const nowS = NOW / 1000;

async function sign(claims: Record<string, unknown>, opts: { alg?: string; secret?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));
}

describe("verifyToken", () => {
  test.each<{ name: string; token: () => Promise<string>; expected: TokenError | "ok" }>([
    { name: "valid HS256", token: () => sign({ role: "authenticated", exp: nowS + 60 }), expected: "ok" },
    { name: "valid HS512", token: () => sign({ role: "anon", exp: nowS + 60 }, { alg: "HS512" }), expected: "ok" },
    {
      name: "expired",
      token: () => sign({ role: "anon", exp: nowS - 42 }),
      expected: { kind: "expired", expiredSecondsAgo: 42 },
    },
    {
      name: "expiring this very second",
      token: () => sign({ role: "anon", exp: nowS }),
      expected: { kind: "expired", expiredSecondsAgo: 0 },
    },
    { name: "no role", token: () => sign({ exp: nowS + 60 }), expected: { kind: "missing_claims" } },
    { name: "no exp", token: () => sign({ role: "anon" }), expected: { kind: "missing_claims" } },
    { name: "string exp", token: () => sign({ role: "anon", exp: "soon" }), expected: { kind: "invalid_claims" } },
    {
      name: "string iat",
      token: () => sign({ role: "anon", exp: nowS + 60, iat: "then" }),
      expected: { kind: "invalid_claims" },
    },
    {
      name: "other secret",
      token: () => sign({ role: "anon", exp: nowS + 60 }, { secret: `${SECRET}-other` }),
      expected: { kind: "signature" },
    },
    { name: "not a JWT", token: async () => "abc", expected: { kind: "malformed" } },
    { name: "garbage segments", token: async () => "a.b.c", expected: { kind: "malformed" } },
    {
      name: "RS256 header",
      token: async () =>
        `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from('{"role":"anon"}').toString("base64url")}.x`,
      expected: { kind: "signer" },
    },
    {
      name: "URL-encoded with whitespace",
      token: async () => encodeURIComponent(await sign({ role: "anon", exp: nowS + 60 })).replace(".", ".\n "),
      expected: "ok",
    },
  ])("$name", async ({ token, expected }) => {
    const result = await verifyToken(await token(), key, NOW);
    if (expected === "ok") expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, error: expected });
  });

  test("claims come back with exp and iat rounded, like Realtime", async () => {
    const result = await verifyToken(await sign({ role: "anon", exp: nowS + 60.6, iat: nowS - 0.4, sub: "u" }), key, NOW);
    expect(result).toEqual({ ok: true, claims: { role: "anon", exp: nowS + 61, iat: nowS, sub: "u" } });
  });

  test("cleanToken strips whitespace and URL encoding", () => {
    expect(cleanToken(" a%2Eb\n.c ")).toBe("a.b.c");
    expect(cleanToken("%E0%A4%A")).toBe("%E0%A4%A");
  });
});

describe("Realtime's words for token errors", () => {
  test.each<{ error: TokenError; join: string; shutdown: string; connect: [number, string] }>([
    {
      error: { kind: "expired", expiredSecondsAgo: 5 },
      join: "InvalidJWTToken: Token has expired 5 seconds ago",
      shutdown: "Token has expired 5 seconds ago",
      connect: [401, "Token has expired"],
    },
    {
      error: { kind: "missing_claims" },
      join: "InvalidJWTToken: Fields `role` and `exp` are required in JWT",
      shutdown: "Fields `role` and `exp` are required in JWT",
      connect: [401, "Fields `role` and `exp` are required in JWT"],
    },
    {
      error: { kind: "malformed" },
      join: "MalformedJWT: The token provided is not a valid JWT",
      shutdown: "The token provided is not a valid JWT",
      connect: [401, "The token provided is not a valid JWT"],
    },
    {
      error: { kind: "signature" },
      join: "JwtSignatureError: Failed to validate JWT signature",
      shutdown: ":signature_error",
      connect: [401, "Failed to validate JWT signature"],
    },
  ])("$error.kind", ({ error, join, shutdown, connect }) => {
    expect(joinErrorReason(error)).toBe(join);
    expect(shutdownMessage(error)).toBe(shutdown);
    expect(connectError(error)).toEqual({ status: connect[0], message: connect[1] });
  });
});

describe("parseJoinPayload", () => {
  const defaults: JoinPayload = {
    private: false,
    self: false,
    ack: false,
    replicationReady: false,
    presenceEnabled: false,
    presenceKey: null,
    postgresChanges: [],
    replay: null,
    accessToken: null,
    invalid: [],
  };
  test.each<{ name: string; payload: unknown; expected: Partial<JoinPayload> }>([
    { name: "nothing", payload: undefined, expected: {} },
    {
      name: "realtime-js defaults",
      payload: {
        config: {
          broadcast: { ack: false, self: false },
          presence: { key: "", enabled: false },
          postgres_changes: [],
          private: false,
        },
      },
      expected: {},
    },
    {
      name: "everything on",
      payload: {
        config: {
          broadcast: { ack: true, self: true, replay: { since: 1, limit: 2 }, replication_ready: true },
          presence: { key: "u1", enabled: true },
          private: true,
        },
        access_token: "tok",
      },
      expected: {
        private: true,
        self: true,
        ack: true,
        replicationReady: true,
        presenceEnabled: true,
        presenceKey: "u1",
        replay: { since: 1, limit: 2 },
        accessToken: "tok",
      },
    },
    {
      name: "string booleans",
      payload: { config: { private: "TRUE", broadcast: { self: "true", ack: "False" } } },
      expected: { private: true, self: true },
    },
    {
      name: "invalid boolean falls back",
      payload: { config: { private: "yes" } },
      expected: { invalid: ["config.private: unable to parse, expected boolean"] },
    },
    { name: "numeric presence key", payload: { config: { presence: { key: 42 } } }, expected: { presenceKey: "42" } },
    {
      name: "postgres_changes without nulls",
      payload: { config: { postgres_changes: [null, { event: "*", schema: "public" }] } },
      expected: { postgresChanges: [{ event: "*", schema: "public" }] },
    },
    { name: "user_token wins", payload: { access_token: "a", user_token: "u" }, expected: { accessToken: "u" } },
    {
      name: "publishable key means the socket key",
      payload: { access_token: "sb_publishable_x" },
      expected: { accessToken: null },
    },
    {
      name: "config that is not a map",
      payload: { config: "x" },
      expected: { invalid: ["config: unable to parse, expected a map"] },
    },
  ])("$name", ({ payload, expected }) => {
    expect(parseJoinPayload(payload)).toEqual({ ...defaults, ...expected });
  });

  test.each([
    [true, true],
    ["True", true],
    [false, false],
    ["false", false],
    ["1", undefined],
    [1, undefined],
    [null, undefined],
  ])("flexibleBoolean(%j) = %j", (input, expected) => {
    expect(flexibleBoolean(input)).toBe(expected);
  });
});

describe("PresenceTracker", () => {
  test("tracks, updates, lists and untracks with Phoenix diffs", () => {
    const t = new PresenceTracker<string>();
    const join = t.track("room", "ch1", "alice", { status: "here" });
    const ref1 = join.joins.alice?.metas[0]?.phx_ref;
    expect(join).toEqual({ joins: { alice: { metas: [{ status: "here", phx_ref: expect.any(String) }] } }, leaves: {} });

    t.track("room", "ch2", "alice", { status: "phone" });
    t.track("room", "ch3", "bob", { status: "away" });
    expect(Object.keys(t.list("room"))).toEqual(["alice", "bob"]);
    expect(t.list("room").alice?.metas.map((m) => m.status)).toEqual(["here", "phone"]);

    const update = t.track("room", "ch1", "alice", { status: "busy" });
    expect(update.leaves).toEqual({ alice: { metas: [{ status: "here", phx_ref: ref1 }] } });
    expect(update.joins.alice?.metas[0]).toMatchObject({ status: "busy", phx_ref_prev: ref1 });

    expect(t.untrack("room", "ch3")).toEqual({
      joins: {},
      leaves: { bob: { metas: [expect.objectContaining({ status: "away" })] } },
    });
    expect(t.untrack("room", "ch3")).toBeNull();
    expect(t.untrack("elsewhere", "ch1")).toBeNull();
    expect(t.list("elsewhere")).toEqual({});
  });

  test.each([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [[1, 2], [2, 1], false],
    [{ a: null }, { a: null }, true],
    [{}, [], false],
  ])("sameJson(%j, %j) = %j", (a, b, expected) => {
    expect(sameJson(a, b)).toBe(expected);
  });
});

describe("validateBatch", () => {
  test.each<{ name: string; body: unknown; expected: unknown }>([
    { name: "no messages", body: {}, expected: { ok: false, errors: { messages: ["can't be blank"] } } },
    { name: "empty list", body: { messages: [] }, expected: { ok: false, errors: { messages: ["can't be blank"] } } },
    {
      name: "missing fields",
      body: {
        messages: [
          { topic: "t", event: "e", payload: {} },
          { topic: "", payload: [] },
        ],
      },
      expected: {
        ok: false,
        errors: { messages: [{}, { topic: ["can't be blank"], event: ["can't be blank"], payload: ["is invalid"] }] },
      },
    },
    {
      name: "valid, private as string",
      body: { messages: [{ topic: "t", event: "e", payload: { a: 1 }, private: "true", id: "m1" }] },
      expected: { ok: true, messages: [{ topic: "t", event: "e", payload: { a: 1 }, private: true, id: "m1" }] },
    },
  ])("$name", ({ body, expected }) => {
    expect(validateBatch(body)).toEqual(expected);
  });
});
