import { describe, expect, test } from "vitest";
import type { Caller } from "../_shared/caller.ts";
import { HttpError } from "../_shared/errors.ts";
import { type AccountDeps, createHandler, parseDeletionInput } from "./handler.ts";
import { fromPgrst } from "./store.ts";
import type { AttemptContext, AttemptOutcome, DeletionCheck, DeletionSummary, RequestContext, SecondFactor } from "./types.ts";

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

const summary: DeletionSummary = {
  deleted: true,
  user_id: caller.userId,
  via: "self",
  tenants_deleted: [{ id: "t1", name: "Solo", slug: "solo", rows: { tenants: 1, roles: 3 }, total_rows: 4 }],
  tenants_kept: [],
  personal_rows: { profiles: 1 },
  reassigned_rows: {},
  leftover_rows: {},
  audit_entries_anonymized: 3,
};

type Calls = {
  contexts: RequestContext[];
  passwords: string[];
  mfaContexts: number;
  completes: SecondFactor[];
  deletions: number;
  matched: Array<{ secret: string; code: string; at: Date }>;
};

/** A store answering what each test scripts, recording what the handler asked. */
function fake(
  script: {
    check?: DeletionCheck;
    context?: AttemptContext;
    complete?: AttemptOutcome;
    deleteError?: Error;
    validCode?: string;
  } = {},
): { deps: AccountDeps; calls: Calls } {
  const calls: Calls = { contexts: [], passwords: [], mfaContexts: 0, completes: [], deletions: 0, matched: [] };
  const deps: AccountDeps = {
    authenticate: async (authorization) => (authorization === "Bearer user-token" ? caller : null),
    store: {
      deletion: async (ctx, run) => {
        calls.contexts.push(ctx);
        return run({
          check: async (password) => {
            calls.passwords.push(password);
            return script.check ?? { result: "ready", mfa_required: false };
          },
          mfaContext: async () => {
            calls.mfaContexts += 1;
            return script.context ?? { result: "ready", secret: SECRET, status: "active" };
          },
          mfaComplete: async (input) => {
            calls.completes.push(input);
            return (
              script.complete ?? {
                result: "ok",
                method: input.method,
                session_verified: true,
                recovery_codes: null,
                recovery_codes_left: 10,
              }
            );
          },
          deleteAccount: async () => {
            calls.deletions += 1;
            if (script.deleteError) throw script.deleteError;
            return summary;
          },
        });
      },
    },
    totp: {
      matchStep: (secret, code, at) => {
        calls.matched.push({ secret, code, at });
        return code === (script.validCode ?? "123456") ? NOW_STEP : null;
      },
    },
    now: () => NOW,
  };
  return { deps, calls };
}

