/** The auth stand-in's pure pieces, checked against GoTrue's rules with tables. */
import { describe, expect, test } from "vitest";
import { buildAccessTokenClaims, validateHookClaims } from "../../src/auth/claims.ts";
import { parseGoDuration } from "../../src/auth/durations.ts";
import { ApiError, apiVersionOf, OAuthError, renderError, weakPassword } from "../../src/auth/errors.ts";
import { encodeValues } from "../../src/auth/http.ts";
import { actionLink } from "../../src/auth/mail-templates.ts";
import { RateLimiter } from "../../src/auth/rate-limit.ts";
import { compileGlob, isRedirectUrlValid, pickRedirect } from "../../src/auth/redirect.ts";
import { tokenHash, verifyPkce } from "../../src/auth/secrets.ts";
import { checkSessionValidity } from "../../src/auth/sessions.ts";
import { hookFunctionName } from "../../src/auth/settings.ts";
import { passwordProblem, validateEmail } from "../../src/auth/validation.ts";

describe("parseGoDuration", () => {
  test.each([
    { name: "hours", text: "36h", seconds: 129600 },
    { name: "minutes and seconds", text: "1m30s", seconds: 90 },
    { name: "fractions", text: "1.5h", seconds: 5400 },
    { name: "milliseconds", text: "300ms", seconds: 0.3 },
    { name: "bare zero", text: "0", seconds: 0 },
    { name: "zero with unit", text: "0s", seconds: 0 },
    { name: "compound", text: "1h2m3s", seconds: 3723 },
    { name: "negative", text: "-2m", seconds: -120 },
  ])("$name: $text is $seconds s", ({ text, seconds }) => {
    expect(parseGoDuration(text)).toBeCloseTo(seconds, 9);
  });

  test.each([
    { name: "empty", text: "" },
    { name: "no unit", text: "10" },
    { name: "days", text: "2d" },
    { name: "junk", text: "1h banana" },
  ])("$name ($text) is rejected like Go does", ({ text }) => {
    expect(() => parseGoDuration(text)).toThrow(/invalid duration/);
  });
});

describe("redirect allow-list", () => {
  const policy = {
    siteUrl: "https://app.flexoffice.example",
    allowList: [
      "https://*.flexoffice.example/**",
      "http://localhost:5173",
      "myapp://callback",
      "https://docs.example.com/*/done",
    ],
  };
  test.each([
    { name: "the site itself", url: "https://app.flexoffice.example/dashboard?x=1", ok: true },
    { name: "another scheme on the site host", url: "http://app.flexoffice.example/", ok: false },
    { name: "a subdomain via * and **", url: "https://eu.flexoffice.example/a/b/c", ok: true },
    { name: "* does not cross dots", url: "https://a.b.flexoffice.example/x", ok: false },
    { name: "an exact entry", url: "http://localhost:5173", ok: true },
    { name: "loopback hosts are always allowed", url: "http://127.0.0.1:9999/anything", ok: true },
    { name: "a custom scheme entry", url: "myapp://callback", ok: true },
    { name: "* matches one path segment", url: "https://docs.example.com/guide/done", ok: true },
    { name: "* does not match two segments", url: "https://docs.example.com/a/b/done", ok: false },
    { name: "an unknown host", url: "https://evil.example.com/steal", ok: false },
    { name: "a decimal IP", url: "http://2130706433/", ok: false },
    { name: "a public IP", url: "http://8.8.8.8/", ok: false },
    { name: "the fragment is ignored", url: "https://eu.flexoffice.example/x#frag", ok: true },
    { name: "empty", url: "", ok: false },
  ])("$name: $url -> $ok", ({ url, ok }) => {
    expect(isRedirectUrlValid(policy, url)).toBe(ok);
  });

  test.each([
    { name: "** spans separators", pattern: "http://localhost:3000/**", url: "http://localhost:3000/a/b.c/d", ok: true },
    { name: "* stops at /", pattern: "http://localhost:3000/*", url: "http://localhost:3000/a/b", ok: false },
    { name: "? is one character", pattern: "http://host?.example", url: "http://host1.example", ok: true },
    { name: "{a,b} alternatives", pattern: "https://{eu,us}.example.com", url: "https://us.example.com", ok: true },
    { name: "[...] classes", pattern: "https://app[0-9].example.com", url: "https://app7.example.com", ok: true },
    {
      name: "regex characters are literal",
      pattern: "https://a+b.example.com/(x)",
      url: "https://a+b.example.com/(x)",
      ok: true,
    },
  ])("glob $name", ({ pattern, url, ok }) => {
    expect(compileGlob(pattern).test(url)).toBe(ok);
  });

  test("pickRedirect prefers an allowed redirect_to, then an allowed Referer, then the site URL", () => {
    expect(pickRedirect(policy, "http://localhost:5173", undefined)).toBe("http://localhost:5173");
    expect(pickRedirect(policy, "https://evil.example.com", "https://eu.flexoffice.example/page")).toBe(
      "https://eu.flexoffice.example/page",
    );
    expect(pickRedirect(policy, "https://evil.example.com", "https://evil.example.com")).toBe(policy.siteUrl);
  });
});

