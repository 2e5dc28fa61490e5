import { describe, expect, test } from "vitest";
import type { Caller } from "../_shared/caller.ts";
import { createHandler, type EnrollResponse, groupKey, type MfaDeps } from "./handler.ts";
import type {
  AttemptContext,
  AttemptOutcome,
  CompleteInput,
  EnrollOutcome,
  MfaStatus,
  RequestContext,
  TotpEngine,
} from "./types.ts";

const SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
const NOW = new Date("2030-01-02T03:04:05.000Z");
const NOW_STEP = Math.floor(NOW.getTime() / 30_000);

const caller: Caller = {
  userId: "5a0e5f5e-8d3c-4a5f-9d0c-3f1f0f2b7a11",
  email: "ada@example.test",
  sessionId: "0b7c2a59-7f40-4c1e-8f0e-5d3c9b1e2a44",
  claims: {
    sub: "5a0e5f5e-8d3c-4a5f-9d0c-3f1f0f2b7a11",
    role: "authenticated",
    session_id: "0b7c2a59-7f40-4c1e-8f0e-5d3c9b1e2a44",
  },
};

const ok = (over: Partial<Extract<AttemptOutcome, { result: "ok" }>> = {}): AttemptOutcome => ({
  result: "ok",
  method: "totp",
  session_verified: true,
  recovery_codes: null,
  recovery_codes_left: 10,
  ...over,
});

type Fake = {
  deps: MfaDeps;
  calls: {
    contexts: string[];
    completes: CompleteInput[];
    enrolled: string[];
    matched: Array<{ secret: string; code: string; at: Date }>;
    requestContexts: RequestContext[];
  };
};

/** A store answering what each test scripts, recording what the handler asked. */
function fake(
  script: {
    caller?: Caller | null;
    context?: AttemptContext;
    complete?: AttemptOutcome;
    enroll?: EnrollOutcome;
    status?: MfaStatus;
    /** Which code the fake TOTP accepts, and at which step offset. */
    validCode?: { code: string; delta: number };
  } = {},
): Fake {
  const calls: Fake["calls"] = { contexts: [], completes: [], enrolled: [], matched: [], requestContexts: [] };
  const totp: TotpEngine = {
    generateSecret: () => SECRET,
    keyUri: (account, issuer, secret) =>
      `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${secret}&issuer=${issuer}`,
    matchStep: (secret, code, at) => {
      calls.matched.push({ secret, code, at });
      const valid = script.validCode ?? { code: "123456", delta: 0 };
      return code === valid.code ? Math.floor(at.getTime() / 30_000) + valid.delta : null;
    },
  };
  const deps: MfaDeps = {
    authenticate: async (authorization) =>
      authorization === "Bearer user-token" ? (script.caller === undefined ? caller : script.caller) : null,
    store: {
      enroll: async (ctx, secret) => {
        calls.requestContexts.push(ctx);
        calls.enrolled.push(secret);
        return script.enroll ?? { result: "ok", replaced: false, enrolled_at: NOW.toISOString() };
      },
      status: async (ctx) => {
        calls.requestContexts.push(ctx);
        if (!script.status) throw new Error("no status scripted");
        return script.status;
      },
      attempt: async (ctx, run) => {
        calls.requestContexts.push(ctx);
        return run({
          context: async (purpose) => {
            calls.contexts.push(purpose);
            return script.context ?? { result: "ready", secret: SECRET, status: "active" };
          },
          complete: async (input) => {
            calls.completes.push(input);
            return script.complete ?? ok();
          },
        });
      },
    },
    totp,
    qrSvg: async (text) => `<svg data-text="${text}"></svg>`,
    now: () => NOW,
  };
  return { deps, calls };
}

