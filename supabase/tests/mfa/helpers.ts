import { createHmac } from "node:crypto";
import { FunctionsHttpError, type SupabaseClient } from "@supabase/supabase-js";
import postgres from "postgres";
import { createTestClient, stackEnv, uniqueName } from "../../../packages/devstack/src/testing/index.ts";

/**
 * Helpers for the 2FA tests: an RFC 6238 authenticator (node:crypto, independent of the
 * otplib the function uses), users and sessions through the Auth API, the `mfa` function
 * through supabase-js, and a superuser connection for time travel and row counts.
 */

// ----------------------------------------------------------------------------
// TOTP (RFC 4226 HOTP over RFC 6238 time steps: HMAC-SHA1, 6 digits, 30 s)
// ----------------------------------------------------------------------------

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, "").toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 6-digit code of a base32 secret at a 30-second time step. */
export function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}

export const stepAt = (ms: number) => Math.floor(ms / 30_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An authenticator app that never reuses a time step (the server refuses replays). Each
 * code is for the earliest unused step the server accepts now and still will a few seconds
 * later (window: one step either way); when none is left it waits for the next step.
 */
export class TestAuthenticator {
  private lastStep = -1;
  constructor(readonly secret: string) {}

  async code(): Promise<string> {
    for (;;) {
      const now = Date.now();
      const step = Math.max(stepAt(now + 3_000) - 1, this.lastStep + 1);
      if (step <= stepAt(now) + 1) {
        this.lastStep = step;
        return totpAt(this.secret, step);
      }
      await sleep((stepAt(now) + 1) * 30_000 - now + 50);
    }
  }

  /**
   * The code of the current step without spending it, for requests the server refuses
   * before any code is checked (so the step stays available for the next real attempt).
   */
  unspentCode(): string {
    return totpAt(this.secret, stepAt(Date.now()));
  }

  /** A 6-digit code that is valid at no step the server could accept right now. */
  wrongCode(): string {
    const current = stepAt(Date.now());
    const valid = new Set([-2, -1, 0, 1, 2].map((d) => totpAt(this.secret, current + d)));
    let n = 123456;
    while (valid.has(String(n))) n += 1;
    return String(n);
  }
}

/** The base32 secret inside an otpauth:// URI. */
export function secretFromUri(uri: string): string {
  const secret = new URL(uri).searchParams.get("secret");
  if (!secret) throw new Error(`no secret in ${uri}`);
  return secret;
}

// ----------------------------------------------------------------------------
// Users and sessions
// ----------------------------------------------------------------------------

export type TestUser = { id: string; email: string; password: string };

/** A confirmed user (admin API), so tenant RPCs that need a verified email work. */
export async function createUser(prefix: string): Promise<TestUser> {
  const env = stackEnv();
  const admin = createTestClient(env.serviceRoleKey);
  const email = `${uniqueName(prefix)}@example.test`.toLowerCase();
  const password = "correct-horse-battery-staple";
  const { data, error } = await admin.auth.admin.createUser({ email, password, email_confirm: true });
  if (error || !data.user) throw error ?? new Error("no user");
  return { id: data.user.id, email, password };
}

/** A new session (a fresh sign-in) as a supabase-js client, with its session id. */
export async function signIn(user: TestUser): Promise<{ client: SupabaseClient; sessionId: string }> {
  const client = createTestClient(stackEnv().anonKey);
  const { data, error } = await client.auth.signInWithPassword({ email: user.email, password: user.password });
  if (error || !data.session) throw error ?? new Error("no session");
  const payload = JSON.parse(Buffer.from(data.session.access_token.split(".")[1] ?? "", "base64url").toString()) as {
    session_id: string;
  };
  return { client, sessionId: payload.session_id };
}

// ----------------------------------------------------------------------------
// The mfa function through supabase-js
// ----------------------------------------------------------------------------

export type MfaAnswer<T = Record<string, unknown>> = {
  status: number;
  body: T;
  error: { code: string; message: string } | undefined;
  retryAfter: string | null;
};

/** Calls `mfa/<action>` like the SPA does and returns status, body and the shared error shape. */
export async function mfa<T = Record<string, unknown>>(
  client: SupabaseClient,
  action: "enroll" | "activate" | "challenge" | "disable" | "recovery-codes" | "status",
  body?: Record<string, unknown>,
): Promise<MfaAnswer<T>> {
  const method = action === "status" ? "GET" : "POST";
  const { data, error, response } = await client.functions.invoke(`mfa/${action}`, body ? { method, body } : { method });
  if (error) {
    if (!(error instanceof FunctionsHttpError)) throw error;
    const res = error.context as Response;
    const parsed = (await res.json()) as { error: { code: string; message: string } };
    return { status: res.status, body: parsed as T, error: parsed.error, retryAfter: res.headers.get("retry-after") };
  }
  return {
    status: response?.status ?? 0,
    body: data as T,
    error: undefined,
    retryAfter: response?.headers.get("retry-after") ?? null,
  };
}

/** Enrolls and activates 2FA for the signed-in client; returns the app and the recovery codes. */
export async function enableMfa(client: SupabaseClient): Promise<{ app: TestAuthenticator; recoveryCodes: string[] }> {
  const enrolled = await mfa<{ otpauth_uri: string }>(client, "enroll");
  if (enrolled.status !== 200) throw new Error(`enroll failed: ${JSON.stringify(enrolled.body)}`);
  const app = new TestAuthenticator(secretFromUri(enrolled.body.otpauth_uri));
  const activated = await mfa<{ recovery_codes: string[] }>(client, "activate", { code: await app.code() });
  if (activated.status !== 200) throw new Error(`activate failed: ${JSON.stringify(activated.body)}`);
  return { app, recoveryCodes: activated.body.recovery_codes };
}

export type MfaRequirement = {
  state: "ok" | "prompt" | "enroll_required" | "challenge_required";
  deadline: string | null;
  factor: "none" | "pending" | "active";
  session_verified: boolean;
  grace_days: number;
};

/**
 * public.get_mfa_requirement() through PostgREST, as the SPA asks at sign-in. A stable
 * function, so it is read with GET (`via: "post"` is what `supabase.rpc()` does by default).
 */
export async function requirement(client: SupabaseClient, via: "get" | "post" = "get"): Promise<MfaRequirement> {
  const { data, error } = await client.rpc("get_mfa_requirement", undefined, { get: via === "get" });
  if (error) throw new Error(`get_mfa_requirement: ${error.message}`);
  return data as MfaRequirement;
}

// ----------------------------------------------------------------------------
// Superuser connection (time travel, row counts); close it in afterAll
// ----------------------------------------------------------------------------

export function adminSql(): postgres.Sql {
  return postgres(stackEnv().adminDbUrl, { max: 2, onnotice: () => {} });
}