describe("access token claims", () => {
  const base = {
    issuer: "http://127.0.0.1:54321/auth/v1",
    userId: "6f1c1b1e-1111-4a4a-8b8b-222222222222",
    aud: "authenticated",
    email: "a@example.test",
    phone: null,
    appMetadata: { provider: "email", providers: ["email"] },
    userMetadata: { full_name: "A" },
    role: "authenticated",
    isAnonymous: false,
    sessionId: "9d7f2a10-3333-4c4c-9d9d-444444444444",
    aal: "aal1",
    amr: [
      { method: "password", timestamp: 100 },
      { method: "otp", timestamp: 200 },
    ],
    issuedAt: 1_000,
    expiresIn: 3600,
  };

  test("keys come in GoTrue's order, amr newest first, phone empty not null", () => {
    const claims = buildAccessTokenClaims(base);
    expect(Object.keys(claims)).toEqual([
      "iss",
      "sub",
      "aud",
      "exp",
      "iat",
      "email",
      "phone",
      "app_metadata",
      "user_metadata",
      "role",
      "aal",
      "amr",
      "session_id",
      "is_anonymous",
    ]);
    expect(claims).toMatchObject({ exp: 4600, iat: 1000, phone: "", amr: [{ method: "otp" }, { method: "password" }] });
  });

  test.each([
    { name: "no amr omits the claim", input: { amr: [] }, absent: "amr" },
    { name: "no session omits session_id", input: { sessionId: "" }, absent: "session_id" },
    { name: "null metadata becomes {}", input: { appMetadata: null }, absent: null },
  ])("$name", ({ input, absent }) => {
    const claims = buildAccessTokenClaims({ ...base, ...input }) as Record<string, unknown>;
    if (absent) expect(absent in claims).toBe(false);
    else expect(claims.app_metadata).toEqual({});
  });

  test.each([
    { name: "valid claims", claims: () => buildAccessTokenClaims(base), error: null },
    {
      name: "missing aud and role",
      claims: () => {
        const { aud: _a, role: _r, ...rest } = buildAccessTokenClaims(base);
        return rest;
      },
      error: "output claims do not conform to the expected schema: \n- (root): aud is required\n- (root): role is required\n",
    },
    {
      name: "a string exp",
      claims: () => ({ ...buildAccessTokenClaims(base), exp: "soon" }),
      error: /- exp: Invalid type. Expected: integer, given: string/,
    },
    { name: "aud as an array", claims: () => ({ ...buildAccessTokenClaims(base), aud: ["authenticated"] }), error: null },
    { name: "not an object", claims: () => "claims", error: /\(root\): Invalid type. Expected: object, given: string/ },
    { name: "extra claims", claims: () => ({ ...buildAccessTokenClaims(base), tenant_roles: { t: "admin" } }), error: null },
  ])("hook output: $name", ({ claims, error }) => {
    const result = validateHookClaims(claims());
    if (error === null) expect(result).toBeNull();
    else if (typeof error === "string") expect(result).toBe(error);
    else expect(result).toMatch(error);
  });

  test.each([
    { uri: "pg-functions://postgres/public/custom_access_token_hook", name: '"public"."custom_access_token_hook"' },
    { uri: "pg-functions://postgres/auth_hooks/claims", name: '"auth_hooks"."claims"' },
  ])("hook URI $uri calls $name", ({ uri, name }) => {
    expect(hookFunctionName(uri)).toBe(name);
  });

  test("an http hook URI is refused at start-up, not silently ignored", () => {
    expect(() => hookFunctionName("https://example.com/hook")).toThrow(/pg-functions/);
  });
});

