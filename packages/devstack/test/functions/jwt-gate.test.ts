import { SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import { checkAuthorization } from "../../src/functions/jwt-gate.ts";

const SECRET = "a-test-secret-that-is-at-least-32-characters";
const key = new TextEncoder().encode(SECRET);
const NOW = new Date("2030-06-01T00:00:00Z");
const nowSeconds = Math.floor(NOW.getTime() / 1000);

const sign = (claims: Record<string, unknown>, opts: { secret?: string; exp?: number } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(nowSeconds - 60)
    .setExpirationTime(opts.exp ?? nowSeconds + 3600)
    .sign(new TextEncoder().encode(opts.secret ?? SECRET));

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("verify_jwt gate", () => {
  test.each([
    { name: "no header", header: async () => undefined, code: "UNAUTHORIZED_NO_AUTH_HEADER" },
    { name: "empty header", header: async () => "  ", code: "UNAUTHORIZED_NO_AUTH_HEADER" },
    { name: "Basic scheme", header: async () => "Basic dXNlcjpwYXNz", code: "UNAUTHORIZED_INVALID_JWT_FORMAT" },
    { name: "garbage bearer", header: async () => "Bearer garbage", code: "UNAUTHORIZED_INVALID_JWT_FORMAT" },
    { name: "bearer without a token", header: async () => "Bearer ", code: "UNAUTHORIZED_INVALID_JWT_FORMAT" },
    { name: "three parts but not JSON", header: async () => "Bearer a.b.c", code: "UNAUTHORIZED_INVALID_JWT_FORMAT" },
    {
      name: "alg none",
      header: async () => `Bearer ${b64({ alg: "none" })}.${b64({ role: "service_role" })}.`,
      code: "UNAUTHORIZED_UNSUPPORTED_TOKEN_ALGORITHM",
    },
    {
      name: "RS256 header",
      header: async () => `Bearer ${b64({ alg: "RS256" })}.${b64({ role: "anon" })}.c2ln`,
      code: "UNAUTHORIZED_UNSUPPORTED_TOKEN_ALGORITHM",
    },
    {
      name: "signed with another secret",
      header: async () =>
        `Bearer ${await sign({ role: "service_role" }, { secret: "another-secret-that-is-32-characters-long" })}`,
      code: "UNAUTHORIZED_INVALID_JWT",
    },
    {
      name: "expired",
      header: async () => `Bearer ${await sign({ role: "authenticated" }, { exp: nowSeconds - 1 })}`,
      code: "UNAUTHORIZED_INVALID_JWT",
    },
    {
      name: "payload re-signed with a tampered role",
      header: async () => {
        const [h, , s] = (await sign({ role: "anon" })).split(".");
        return `Bearer ${h}.${b64({ role: "service_role", exp: nowSeconds + 60 })}.${s}`;
      },
      code: "UNAUTHORIZED_INVALID_JWT",
    },
    { name: "valid anon key", header: async () => `Bearer ${await sign({ role: "anon" })}`, code: undefined },
    { name: "lower-case scheme", header: async () => `bearer ${await sign({ role: "anon" })}`, code: undefined },
  ])("$name", async ({ header, code }) => {
    const refusal = await checkAuthorization(await header(), key, NOW);
    expect(refusal?.code).toBe(code);
    if (refusal) expect(refusal.status).toBe(401);
  });
});
