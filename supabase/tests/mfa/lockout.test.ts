import { afterAll, describe, expect, test } from "vitest";
import { adminSql, createUser, enableMfa, mfa, requirement, signIn, type TestAuthenticator } from "./helpers.ts";

/**
 * Attempt limits: five wrong codes within 15 minutes lock the user (every session, every
 * purpose, recovery codes too) until the window passes; each attempt is audited as
 * failure or denied. Time travel moves the attempt log back instead of waiting.
 */
const sql = adminSql();
afterAll(() => sql.end());

describe("2FA lockout", () => {
  let userId: string;
  let app: TestAuthenticator;
  let recoveryCodes: string[];
  let signedIn: Awaited<ReturnType<typeof signIn>>;
  let second: Awaited<ReturnType<typeof signIn>>;

  test("four wrong codes count down; the fifth locks for 15 minutes", { timeout: 70_000 }, async () => {
    const user = await createUser("mfa_lockout");
    userId = user.id;
    signedIn = await signIn(user);
    ({ app, recoveryCodes } = await enableMfa(signedIn.client));
    second = await signIn(user);

    for (const left of [4, 3, 2]) {
      const res = await mfa(second.client, "challenge", { code: app.wrongCode() });
      expect(res.status).toBe(422);
      expect(res.error?.message).toBe(`The code is wrong or has expired. ${left} attempts left before a 15-minute lockout.`);
    }
    const fourth = await mfa(second.client, "challenge", { recovery_code: "zzzzz-zzzzz" });
    expect(fourth.status).toBe(422);
    expect(fourth.error).toEqual({
      code: "INVALID_RECOVERY_CODE",
      message: "The recovery code is wrong or was already used. 1 attempt left before a 15-minute lockout.",
    });

    const fifth = await mfa(second.client, "challenge", { code: app.wrongCode() });
    expect(fifth.status).toBe(422);
    expect(fifth.error?.message).toBe("The code is wrong or has expired. Too many wrong codes: try again in 15 minutes.");
    expect(Number(fifth.retryAfter)).toBeGreaterThan(890);
    expect(Number(fifth.retryAfter)).toBeLessThanOrEqual(900);
  });

  test("while locked, the right code, a recovery code and other purposes are all refused with 429 and Retry-After", async () => {
    for (const [client, action, body] of [
      [second.client, "challenge", { code: app.unspentCode() }],
      [second.client, "challenge", { recovery_code: recoveryCodes[0] }],
      [signedIn.client, "disable", { code: app.unspentCode() }],
      [signedIn.client, "recovery-codes", { code: app.unspentCode() }],
    ] as const) {
      const res = await mfa(client, action, body);
      expect(res.status, `${action} ${JSON.stringify(body)}`).toBe(429);
      expect(res.error?.code).toBe("TOO_MANY_ATTEMPTS");
      expect(res.error?.message).toMatch(/^Too many wrong codes: try again in 1[45] minutes\.$/);
      expect(Number(res.retryAfter)).toBeGreaterThan(800);
      expect(Number(res.retryAfter)).toBeLessThanOrEqual(900);
    }
    expect(await requirement(second.client)).toMatchObject({ state: "challenge_required" });
    const status = await mfa<{ locked_until: string | null; failed_attempts: number; recovery_codes_left: number }>(
      second.client,
      "status",
    );
    expect(status.body.failed_attempts).toBe(5);
    expect(status.body.recovery_codes_left).toBe(10);
    expect(Date.parse(status.body.locked_until ?? "") - Date.now()).toBeGreaterThan(800_000);
  });

  test("every attempt is audited: five failures, then denials while locked", async () => {
    const rows = await sql<{ action: string; outcome: string; reason: string | null }[]>`
      select action, outcome, details ->> 'reason' as reason from audit.entries
      where object_type = 'user' and object_id = ${userId} and action in ('mfa.challenge', 'mfa.disable', 'mfa.regenerate_recovery_codes')
      order by id`;
    expect(rows.map((r) => `${r.action}:${r.outcome}:${r.reason}`)).toEqual([
      "mfa.challenge:failure:wrong_code",
      "mfa.challenge:failure:wrong_code",
      "mfa.challenge:failure:wrong_code",
      "mfa.challenge:failure:wrong_recovery_code",
      "mfa.challenge:failure:wrong_code",
      "mfa.challenge:denied:locked_out",
      "mfa.challenge:denied:locked_out",
      "mfa.disable:denied:locked_out",
      "mfa.regenerate_recovery_codes:denied:locked_out",
    ]);
    const [unused] = await sql<{ n: number }[]>`
      select count(*)::int as n from private.mfa_recovery_codes where user_id = ${userId} and used_at is null`;
    expect(unused?.n).toBe(10);
  });

  test("once the window has passed, the right code works again and resets the count", { timeout: 70_000 }, async () => {
    await sql`update private.mfa_attempts set attempted_at = attempted_at - interval '15 minutes 1 second' where user_id = ${userId}`;
    const res = await mfa(second.client, "challenge", { code: await app.code() });
    expect(res.status).toBe(200);
    expect(await requirement(second.client)).toMatchObject({ state: "ok" });
    const status = await mfa<{ locked_until: string | null; failed_attempts: number }>(second.client, "status");
    expect(status.body).toMatchObject({ locked_until: null, failed_attempts: 0 });
  });
});