describe("error rendering", () => {
  test.each([
    { name: "no header", header: undefined, version: "initial" },
    { name: "the auth-js version", header: "2024-01-01", version: "2024-01-01" },
    { name: "a later date", header: "2025-06-30", version: "2024-01-01" },
    { name: "an earlier date", header: "2023-12-31", version: "initial" },
    { name: "garbage", header: "yesterday", version: "initial" },
    { name: "an impossible date", header: "2024-02-31", version: "initial" },
  ])("API version from $name", ({ header, version }) => {
    expect(apiVersionOf(header)).toBe(version);
  });

  test.each([
    {
      name: "an API error, legacy",
      err: new ApiError(400, "invalid_credentials", "Invalid login credentials"),
      header: undefined,
      status: 400,
      body: { code: 400, error_code: "invalid_credentials", msg: "Invalid login credentials" },
    },
    {
      name: "an API error, 2024-01-01",
      err: new ApiError(400, "invalid_credentials", "Invalid login credentials"),
      header: "2024-01-01",
      status: 400,
      body: { code: "invalid_credentials", message: "Invalid login credentials" },
    },
    {
      name: "no code on a 4xx becomes unknown",
      err: new ApiError(403, undefined, "Your tenant is suspended"),
      header: "2024-01-01",
      status: 403,
      body: { code: "unknown", message: "Your tenant is suspended" },
    },
    {
      name: "weak password keeps its reasons",
      err: weakPassword("Password should be at least 8 characters.", ["length"]),
      header: undefined,
      status: 422,
      body: {
        code: 422,
        error_code: "weak_password",
        msg: "Password should be at least 8 characters.",
        weak_password: { reasons: ["length"] },
      },
    },
    {
      name: "an OAuth error",
      err: new OAuthError("invalid_request", "refresh_token required"),
      header: undefined,
      status: 400,
      body: { error: "invalid_request", error_description: "refresh_token required" },
    },
    {
      name: "anything else hides the details",
      err: new Error("connection refused at /secret/path.ts:12"),
      header: undefined,
      status: 500,
      body: {
        code: 500,
        error_code: "unexpected_failure",
        msg: "Unexpected failure, please check server logs for more information",
      },
    },
  ])("$name", ({ err, header, status, body }) => {
    const rendered = renderError(err, header);
    expect(rendered.status).toBe(status);
    expect(rendered.body).toEqual(body);
  });
});

describe("sessions", () => {
  const created = new Date("2026-01-01T00:00:00Z");
  const limits = { timebox: null, inactivityTimeout: 36 * 3600 };
  test.each([
    { name: "fresh", now: "2026-01-01T01:00:00Z", refreshed: null, token: null, result: "valid" },
    { name: "idle 37 h", now: "2026-01-02T13:00:00Z", refreshed: null, token: null, result: "timed_out" },
    { name: "refreshed recently", now: "2026-01-02T13:00:00Z", refreshed: "2026-01-02T10:00:00Z", token: null, result: "valid" },
    {
      name: "token updated recently",
      now: "2026-01-02T13:00:00Z",
      refreshed: null,
      token: "2026-01-02T12:00:00Z",
      result: "valid",
    },
  ])("$name is $result", ({ now, refreshed, token, result }) => {
    const session = { created_at: created, not_after: null, refreshed_at: refreshed ? new Date(refreshed) : null };
    expect(checkSessionValidity(session, Date.parse(now), token ? new Date(token) : null, limits)).toBe(result);
  });

  test("a timebox ends a session however active it is", () => {
    const session = { created_at: created, not_after: null, refreshed_at: new Date("2026-01-01T07:59:00Z") };
    expect(
      checkSessionValidity(session, Date.parse("2026-01-01T08:01:00Z"), null, { timebox: 8 * 3600, inactivityTimeout: null }),
    ).toBe("past_timebox");
  });
});

