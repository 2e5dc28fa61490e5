/**
 * Bad input gets GoTrue's error bodies: the legacy `{code, error_code, msg}` shape, or
 * `{code, message}` when the request carries `X-Supabase-Api-Version: 2024-01-01` (as
 * auth-js does), never a stack trace; unknown paths 404 like GoTrue's router.
 */
import { SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import { client, env, follow, randomEmail } from "./helpers.ts";

const auth = (path: string, init: RequestInit = {}) =>
  fetch(`${env.apiUrl}/auth/v1${path}`, {
    ...init,
    headers: { apikey: env.anonKey, ...(init.headers as Record<string, string>) },
  });
const postJson = (path: string, body: string, headers: Record<string, string> = {}) =>
  auth(path, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

describe("error bodies", () => {
  test("a weak password is weak_password in both API versions, and an AuthWeakPasswordError in supabase-js", async () => {
    const body = JSON.stringify({ email: randomEmail("weak"), password: "short" });
    const legacy = await postJson("/signup", body);
    expect(legacy.status).toBe(422);
    expect(legacy.headers.get("x-supabase-api-version")).toBeNull();
    expect(await legacy.json()).toEqual({
      code: 422,
      error_code: "weak_password",
      msg: "Password should be at least 8 characters.",
      weak_password: { reasons: ["length"] },
    });
    const current = await postJson("/signup", body, { "X-Supabase-Api-Version": "2024-01-01" });
    expect(current.headers.get("x-supabase-api-version")).toBe("2024-01-01");
    expect(await current.json()).toEqual({
      code: "weak_password",
      message: "Password should be at least 8 characters.",
      weak_password: { reasons: ["length"] },
    });

    const { error } = await client().auth.signUp({ email: randomEmail("weak"), password: "short" });
    expect(error?.name).toBe("AuthWeakPasswordError");
    expect(error?.code).toBe("weak_password");
    expect(error?.status).toBe(422);
    expect((error as unknown as { reasons: string[] }).reasons).toEqual(["length"]);
  });

  test.each([
    { name: "malformed JSON", path: "/signup", body: "{nope", status: 400, code: "bad_json" },
    {
      name: "a number for the email",
      path: "/signup",
      body: '{"email": 5, "password": "long-enough-1"}',
      status: 400,
      code: "bad_json",
    },
    {
      name: "an invalid email",
      path: "/signup",
      body: '{"email": "not-an-email", "password": "long-enough-1"}',
      status: 400,
      code: "validation_failed",
    },
    { name: "no password", path: "/signup", body: `{"email": "${randomEmail("nopw")}"}`, status: 400, code: "validation_failed" },
    { name: "an unknown grant", path: "/token?grant_type=magic", body: "{}", status: 400, code: "invalid_credentials" },
    {
      name: "an id_token grant",
      path: "/token?grant_type=id_token",
      body: '{"provider": "google", "id_token": "x"}',
      status: 400,
      code: "provider_disabled",
    },
    {
      name: "a malformed refresh token",
      path: "/token?grant_type=refresh_token",
      body: '{"refresh_token": "short"}',
      status: 400,
      code: "validation_failed",
    },
    {
      name: "an unknown refresh token",
      path: "/token?grant_type=refresh_token",
      body: '{"refresh_token": "abcdefghijkl"}',
      status: 400,
      code: "refresh_token_not_found",
    },
    {
      name: "a wrong password",
      path: "/token?grant_type=password",
      body: `{"email": "${randomEmail("nouser")}", "password": "x-password-1"}`,
      status: 400,
      code: "invalid_credentials",
    },
    { name: "a verify without type", path: "/verify", body: '{"token_hash": "abc"}', status: 400, code: "validation_failed" },
    {
      name: "a bad PKCE verifier",
      path: "/token?grant_type=pkce",
      body: '{"auth_code": "nope", "code_verifier": "nope"}',
      status: 404,
      code: "flow_state_not_found",
    },
  ])("$name answers $status $code in both shapes", async ({ path, body, status, code }) => {
    const legacy = await postJson(path, body);
    expect(legacy.status).toBe(status);
    const legacyBody = (await legacy.json()) as Record<string, unknown>;
    expect(Object.keys(legacyBody).sort()).toEqual(["code", "error_code", "msg"]);
    expect(legacyBody).toMatchObject({ code: status, error_code: code });
    expect(legacy.headers.get("x-sb-error-code")).toBe(code);

    const current = await postJson(path, body, { "X-Supabase-Api-Version": "2024-01-01" });
    const currentBody = (await current.json()) as Record<string, unknown>;
    expect(Object.keys(currentBody).sort()).toEqual(["code", "message"]);
    expect(currentBody).toEqual({ code, message: legacyBody.msg });
    expect(String(currentBody.message)).not.toMatch(/\.ts:\d+|\n\s+at /);
  });

  test("supabase-js turns them into AuthApiError with GoTrue's codes", async () => {
    const supabase = client();
    const bad = await supabase.auth.signInWithPassword({ email: randomEmail("x"), password: "wrong-password" });
    expect(bad.error?.name).toBe("AuthApiError");
    expect(bad.error?.code).toBe("invalid_credentials");
    expect(bad.error?.message).toBe("Invalid login credentials");
    expect(bad.error?.status).toBe(400);
  });
});

describe("JWTs on /user", () => {
  const sign = (claims: Record<string, unknown>, secret = env.jwtSecret) =>
    new SignJWT(claims).setProtectedHeader({ alg: "HS256", typ: "JWT" }).sign(new TextEncoder().encode(secret));

  test.each([
    {
      name: "malformed",
      token: async () => "not.a.jwt",
      msg: /^invalid JWT: unable to parse or verify signature, token is malformed/,
    },
    {
      name: "expired",
      token: async () => sign({ sub: crypto.randomUUID(), exp: Math.floor(Date.now() / 1000) - 60, role: "authenticated" }),
      msg: /token has invalid claims: token is expired$/,
    },
    {
      name: "re-signed with another secret",
      token: async () => sign({ sub: crypto.randomUUID(), role: "authenticated" }, "another-secret-that-is-at-least-32-chars"),
      msg: /token signature is invalid: signature is invalid$/,
    },
  ])("a $name token is 403 bad_jwt", async ({ token, msg }) => {
    const res = await auth("/user", { headers: { Authorization: `Bearer ${await token()}` } });
    expect(res.status).toBe(403);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.error_code).toBe("bad_jwt");
    expect(String(body.msg)).toMatch(msg);
  });

  test("no bearer is 401; the anon key as bearer has no user: 403 bad_jwt missing sub", async () => {
    const none = await auth("/user");
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      code: 401,
      error_code: "no_authorization",
      msg: "This endpoint requires a valid Bearer token",
    });
    const res = await auth("/user", { headers: { Authorization: `Bearer ${env.anonKey}` } });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 403, error_code: "bad_jwt", msg: "invalid claim: missing sub claim" });
  });

  test("a valid token for a user that does not exist is 403 user_not_found", async () => {
    const token = await sign({
      sub: crypto.randomUUID(),
      role: "authenticated",
      aud: "authenticated",
      exp: Math.floor(Date.now() / 1000) + 60,
    });
    const res = await auth("/user", { headers: { Authorization: `Bearer ${token}` } });
    expect(await res.json()).toEqual({
      code: 403,
      error_code: "user_not_found",
      msg: "User from sub claim in JWT does not exist",
    });
  });
});

describe("routing and redirects", () => {
  test("unknown paths are 404 and wrong methods 405, like GoTrue's router", async () => {
    const missing = await auth("/definitely-not-here");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("404 page not found\n");
    const wrongMethod = await auth("/signup");
    expect(wrongMethod.status).toBe(405);
  });

  test("a bad link redirects with the error in the fragment", async () => {
    const res = await follow(
      `${env.apiUrl}/auth/v1/verify?token=bogus&type=signup&redirect_to=${encodeURIComponent("http://localhost:5173/welcome")}`,
    );
    expect(res.status).toBe(303);
    expect(res.location).toBe(
      "http://localhost:5173/welcome#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired&sb=",
    );
  });

  test("/health and /settings describe the instance", async () => {
    expect(await (await auth("/health")).json()).toMatchObject({ name: "GoTrue" });
    const settings = (await (await auth("/settings")).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({
      disable_signup: false,
      mailer_autoconfirm: false,
      external: { email: true, google: true, facebook: true, github: false, phone: false },
    });
  });
});