const call = (
  f: { deps: AccountDeps },
  init: { path?: string; method?: string; body?: unknown; auth?: string | null; headers?: Record<string, string> } = {},
) => {
  const headers = new Headers(init.headers);
  if (init.auth !== null) headers.set("Authorization", init.auth ?? "Bearer user-token");
  return createHandler(f.deps)(
    new Request(`http://localhost${init.path ?? "/account/delete"}`, {
      method: init.method ?? "POST",
      headers,
      body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
    }),
  );
};

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("routing and authentication", () => {
  test.each([
    { name: "an unknown action", path: "/account/nope", method: "POST", status: 404, code: "NOT_FOUND" },
    { name: "GET on delete", path: "/account/delete", method: "GET", status: 405, code: "METHOD_NOT_ALLOWED" },
    { name: "POST on the bare path", path: "/account", method: "POST", status: 405, code: "METHOD_NOT_ALLOWED" },
    { name: "DELETE on delete", path: "/account/delete", method: "DELETE", status: 405, code: "METHOD_NOT_ALLOWED" },
  ])("$name -> $status $code", async ({ path, method, status, code }) => {
    const f = fake();
    const res = await call(f, { path, method, body: method === "GET" ? undefined : { password: "pw" } });
    expect(res.status).toBe(status);
    expect((await errorOf(res)).code).toBe(code);
    expect(f.calls.contexts).toEqual([]);
  });

  test.each([
    { name: "POST /account/delete", path: "/account/delete", method: "POST" },
    { name: "DELETE /account", path: "/account", method: "DELETE" },
    { name: "DELETE / (without the function prefix)", path: "/", method: "DELETE" },
  ])("deletes on $name", async ({ path, method }) => {
    const f = fake();
    const res = await call(f, { path, method, body: { password: "pw" } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(summary);
    expect(f.calls.deletions).toBe(1);
  });

  test.each([
    { name: "no Authorization header", auth: null },
    { name: "a token Auth does not accept", auth: "Bearer expired-or-revoked" },
  ])("refuses $name with 401 before touching the database", async ({ auth }) => {
    const f = fake();
    const res = await call(f, { auth, body: { password: "pw" } });
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("UNAUTHORIZED");
    expect(f.calls.contexts).toEqual([]);
  });

  test("answers a CORS preflight without authenticating", async () => {
    const f = fake();
    const res = await call(f, { method: "OPTIONS", auth: null });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toContain("DELETE");
  });

  test("passes the caller, session, claims and audited headers (never the token) to the database", async () => {
    const f = fake();
    await call(f, {
      body: { password: "pw" },
      headers: { "User-Agent": "vitest/1", "X-Forwarded-For": "203.0.113.9", Cookie: "secret=1" },
    });
    expect(f.calls.contexts).toEqual([
      {
        userId: caller.userId,
        sessionId: caller.sessionId,
        claims: caller.claims,
        headers: { "user-agent": "vitest/1", "x-forwarded-for": "203.0.113.9" },
      },
    ]);
  });
});

describe("input", () => {
  test.each([
    { name: "no password", body: {}, message: "password: required (your current password confirms the deletion)" },
    {
      name: "an empty password",
      body: { password: "" },
      message: "password: required (your current password confirms the deletion)",
    },
    { name: "a password that is not text", body: { password: 123456 }, message: "password: must be text" },
    { name: "a password over 72 bytes", body: { password: "ü".repeat(37) }, message: "password: at most 72 bytes" },
    {
      name: "a code and a recovery code",
      body: { password: "pw", code: "123456", recovery_code: "abcde-12345" },
      message: "code: send either code or recovery_code, not both",
    },
    {
      name: "a code that is not 6 digits",
      body: { password: "pw", code: "12345" },
      message: "code: must be the 6 digits your authenticator app shows",
    },
  ])("refuses $name with 422 before touching the database", async ({ body, message }) => {
    const f = fake();
    const res = await call(f, { body });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toEqual({ code: "INVALID_INPUT", message });
    expect(f.calls.contexts).toEqual([]);
  });

  test("refuses a body that is not JSON", async () => {
    const res = await call(fake(), { body: "password=pw" });
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("INVALID_JSON");
  });

  test.each([
    { name: "password only", body: { password: "pw" }, factor: null },
    { name: "a spaced code", body: { password: "pw", code: "123 456" }, factor: { method: "totp", code: "123456" } },
    {
      name: "a recovery code",
      body: { password: "pw", recovery_code: "abcde-12345" },
      factor: { method: "recovery", recoveryCode: "abcde-12345" },
    },
    { name: "a null code", body: { password: "pw", code: null }, factor: null },
  ])("parses $name", ({ body, factor }) => {
    expect(parseDeletionInput(body)).toEqual({ password: "pw", secondFactor: factor });
  });
});

describe("password check", () => {
  test.each([
    {
      name: "a wrong password",
      check: { result: "invalid_password", attempts_left: 3, locked_until: null, retry_after_seconds: null },
      status: 422,
      code: "INVALID_PASSWORD",
      message: "The password is wrong. 3 attempts left before a 15-minute lockout.",
      retryAfter: null,
    },
    {
      name: "the wrong password that locks",
      check: { result: "invalid_password", attempts_left: 0, locked_until: "2030-01-02T03:19:05Z", retry_after_seconds: 900 },
      status: 422,
      code: "INVALID_PASSWORD",
      message: "The password is wrong. Too many wrong passwords: try again in 15 minutes.",
      retryAfter: "900",
    },
    {
      name: "a locked-out user",
      check: { result: "locked", locked_until: "2030-01-02T03:10:05Z", retry_after_seconds: 361 },
      status: 429,
      code: "TOO_MANY_ATTEMPTS",
      message: "Too many wrong passwords: try again in 7 minutes.",
      retryAfter: "361",
    },
    {
      name: "an account without a password",
      check: { result: "no_password" },
      status: 409,
      code: "PASSWORD_NOT_SET",
      message:
        "Your account has no password (you sign in with a provider such as Google): set a password first, then confirm the deletion with it.",
      retryAfter: null,
    },
    {
      name: "the last Admin of a shared tenant",
      check: { result: "blocked", rule: "last_admin", message: 'You are the last Admin of "Acme".', blockers: [] },
      status: 409,
      code: "LAST_ADMIN",
      message: 'You are the last Admin of "Acme".',
      retryAfter: null,
    },
    {
      name: "a super admin",
      check: { result: "blocked", rule: "super_admin", message: "A super admin account cannot be deleted.", blockers: [] },
      status: 409,
      code: "SUPER_ADMIN",
      message: "A super admin account cannot be deleted.",
      retryAfter: null,
    },
  ] as const)("refuses $name ($status $code) and deletes nothing", async ({ check, status, code, message, retryAfter }) => {
    const f = fake({ check: check as DeletionCheck });
    const res = await call(f, { body: { password: "pw", code: "123456" } });
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toEqual({ code, message });
    expect(res.headers.get("retry-after")).toBe(retryAfter);
    expect(f.calls.passwords).toEqual(["pw"]);
    expect(f.calls.mfaContexts).toBe(0);
    expect(f.calls.completes).toEqual([]);
    expect(f.calls.deletions).toBe(0);
  });

  test("without 2FA, the password suffices and a code sent along is not checked", async () => {
    const f = fake({ check: { result: "ready", mfa_required: false } });
    const res = await call(f, { body: { password: "pw", code: "654321" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(f.calls.mfaContexts).toBe(0);
    expect(f.calls.completes).toEqual([]);
    expect(f.calls.deletions).toBe(1);
  });
});

describe("second factor", () => {
  const mfaOn: DeletionCheck = { result: "ready", mfa_required: true };

  test("with 2FA on and no code: 403 MFA_CODE_REQUIRED, nothing attempted or deleted", async () => {
    const f = fake({ check: mfaOn });
    const res = await call(f, { body: { password: "pw" } });
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({
      code: "MFA_CODE_REQUIRED",
      message: "2FA code required: enter the code from your authenticator app (or a recovery code) to delete your account.",
    });
    expect(f.calls.mfaContexts).toBe(0);
    expect(f.calls.completes).toEqual([]);
    expect(f.calls.deletions).toBe(0);
  });

  test("a right code: checked against the stored secret at the current time, recorded with its step, then deleted", async () => {
    const f = fake({ check: mfaOn });
    const res = await call(f, { body: { password: "pw", code: "123456" } });
    expect(res.status).toBe(200);
    expect(f.calls.matched).toEqual([{ secret: SECRET, code: "123456", at: NOW }]);
    expect(f.calls.completes).toEqual([{ method: "totp", totpStep: NOW_STEP, recoveryCode: null }]);
    expect(f.calls.deletions).toBe(1);
  });

  test("a wrong code is recorded without a step and refused; nothing is deleted", async () => {
    const f = fake({
      check: mfaOn,
      complete: { result: "invalid", reason: "wrong_code", attempts_left: 4, locked_until: null, retry_after_seconds: null },
    });
    const res = await call(f, { body: { password: "pw", code: "000000" } });
    expect(res.status).toBe(422);
    expect(await errorOf(res)).toEqual({
      code: "INVALID_CODE",
      message: "The 2FA code is wrong or has expired. 4 attempts left before a 15-minute lockout.",
    });
    expect(f.calls.completes).toEqual([{ method: "totp", totpStep: null, recoveryCode: null }]);
    expect(f.calls.deletions).toBe(0);
  });

  test("a recovery code goes straight to the attempt (no TOTP secret is read)", async () => {
    const f = fake({ check: mfaOn });
    const res = await call(f, { body: { password: "pw", recovery_code: "abcde-12345" } });
    expect(res.status).toBe(200);
    expect(f.calls.mfaContexts).toBe(0);
    expect(f.calls.completes).toEqual([{ method: "recovery", totpStep: null, recoveryCode: "abcde-12345" }]);
  });

  test("while 2FA is locked out, the attempt is recorded unchecked and answered 429", async () => {
    const f = fake({
      check: mfaOn,
      context: { result: "locked", locked_until: "2030-01-02T03:10:05Z", retry_after_seconds: 120 },
      complete: { result: "locked", locked_until: "2030-01-02T03:10:05Z", retry_after_seconds: 120 },
    });
    const res = await call(f, { body: { password: "pw", code: "123456" } });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("120");
    expect(f.calls.matched).toEqual([]);
    expect(f.calls.completes).toEqual([{ method: "totp", totpStep: null, recoveryCode: null }]);
    expect(f.calls.deletions).toBe(0);
  });

  test.each([
    { name: "a replayed code", reason: "code_already_used", code: "CODE_ALREADY_USED" },
    { name: "a used recovery code", reason: "wrong_recovery_code", code: "INVALID_RECOVERY_CODE" },
  ] as const)("refuses $name", async ({ reason, code }) => {
    const f = fake({
      check: mfaOn,
      complete: { result: "invalid", reason, attempts_left: 2, locked_until: null, retry_after_seconds: null },
    });
    const res = await call(f, { body: { password: "pw", code: "123456" } });
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe(code);
  });

  test("a factor disabled between the password check and the code: 409, nothing deleted", async () => {
    const f = fake({ check: mfaOn, context: { result: "no_factor" } });
    const res = await call(f, { body: { password: "pw", code: "123456" } });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("MFA_CHANGED");
    expect(f.calls.completes).toEqual([]);
    expect(f.calls.deletions).toBe(0);
  });
});

describe("database errors", () => {
  test("an error the database raised with a status reaches the caller as that status and code", async () => {
    const f = fake({ deleteError: new HttpError(409, "FOCON", 'The account is the last Admin of "Acme".') });
    const res = await call(f, { body: { password: "pw" } });
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toEqual({ code: "FOCON", message: 'The account is the last Admin of "Acme".' });
  });

  test("anything else is a 500 that leaks nothing", async () => {
    const f = fake({ deleteError: new Error("connection reset with secrets inside") });
    const logged: string[] = [];
    const original = console.error;
    console.error = (message: string) => logged.push(message);
    try {
      const res = await call(f, { body: { password: "pw" } });
      expect(res.status).toBe(500);
      expect((await errorOf(res)).message).not.toContain("secrets");
    } finally {
      console.error = original;
    }
    expect(logged.join("\n")).toContain("connection reset");
  });

  test.each([
    {
      name: "a raise_error from SQL",
      error: Object.assign(new Error("x"), {
        code: "PGRST",
        message: '{"code": "FOCON", "message": "Last Admin.", "details": null, "hint": null}',
        detail: '{"status": 409, "headers": {}}',
      }),
      expected: { status: 409, code: "FOCON", message: "Last Admin." },
    },
  ])("fromPgrst turns $name into an HttpError", ({ error, expected }) => {
    const mapped = fromPgrst(error);
    expect(mapped).toBeInstanceOf(HttpError);
    expect(mapped).toMatchObject(expected);
  });

  test.each([
    { name: "a plain SQL error", error: Object.assign(new Error("deadlock detected"), { code: "40P01" }) },
    { name: "a PGRST error with a message that is not JSON", error: Object.assign(new Error("oops"), { code: "PGRST" }) },
    { name: "not an error at all", error: "boom" },
  ])("fromPgrst leaves $name as it is", ({ error }) => {
    expect(fromPgrst(error)).toBe(error);
  });
});