describe("small helpers", () => {
  test("token hashes are GoTrue's hex SHA-224 of address + code", () => {
    expect(tokenHash("a@example.test", "123456")).toBe("04df99a4a984279a51c039fb52bc5a4b1ff3358f38dcdcdc697ae8cb");
  });

  test.each([
    {
      name: "S256 match",
      challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      method: "s256",
      verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      result: "ok",
    },
    {
      name: "S256 case-insensitive method",
      challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      method: "S256",
      verifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
      result: "ok",
    },
    {
      name: "S256 mismatch",
      challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
      method: "s256",
      verifier: "wrong",
      result: "mismatch",
    },
    { name: "plain", challenge: "same-value", method: "plain", verifier: "same-value", result: "ok" },
    { name: "unknown method", challenge: "x", method: "md5", verifier: "x", result: "unsupported" },
  ])("PKCE $name", ({ challenge, method, verifier, result }) => {
    expect(verifyPkce(challenge, method, verifier)).toBe(result);
  });

  test.each([
    { name: "sorted keys, + for spaces", values: { b: "x y", a: "1" }, encoded: "a=1&b=x+y" },
    { name: "empty value", values: { sb: "", access_token: "t" }, encoded: "access_token=t&sb=" },
    { name: "reserved characters", values: { e: "a&b=c/d~e" }, encoded: "e=a%26b%3Dc%2Fd~e" },
  ])("encodeValues: $name", ({ values, encoded }) => {
    expect(encodeValues(values as unknown as Record<string, string>)).toBe(encoded);
  });

  test.each([
    {
      name: "plain redirect",
      redirect: "http://localhost:5173/welcome",
      link: "http://h/auth/v1/verify?token=abc&type=signup&redirect_to=http://localhost:5173/welcome",
    },
    {
      name: "redirect with a query is escaped",
      redirect: "http://localhost:5173/?a=b",
      link: "http://h/auth/v1/verify?token=abc&type=signup&redirect_to=http%3A%2F%2Flocalhost%3A5173%2F%3Fa%3Db",
    },
  ])("action link: $name", ({ redirect, link }) => {
    expect(actionLink("http://h/auth/v1", "abc", "signup", redirect)).toBe(link);
  });

  test.each([
    { name: "a plain address is lowercased", email: "Ada@Example.TEST", result: "ada@example.test" },
    { name: "a plus address", email: "a+b@example.test", result: "a+b@example.test" },
    { name: "no at sign", email: "nope", result: null },
    { name: "empty", email: "", result: null },
  ])("validateEmail: $name", ({ email, result }) => {
    if (result === null) expect(() => validateEmail(email)).toThrow(ApiError);
    else expect(validateEmail(email)).toBe(result);
  });

  test.each([
    { name: "long enough", password: "12345678", min: 8, code: null },
    { name: "too short", password: "1234567", min: 8, code: "weak_password" },
    { name: "over bcrypt's 72 bytes", password: "x".repeat(73), min: 8, code: "validation_failed" },
  ])("passwordProblem: $name", ({ password, min, code }) => {
    expect(passwordProblem(password, min)?.errorCode ?? null).toBe(code);
  });

  test("a rate limiter refills at limit per window", () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 2, windowSeconds: 10 }, () => now);
    expect([limiter.take("k"), limiter.take("k"), limiter.take("k"), limiter.take("other")]).toEqual([true, true, false, true]);
    now = 5_000;
    expect([limiter.take("k"), limiter.take("k")]).toEqual([true, false]);
  });
});