const call = (
  f: Fake,
  path: string,
  init: { method?: string; body?: unknown; auth?: string | null; headers?: Record<string, string> } = {},
) => {
  const headers = new Headers(init.headers);
  if (init.auth !== null) headers.set("Authorization", init.auth ?? "Bearer user-token");
  return createHandler(f.deps)(
    new Request(`http://localhost${path}`, {
      method: init.method ?? "POST",
      headers,
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    }),
  );
};

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("routing and authentication", () => {
  test.each([
    { name: "an unknown action", path: "/mfa/nope", method: "POST", status: 404, code: "NOT_FOUND" },
    { name: "the bare function path", path: "/mfa", method: "POST", status: 404, code: "NOT_FOUND" },
    { name: "GET on enroll", path: "/mfa/enroll", method: "GET", status: 405, code: "METHOD_NOT_ALLOWED" },
    { name: "POST on status", path: "/mfa/status", method: "POST", status: 405, code: "METHOD_NOT_ALLOWED" },
    { name: "DELETE on disable", path: "/mfa/disable", method: "DELETE", status: 405, code: "METHOD_NOT_ALLOWED" },
  ])("$name -> $status $code", async ({ path, method, status, code }) => {
    const f = fake();
    const res = await call(f, path, { method });
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(f.calls.requestContexts).toEqual([]);
  });

  test.each([
    { name: "no Authorization header", auth: null },
    { name: "a token Auth does not accept", auth: "Bearer expired-or-revoked" },
    { name: "the anon key", auth: "Bearer anon-key" },
  ])("refuses $name with 401 before touching the database", async ({ auth }) => {
    const f = fake();
    const res = await call(f, "/mfa/enroll", { auth });
    expect(res.status).toBe(401);
    expect(await errorOf(res)).toEqual({
      code: "UNAUTHORIZED",
      message: "Sign in first: 2FA needs a signed-in user's session token.",
    });
    expect(f.calls.requestContexts).toEqual([]);
    expect(f.calls.enrolled).toEqual([]);
  });

  test("answers a CORS preflight without authenticating", async () => {
    const f = fake();
    const res = await call(f, "/mfa/enroll", { method: "OPTIONS", auth: null });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toContain("POST");
  });

  test("routes paths without the function prefix too", async () => {
    const f = fake({ status: statusFixture() });
    const res = await call(f, "/status", { method: "GET" });
    expect(res.status).toBe(200);
  });

  test("passes the caller, session, claims and audited headers (never the token) to the database", async () => {
    const f = fake({ status: statusFixture() });
    await call(f, "/mfa/status", {
      method: "GET",
      headers: { "User-Agent": "vitest/1", "X-Forwarded-For": "203.0.113.9", Cookie: "secret=1" },
    });
    expect(f.calls.requestContexts).toEqual([
      {
        userId: caller.userId,
        sessionId: caller.sessionId,
        claims: caller.claims,
        headers: { "user-agent": "vitest/1", "x-forwarded-for": "203.0.113.9" },
      },
    ]);
  });
});

function statusFixture(): MfaStatus {
  return {
    factor: "active",
    enrolled: true,
    active: true,
    enrolled_at: NOW.toISOString(),
    activated_at: NOW.toISOString(),
    session_verified: false,
    recovery_codes_left: 7,
    failed_attempts: 1,
    max_failed_attempts: 5,
    locked_until: null,
    policy: { state: "challenge_required", deadline: null, factor: "active", session_verified: false, grace_days: 30 },
  };
}

