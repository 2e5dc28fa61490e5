import { createClient, FunctionsHttpError } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import WebSocket from "ws";
import { stackEnv } from "../../src/testing/index.ts";

/**
 * The sample `health` function through the whole stack (gateway -> runtime -> Deno ->
 * Postgres), called the way the SPA calls functions.
 */
const env = stackEnv();
// Node 20 has no global WebSocket; supabase-js wants one for realtime even when unused.
const supabase = createClient(env.apiUrl, env.anonKey, {
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: WebSocket as never },
});
const secret = new TextEncoder().encode(env.jwtSecret);
const now = () => Math.floor(Date.now() / 1000);

const userToken = (opts: { exp?: number; key?: Uint8Array } = {}) =>
  new SignJWT({ role: "authenticated", aud: "authenticated", sub: crypto.randomUUID(), email: "health@example.test" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now() - 60)
    .setExpirationTime(opts.exp ?? now() + 600)
    .sign(opts.key ?? secret);

type Health = { status: string; db: { ok: boolean; latency_ms: number }; time: string };

describe("health through the gateway", () => {
  test("supabase.functions.invoke reports database connectivity", async () => {
    const { data, error, response } = await supabase.functions.invoke<Health>("health");
    expect(error).toBeNull();
    expect(data?.status).toBe("ok");
    expect(data?.db.ok).toBe(true);
    expect(data?.db.latency_ms).toBeGreaterThanOrEqual(0);
    expect(Math.abs(Date.parse(data?.time ?? "") - Date.now())).toBeLessThan(60_000);
    expect(response?.headers.get("access-control-allow-origin")).toBe("*");
  });

  test("a signed-in user's session token passes verify_jwt too (GET)", async () => {
    const { data, error } = await supabase.functions.invoke<Health>("health", {
      method: "GET",
      headers: { Authorization: `Bearer ${await userToken()}` },
    });
    expect(error).toBeNull();
    expect(data?.db.ok).toBe(true);
  });

  test("a call without any credentials is refused before the function runs", async () => {
    const res = await fetch(`${env.apiUrl}/functions/v1/health`, { method: "POST" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: "UNAUTHORIZED_NO_AUTH_HEADER", message: "Missing authorization header" });
  });

  test.each([
    { name: "a garbage bearer", token: async () => "garbage", code: "UNAUTHORIZED_INVALID_JWT_FORMAT" },
    { name: "an expired session", token: async () => userToken({ exp: now() - 10 }), code: "UNAUTHORIZED_INVALID_JWT" },
    {
      name: "a token signed with another secret",
      token: async () => userToken({ key: new TextEncoder().encode("some-other-secret-of-at-least-32-chars!!") }),
      code: "UNAUTHORIZED_INVALID_JWT",
    },
    {
      name: "an unsigned token",
      token: async () =>
        `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from('{"role":"service_role"}').toString("base64url")}.`,
      code: "UNAUTHORIZED_UNSUPPORTED_TOKEN_ALGORITHM",
    },
  ])("invoke with $name is refused with 401", async ({ token, code }) => {
    const { data, error } = await supabase.functions.invoke("health", { headers: { Authorization: `Bearer ${await token()}` } });
    expect(data).toBeNull();
    expect(error).toBeInstanceOf(FunctionsHttpError);
    const response = (error as FunctionsHttpError).context as Response;
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code });
  });

  test("an unknown function is a JSON 404", async () => {
    const { error } = await supabase.functions.invoke("no-such-function");
    expect(error).toBeInstanceOf(FunctionsHttpError);
    const response = (error as FunctionsHttpError).context as Response;
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: "NOT_FOUND", message: "Requested function was not found" });
  });
});
