import { afterAll, describe, expect, test } from "vitest";
import { adminSql, createUser, mfa, requirement, secretFromUri, signIn, TestAuthenticator, type TestUser } from "./helpers.ts";

/**
 * The whole 2FA life cycle through supabase-js and the `mfa` edge function, with real TOTP
 * codes: enroll (secret only in Vault, encrypted), re-enroll replaces the pending secret,
 * activate by the first code (ten recovery codes, this session verified), challenge on a
 * new session, replay refused, a recovery code works exactly once, disable removes
 * everything. Steps depend on each other, so they run in order in one file.
 */
const sql = adminSql();
afterAll(() => sql.end());

type EnrollBody = { otpauth_uri: string; qr_svg: string; manual_key: string; account: string; replaced: boolean };

describe("2FA: enroll, activate, challenge, recovery, disable", () => {
  let user: TestUser;
  let first: Awaited<ReturnType<typeof signIn>>;
  let app: TestAuthenticator;
  let recoveryCodes: string[];

  test("enroll returns the otpauth URI, an SVG QR and the manual key; the secret is stored only encrypted in Vault", async () => {
    user = await createUser("mfa_flow");
    first = await signIn(user);
    const res = await mfa<EnrollBody>(first.client, "enroll");
    expect(res.status).toBe(200);
    const uri = new URL(res.body.otpauth_uri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(decodeURIComponent(uri.pathname)).toBe(`/FlexOffice:${user.email}`);
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      issuer: "FlexOffice",
      algorithm: "SHA1",
      digits: "6",
      period: "30",
    });
    const secret = secretFromUri(res.body.otpauth_uri);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(res.body.manual_key.replace(/ /g, "")).toBe(secret);
    expect(res.body.qr_svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body.account).toBe(user.email);
    expect(res.body.replaced).toBe(false);

    const [row] = await sql<{ status: string; ciphertext: string; plain: string }[]>`
      select f.status, s.secret as ciphertext, d.decrypted_secret as plain
      from private.mfa_factors f
      join vault.secrets s on s.id = f.secret_id
      join vault.decrypted_secrets d on d.id = f.secret_id
      where f.user_id = ${user.id}`;
    expect(row?.status).toBe("pending");
    expect(row?.plain).toBe(secret);
    expect(row?.ciphertext).not.toContain(secret);
    app = new TestAuthenticator(secret);
  });

  test("a pending factor does not change the policy, and a challenge needs an active factor", async () => {
    expect(await requirement(first.client)).toMatchObject({ state: "prompt", factor: "pending" });
    const res = await mfa(first.client, "challenge", { code: app.unspentCode() });
    expect(res.status).toBe(409);
    expect(res.error?.code).toBe("MFA_NOT_ACTIVE");
  });

  test("re-enrolling before activation replaces the pending secret (the old one is deleted and no longer works)", {
    timeout: 70_000,
  }, async () => {
    const [before] = await sql<{ secret_id: string }[]>`select secret_id from private.mfa_factors where user_id = ${user.id}`;
    const res = await mfa<EnrollBody>(first.client, "enroll");
    expect(res.status).toBe(200);
    expect(res.body.replaced).toBe(true);
    const newSecret = secretFromUri(res.body.otpauth_uri);
    expect(newSecret).not.toBe(app.secret);
    const [left] = await sql<
      { n: number }[]
    >`select count(*)::int as n from vault.secrets where id = ${before?.secret_id ?? null}`;
    expect(left?.n).toBe(0);

    const stale = await mfa(first.client, "activate", { code: await app.code() });
    expect(stale.status).toBe(422);
    expect(stale.error?.code).toBe("INVALID_CODE");
    app = new TestAuthenticator(newSecret);
  });

  test("the first valid code activates: ten distinct recovery codes, stored only as bcrypt hashes; this session is verified", {
    timeout: 70_000,
  }, async () => {
    const res = await mfa<{ active: boolean; session_verified: boolean; recovery_codes: string[] }>(first.client, "activate", {
      code: await app.code(),
    });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(true);
    expect(res.body.session_verified).toBe(true);
    recoveryCodes = res.body.recovery_codes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-z]{5}-[0-9a-z]{5}$/);

    const hashes = await sql<
      { code_hash: string }[]
    >`select code_hash from private.mfa_recovery_codes where user_id = ${user.id}`;
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) {
      expect(code_hash).toMatch(/^\$2a\$08\$/);
      for (const code of recoveryCodes) expect(code_hash).not.toContain(code.replace("-", ""));
    }
    expect(await requirement(first.client)).toMatchObject({
      state: "ok",
      factor: "active",
      session_verified: true,
      deadline: null,
    });
  });

  test("activating again or enrolling over an active factor is refused", async () => {
    const again = await mfa(first.client, "activate", { code: app.unspentCode() });
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe("MFA_ALREADY_ACTIVE");
    const enroll = await mfa(first.client, "enroll");
    expect(enroll.status).toBe(409);
    expect(enroll.error?.code).toBe("MFA_ALREADY_ACTIVE");
    expect(JSON.stringify(enroll.body)).not.toMatch(/otpauth|secret/);
  });

  test("a new sign-in must pass the challenge; a valid code marks that session (and only it) verified", {
    timeout: 70_000,
  }, async () => {
    const second = await signIn(user);
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await requirement(second.client)).toMatchObject({ state: "challenge_required", session_verified: false });

    const wrong = await mfa(second.client, "challenge", { code: app.wrongCode() });
    expect(wrong.status).toBe(422);
    expect(wrong.error).toEqual({
      code: "INVALID_CODE",
      message: "The code is wrong or has expired. 4 attempts left before a 15-minute lockout.",
    });

    const code = await app.code();
    const res = await mfa(second.client, "challenge", { code });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ session_verified: true, method: "totp", recovery_codes_left: 10 });
    expect(await requirement(second.client)).toMatchObject({ state: "ok", session_verified: true });

    const third = await signIn(user);
    expect(await requirement(third.client)).toMatchObject({ state: "challenge_required" });
    const replay = await mfa(third.client, "challenge", { code });
    expect(replay.status).toBe(422);
    expect(replay.error?.code).toBe("CODE_ALREADY_USED");
    expect(await requirement(third.client)).toMatchObject({ state: "challenge_required" });
  });

  test("a recovery code passes a challenge exactly once, in any case and spacing", async () => {
    const fourth = await signIn(user);
    const code = recoveryCodes[0] ?? "";
    const res = await mfa(fourth.client, "challenge", { recovery_code: ` ${code.toUpperCase()} ` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ session_verified: true, method: "recovery", recovery_codes_left: 9 });
    expect(await requirement(fourth.client)).toMatchObject({ state: "ok" });

    const fifth = await signIn(user);
    const again = await mfa(fifth.client, "challenge", { recovery_code: code });
    expect(again.status).toBe(422);
    expect(again.error?.code).toBe("INVALID_RECOVERY_CODE");
    expect(await requirement(fifth.client)).toMatchObject({ state: "challenge_required" });

    const status = await mfa<{ recovery_codes_left: number; session_verified: boolean; factor: string }>(fifth.client, "status");
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ factor: "active", recovery_codes_left: 9, session_verified: false });
  });

  test("signing out removes the session's verification with the session", async () => {
    const sixth = await signIn(user);
    expect((await mfa(sixth.client, "challenge", { recovery_code: recoveryCodes[2] })).status).toBe(200);
    const count = async () =>
      (
        await sql<
          { n: number }[]
        >`select count(*)::int as n from private.mfa_verified_sessions where session_id = ${sixth.sessionId}`
      )[0]?.n;
    expect(await count()).toBe(1);
    await sixth.client.auth.signOut({ scope: "local" });
    expect(await count()).toBe(0);
  });

  test("new recovery codes need a code from the app and replace the old ones", { timeout: 70_000 }, async () => {
    const res = await mfa<{ recovery_codes: string[] }>(first.client, "recovery-codes", { code: await app.code() });
    expect(res.status).toBe(200);
    expect(res.body.recovery_codes).toHaveLength(10);
    const third = await signIn(user);
    const old = await mfa(third.client, "challenge", { recovery_code: recoveryCodes[1] });
    expect(old.error?.code).toBe("INVALID_RECOVERY_CODE");
    recoveryCodes = res.body.recovery_codes;
  });

  test("disable needs a valid code, then removes factor, Vault secret, recovery codes and verified sessions", {
    timeout: 70_000,
  }, async () => {
    const [factor] = await sql<{ secret_id: string }[]>`select secret_id from private.mfa_factors where user_id = ${user.id}`;
    const wrong = await mfa(first.client, "disable", { code: app.wrongCode() });
    expect(wrong.status).toBe(422);
    expect(wrong.error?.code).toBe("INVALID_CODE");

    const res = await mfa(first.client, "disable", { code: await app.code() });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ disabled: true, method: "totp" });

    const [counts] = await sql<{ factors: number; secrets: number; codes: number; sessions: number }[]>`
      select
        (select count(*)::int from private.mfa_factors where user_id = ${user.id}) as factors,
        (select count(*)::int from vault.secrets where id = ${factor?.secret_id ?? null}) as secrets,
        (select count(*)::int from private.mfa_recovery_codes where user_id = ${user.id}) as codes,
        (select count(*)::int from private.mfa_verified_sessions where user_id = ${user.id}) as sessions`;
    expect(counts).toEqual({ factors: 0, secrets: 0, codes: 0, sessions: 0 });
    expect(await requirement(first.client)).toMatchObject({ state: "prompt", factor: "none" });
    const status = await mfa(first.client, "status");
    expect(status.body).toMatchObject({ factor: "none", enrolled: false, active: false, recovery_codes_left: 0 });
  });

  test("every step is in the audit log with the user as actor and outcome, and no code or secret in it", async () => {
    const rows = await sql<
      { action: string; outcome: string; actor_id: string | null; ip: string | null; details: Record<string, unknown> }[]
    >`
      select action, outcome, actor_id, host(ip) as ip, details from audit.entries
      where object_type = 'user' and object_id = ${user.id} and action like 'mfa.%'
      order by id`;
    expect(rows.map((r) => `${r.action}:${r.outcome}`)).toEqual([
      "mfa.enroll:success",
      "mfa.enroll:success",
      "mfa.activate:failure",
      "mfa.activate:success",
      "mfa.enroll:denied",
      "mfa.challenge:failure",
      "mfa.challenge:success",
      "mfa.challenge:failure",
      "mfa.challenge:success",
      "mfa.challenge:failure",
      "mfa.challenge:success",
      "mfa.regenerate_recovery_codes:success",
      "mfa.challenge:failure",
      "mfa.disable:failure",
      "mfa.disable:success",
    ]);
    for (const row of rows) {
      expect(row.actor_id).toBe(user.id);
      // The client address the gateway forwarded reaches the audit log through request.headers.
      expect(row.ip).toBe("127.0.0.1");
    }
    const text = JSON.stringify(rows);
    for (const code of recoveryCodes) expect(text).not.toContain(code);
    expect(text).not.toContain(app.secret);
    expect(rows.find((r) => r.action === "mfa.challenge" && r.outcome === "failure")?.details).toMatchObject({
      method: "totp",
      reason: "wrong_code",
    });
  });
});

describe("the SPA's sign-in question", () => {
  test("get_mfa_requirement answers through supabase.rpc's default POST too (a stable RPC runs read-only)", async () => {
    const user = await createUser("mfa_post");
    const { client } = await signIn(user);
    expect(await requirement(client, "post")).toMatchObject({ state: "prompt", factor: "none", grace_days: 30 });
  });
});

describe("2FA without a signed-in user", () => {
  test.each([
    { name: "enroll", action: "enroll" },
    { name: "status", action: "status" },
  ] as const)("$name with the anon key is refused with 401", async ({ action }) => {
    const { createTestClient, stackEnv } = await import("../../../packages/devstack/src/testing/index.ts");
    const anon = createTestClient(stackEnv().anonKey);
    const res = await mfa(anon, action);
    expect(res.status).toBe(401);
    expect(res.error?.code).toBe("UNAUTHORIZED");
  });

  test("get_mfa_requirement is not callable anonymously", async () => {
    const { createTestClient, stackEnv } = await import("../../../packages/devstack/src/testing/index.ts");
    const anon = createTestClient(stackEnv().anonKey);
    const { data, error } = await anon.rpc("get_mfa_requirement");
    expect(data).toBeNull();
    expect(error?.code).toBe("42501");
  });
});