describe("enroll", () => {
  test("stores a server-generated secret and returns it once as URI, QR and grouped key", async () => {
    const f = fake();
    const res = await call(f, "/mfa/enroll");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as EnrollResponse;
    expect(f.calls.enrolled).toEqual([SECRET]);
    expect(body).toEqual({
      otpauth_uri: `otpauth://totp/FlexOffice:ada%40example.test?secret=${SECRET}&issuer=FlexOffice`,
      qr_svg: `<svg data-text="otpauth://totp/FlexOffice:ada%40example.test?secret=${SECRET}&issuer=FlexOffice"></svg>`,
      manual_key: "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP",
      issuer: "FlexOffice",
      account: "ada@example.test",
      algorithm: "SHA1",
      digits: 6,
      period: 30,
      replaced: false,
    });
  });

  test("labels the account with the user id when the user has no email", async () => {
    const f = fake({ caller: { ...caller, email: null } });
    const body = (await (await call(f, "/mfa/enroll")).json()) as EnrollResponse;
    expect(body.account).toBe(caller.userId);
  });

  test("reports that a pending enrollment was replaced", async () => {
    const f = fake({ enroll: { result: "ok", replaced: true, enrolled_at: NOW.toISOString() } });
    const body = (await (await call(f, "/mfa/enroll")).json()) as EnrollResponse;
    expect(body.replaced).toBe(true);
  });

  test("refuses while a factor is active, without revealing the new secret", async () => {
    const f = fake({ enroll: { result: "already_active" } });
    const res = await call(f, "/mfa/enroll");
    expect(res.status).toBe(409);
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("MFA_ALREADY_ACTIVE");
    expect(text).not.toContain(SECRET);
  });

  test.each([
    { name: "a 32-character secret", secret: SECRET, grouped: "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP" },
    { name: "a length not divisible by four", secret: "ABCDEF", grouped: "ABCD EF" },
    { name: "a short secret", secret: "AB", grouped: "AB" },
  ])("groupKey: $name", ({ secret, grouped }) => {
    expect(groupKey(secret)).toBe(grouped);
    expect(groupKey(secret).replace(/ /g, "")).toBe(secret);
  });
});

