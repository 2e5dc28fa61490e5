import { describe, expect, test } from "vitest";
import { authenticateCaller, bearerToken, decodeJwtPayload } from "./caller.ts";
import { HttpError } from "./errors.ts";

const USER_ID = "5a0e5f5e-8d3c-4a5f-9d0c-3f1f0f2b7a11";
const SESSION_ID = "0b7c2a59-7f40-4c1e-8f0e-5d3c9b1e2a44";

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** An unsigned token: the signature is Auth's business, which the fake fetch stands in for. */
const token = (claims: Record<string, unknown>) => `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url(claims)}.sig`;
const userClaims = { sub: USER_ID, role: "authenticated", session_id: SESSION_ID, email: "ada@example.test" };

type Seen = { url: string; headers: Headers }[];
function fakeFetch(answer: () => Response | Promise<Response>, seen: Seen = []): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), headers: new Headers(init?.headers) });
    return answer();
  }) as typeof fetch;
}
const deps = (f: typeof fetch) => ({ supabaseUrl: "http://api.test/", anonKey: "anon-key", fetch: f });
const userJson =
  (body: unknown, status = 200) =>
  () =>
    new Response(JSON.stringify(body), { status });

describe("bearerToken", () => {
  test.each([
    { name: "a bearer header", header: "Bearer abc.def.ghi", token: "abc.def.ghi" },
    { name: "lowercase scheme", header: "bearer abc", token: "abc" },
    { name: "missing", header: null, token: null },
    { name: "another scheme", header: "Basic dXNlcjpwYXNz", token: null },
    { name: "two tokens", header: "Bearer a b", token: null },
  ])("$name", ({ header, token: expected }) => {
    expect(bearerToken(header)).toBe(expected);
  });
});

describe("decodeJwtPayload", () => {
  test.each([
    { name: "claims of a token", input: token({ sub: "x", n: 1 }), claims: { sub: "x", n: 1 } },
    { name: "non-ASCII claims", input: token({ name: "Zoë 🙂" }), claims: { name: "Zoë 🙂" } },
    { name: "two parts", input: "a.b", claims: null },
    { name: "garbage payload", input: "a.!!!.c", claims: null },
    { name: "a JSON array payload", input: `a.${b64url([1])}.c`, claims: null },
  ])("$name", ({ input, claims }) => {
    expect(decodeJwtPayload(input)).toEqual(claims);
  });
});

describe("authenticateCaller", () => {
  test("asks Auth with the anon key and the caller's token, and returns user, email and session", async () => {
    const seen: Seen = [];
    const t = token(userClaims);
    const caller = await authenticateCaller(
      `Bearer ${t}`,
      deps(fakeFetch(userJson({ id: USER_ID, email: "ada@example.test" }), seen)),
    );
    expect(caller).toEqual({ userId: USER_ID, email: "ada@example.test", sessionId: SESSION_ID, claims: userClaims });
    expect(seen.map((s) => s.url)).toEqual(["http://api.test/auth/v1/user"]);
    expect(seen[0]?.headers.get("apikey")).toBe("anon-key");
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${t}`);
  });

  test.each([
    { name: "no header", header: null },
    { name: "a service key (role service_role, no sub)", header: `Bearer ${token({ role: "service_role" })}` },
    { name: "the anon key", header: `Bearer ${token({ role: "anon" })}` },
    { name: "a sub that is not a uuid", header: `Bearer ${token({ ...userClaims, sub: "nope" })}` },
    { name: "not a JWT", header: "Bearer opaque" },
  ])("returns null without asking Auth for $name", async ({ header }) => {
    const seen: Seen = [];
    expect(await authenticateCaller(header, deps(fakeFetch(userJson({ id: USER_ID }), seen)))).toBeNull();
    expect(seen).toEqual([]);
  });

  test.each([
    { name: "Auth says 401 (expired or bad signature)", answer: userJson({ msg: "invalid JWT" }, 401) },
    { name: "Auth says 403 (session gone)", answer: userJson({ error_code: "session_not_found" }, 403) },
    { name: "Auth returns another user", answer: userJson({ id: "00000000-0000-4000-8000-000000000000" }) },
  ])("returns null when $name", async ({ answer }) => {
    expect(await authenticateCaller(`Bearer ${token(userClaims)}`, deps(fakeFetch(answer)))).toBeNull();
  });

  test("a token without session_id has a null session", async () => {
    const { session_id: _, ...claims } = userClaims;
    const caller = await authenticateCaller(`Bearer ${token(claims)}`, deps(fakeFetch(userJson({ id: USER_ID }))));
    expect(caller?.sessionId).toBeNull();
    expect(caller?.email).toBeNull();
  });

  test.each([
    { name: "Auth fails", f: fakeFetch(userJson({}, 502)), message: "Auth answered 502 when checking the session" },
    {
      name: "Auth is unreachable",
      f: (async () => {
        throw new TypeError("connection refused");
      }) as typeof fetch,
      message: "Could not reach Auth to check the session: connection refused",
    },
  ])("throws a 503 when $name", async ({ f, message }) => {
    const error = await authenticateCaller(`Bearer ${token(userClaims)}`, deps(f)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 503, code: "AUTH_UNAVAILABLE", message });
  });
});