describe("code attempts", () => {
  test.each([
    { name: "activate", path: "/mfa/activate", purpose: "activate" },
    { name: "challenge", path: "/mfa/challenge", purpose: "challenge" },
    { name: "disable", path: "/mfa/disable", purpose: "disable" },
    { name: "regenerate recovery codes", path: "/mfa/recovery-codes", purpose: "regenerate" },
  ])(
    "$name: checks the code against the stored secret at the current time and records the matched step",
    async ({ path, purpose }) => {
      const f = fake({ validCode: { code: "123456", delta: -1 } });
      const res = await call(f, path, { body: { code: "123 456" } });
      expect(res.status).toBe(200);
      expect(f.calls.contexts).toEqual([purpose]);
      expect(f.calls.matched).toEqual([{ secret: SECRET, code: "123456", at: NOW }]);
      expect(f.calls.completes).toEqual([{ purpose, method: "totp", totpStep: NOW_STEP - 1, recoveryCode: null }]);
    },
  );

  test("a code matching no step is completed with a null step (a counted failure)", async () => {
    const f = fake({
      complete: { result: "invalid", reason: "wrong_code", attempts_left: 4, locked_until: null, retry_after_seconds: null },
    });
    const res = await call(f, "/mfa/challenge", { body: { code: "000000" } });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toEqual({
      code: "INVALID_CODE",
      message: "The code is wrong or has expired. 4 attempts left before a 15-minute lockout.",
    });
    expect(f.calls.completes).toEqual([{ purpose: "challenge", method: "totp", totpStep: null, recoveryCode: null }]);
  });

  test.each([
    { name: "challenge", path: "/mfa/challenge", purpose: "challenge" },
    { name: "disable", path: "/mfa/disable", purpose: "disable" },
  ])("$name accepts a recovery code, checked by the database (no TOTP, no secret read)", async ({ path, purpose }) => {
    const f = fake({ complete: ok({ method: "recovery", recovery_codes_left: 9 }) });
    const res = await call(f, path, { body: { recovery_code: "ABCDE-12345" } });
    expect(res.status).toBe(200);
    expect(f.calls.contexts).toEqual([]);
    expect(f.calls.matched).toEqual([]);
    expect(f.calls.completes).toEqual([{ purpose, method: "recovery", totpStep: null, recoveryCode: "ABCDE-12345" }]);
  });

  test("while locked out, no code is checked and the refused attempt is still recorded", async () => {
    const locked = { result: "locked", locked_until: "2030-01-02T03:15:00Z", retry_after_seconds: 655 } as const;
    const f = fake({ context: locked, complete: locked });
    const res = await call(f, "/mfa/challenge", { body: { code: "123456" } });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("655");
    expect(await errorOf(res)).toEqual({ code: "TOO_MANY_ATTEMPTS", message: "Too many wrong codes: try again in 11 minutes." });
    expect(f.calls.matched).toEqual([]);
    expect(f.calls.completes).toEqual([{ purpose: "challenge", method: "totp", totpStep: null, recoveryCode: null }]);
  });

  test.each([
    { name: "no factor", result: "no_factor", status: 404, code: "MFA_NOT_ENROLLED" },
    { name: "activating an active factor", result: "already_active", status: 409, code: "MFA_ALREADY_ACTIVE" },
    { name: "challenging a pending factor", result: "not_active", status: 409, code: "MFA_NOT_ACTIVE" },
  ] as const)("$name: answers $status $code without recording an attempt", async ({ result, status, code }) => {
    const f = fake({ context: { result } });
    const res = await call(f, "/mfa/activate", { body: { code: "123456" } });
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(f.calls.completes).toEqual([]);
    expect(f.calls.matched).toEqual([]);
  });

  test.each([
    {
      name: "the last failure before the lockout",
      outcome: { result: "invalid", reason: "wrong_code", attempts_left: 1, locked_until: null, retry_after_seconds: null },
      status: 422,
      code: "INVALID_CODE",
      message: "The code is wrong or has expired. 1 attempt left before a 15-minute lockout.",
      retryAfter: null,
    },
    {
      name: "the failure that locks",
      outcome: {
        result: "invalid",
        reason: "wrong_code",
        attempts_left: 0,
        locked_until: "2030-01-02T03:19:05Z",
        retry_after_seconds: 900,
      },
      status: 422,
      code: "INVALID_CODE",
      message: "The code is wrong or has expired. Too many wrong codes: try again in 15 minutes.",
      retryAfter: "900",
    },
    {
      name: "a replayed code",
      outcome: {
        result: "invalid",
        reason: "code_already_used",
        attempts_left: 3,
        locked_until: null,
        retry_after_seconds: null,
      },
      status: 422,
      code: "CODE_ALREADY_USED",
      message: "This code was already used; wait for the next one. 3 attempts left before a 15-minute lockout.",
      retryAfter: null,
    },
    {
      name: "a wrong recovery code",
      outcome: {
        result: "invalid",
        reason: "wrong_recovery_code",
        attempts_left: 2,
        locked_until: null,
        retry_after_seconds: null,
      },
      status: 422,
      code: "INVALID_RECOVERY_CODE",
      message: "The recovery code is wrong or was already used. 2 attempts left before a 15-minute lockout.",
      retryAfter: null,
    },
    {
      name: "a session that ended meanwhile",
      outcome: { result: "no_session" },
      status: 401,
      code: "SESSION_REQUIRED",
      message: "This token belongs to no live session; sign in again, then enter your code.",
      retryAfter: null,
    },
  ] as const)("$name -> $status $code", async ({ outcome, status, code, message, retryAfter }) => {
    const f = fake({ complete: outcome });
    const res = await call(f, "/mfa/challenge", { body: { code: "123456" } });
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toEqual({ code, message });
    expect(res.headers.get("retry-after")).toBe(retryAfter);
  });

  test("activation returns the ten recovery codes once, not cacheable", async () => {
    const codes = Array.from({ length: 10 }, (_, i) => `aaaa${i}-bbbb${i}`);
    const f = fake({ complete: ok({ recovery_codes: codes }) });
    const res = await call(f, "/mfa/activate", { body: { code: "123456" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ active: true, session_verified: true, recovery_codes: codes });
  });

  test("a challenge reports the verified session and the recovery codes left", async () => {
    const f = fake({ complete: ok({ method: "recovery", recovery_codes_left: 3 }) });
    const res = await call(f, "/mfa/challenge", { body: { recovery_code: "abcde-12345" } });
    expect(await res.json()).toEqual({ session_verified: true, method: "recovery", recovery_codes_left: 3 });
  });

  test("disable confirms", async () => {
    const f = fake();
    const res = await call(f, "/mfa/disable", { body: { code: "123456" } });
    expect(await res.json()).toEqual({ disabled: true, method: "totp" });
  });

  test("new recovery codes are returned once", async () => {
    const f = fake({ complete: ok({ recovery_codes: ["x"] }) });
    const res = await call(f, "/mfa/recovery-codes", { body: { code: "123456" } });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ recovery_codes: ["x"] });
  });

  test("a challenge from a token without a session is refused before any attempt", async () => {
    const f = fake({ caller: { ...caller, sessionId: null } });
    const res = await call(f, "/mfa/challenge", { body: { code: "123456" } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("SESSION_REQUIRED");
    expect(f.calls.completes).toEqual([]);
  });
});

describe("input", () => {
  test.each([
    { name: "no body", path: "/mfa/challenge", body: undefined, status: 422, code: "INVALID_INPUT", field: "code" },
    { name: "not JSON", path: "/mfa/challenge", body: "code=123456", status: 400, code: "INVALID_JSON", field: null },
    { name: "a JSON array", path: "/mfa/challenge", body: "[]", status: 400, code: "INVALID_JSON", field: null },
    { name: "five digits", path: "/mfa/challenge", body: { code: "12345" }, status: 422, code: "INVALID_INPUT", field: "code" },
    { name: "letters", path: "/mfa/activate", body: { code: "12a456" }, status: 422, code: "INVALID_INPUT", field: "code" },
    {
      name: "a number, not a string",
      path: "/mfa/activate",
      body: { code: 123456 },
      status: 422,
      code: "INVALID_INPUT",
      field: "code",
    },
    {
      name: "both code and recovery code",
      path: "/mfa/challenge",
      body: { code: "123456", recovery_code: "abcde-12345" },
      status: 422,
      code: "INVALID_INPUT",
      field: "code",
    },
    {
      name: "a recovery code to activate",
      path: "/mfa/activate",
      body: { recovery_code: "abcde-12345" },
      status: 422,
      code: "INVALID_INPUT",
      field: "recovery_code",
    },
    {
      name: "a recovery code for new recovery codes",
      path: "/mfa/recovery-codes",
      body: { recovery_code: "abcde-12345" },
      status: 422,
      code: "INVALID_INPUT",
      field: "recovery_code",
    },
    {
      name: "a malformed recovery code",
      path: "/mfa/disable",
      body: { recovery_code: "x'; drop table" },
      status: 422,
      code: "INVALID_INPUT",
      field: "recovery_code",
    },
  ])("$name -> $status $code, nothing recorded", async ({ path, body, status, code, field }) => {
    const f = fake();
    const res = await call(f, path, { body });
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    if (field) expect(error.message.startsWith(`${field}:`)).toBe(true);
    expect(f.calls.contexts).toEqual([]);
    expect(f.calls.completes).toEqual([]);
  });
});

describe("status", () => {
  test("returns the database's status as is", async () => {
    const status = statusFixture();
    const f = fake({ status });
    const res = await call(f, "/mfa/status", { method: "GET" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(status);
  });

  test("an unexpected failure is a generic 500", async () => {
    const f = fake();
    const original = console.error;
    console.error = () => {};
    try {
      const res = await call(f, "/mfa/status", { method: "GET" });
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain("no status scripted");
    } finally {
      console.error = original;
    }
  });
});
