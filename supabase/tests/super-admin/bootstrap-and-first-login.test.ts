import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { SupabaseClient } from "@supabase/supabase-js";
import { decodeJwt } from "jose";
import { afterAll, describe, expect, test } from "vitest";
import { createInboxClient, extractLinks } from "../../../packages/devstack/src/mail/client.ts";
import { createTestClient, stackEnv, uniqueName } from "../../../packages/devstack/src/testing/index.ts";
import { adminSql } from "../helpers.ts";
import { enableMfa, mfa, type TestAuthenticator } from "../mfa/helpers.ts";

/**
 * The super admin's life from bootstrap to its first admin action, through the real
 * script, Auth, the inbox, PostgREST and the `mfa` function: every setup step that is
 * still open makes the admin RPCs refuse, naming the steps left.
 */
const sql = adminSql();
afterAll(() => sql.end());

type Run = { status: number | null; stdout: string; stderr: string };

function bootstrap(env: Record<string, string | undefined>): Run {
  const stack = stackEnv();
  const result = spawnSync(process.execPath, [join(stack.projectRoot, "scripts/bootstrap.mjs")], {
    cwd: stack.projectRoot,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: process.env.PATH, SUPABASE_URL: stack.apiUrl, SUPABASE_SERVICE_ROLE_KEY: stack.serviceRoleKey, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function signInWith(email: string, password: string): Promise<{ client: SupabaseClient; accessToken: string }> {
  const client = createTestClient(stackEnv().anonKey);
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error || !data.session) throw new Error(`sign-in failed: ${error?.message}`);
  return { client, accessToken: data.session.access_token };
}

type Status = { is_super_admin: boolean; ready: boolean; remaining: string[]; next_step: string | null };

async function status(client: SupabaseClient): Promise<Status> {
  const { data, error } = await client.rpc("get_super_admin_status", {}, { get: true });
  if (error) throw new Error(`get_super_admin_status: ${error.message}`);
  return data as Status;
}

/** An admin RPC's refusal: 403 FODEN with the remaining steps in details. */
async function refusal(client: SupabaseClient): Promise<{ status: number; code?: string; remaining?: string[] }> {
  const res = await client.rpc("admin_list_users", { p_search: "nobody" });
  const details = res.error?.details ? (JSON.parse(res.error.details) as { remaining?: string[] }) : {};
  return { status: res.status, code: res.error?.code, remaining: details.remaining };
}

describe("bootstrap", () => {
  test("refuses to run without the project's settings", () => {
    const run = bootstrap({ SUPABASE_SERVICE_ROLE_KEY: "", SUPER_ADMIN_EMAIL: "not-an-email" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("SUPABASE_SERVICE_ROLE_KEY is not set");
    expect(run.stderr).toContain('SUPER_ADMIN_EMAIL "not-an-email" is not an email address');
  });

  test("with SUPER_ADMIN_PASSWORD it uses that password and never prints it", async () => {
    const email = `${uniqueName("root_pw")}@example.test`.toLowerCase();
    const run = bootstrap({ SUPER_ADMIN_EMAIL: email, SUPER_ADMIN_PASSWORD: "given-initial-pass-1" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Initial password: the value of SUPER_ADMIN_PASSWORD");
    expect(run.stdout).not.toContain("given-initial-pass-1");
    const [row] = await sql<{ ok: boolean }[]>`
      select u.encrypted_password <> '' as ok from auth.users u join private.super_admins s on s.user_id = u.id where u.email = ${email}`;
    expect(row?.ok).toBe(true);
  });
});

describe("first login: verify the email, change the password, enable 2FA, then administer", () => {
  const email = `${uniqueName("root")}@example.test`.toLowerCase();
  let initialPassword: string;
  let userId: string;
  let client: SupabaseClient;
  let app: TestAuthenticator;
  const newPassword = "a-password-of-my-own-42";

  test("bootstrap creates the user unconfirmed, registers it, prints the initial password; a rerun changes nothing", async () => {
    const first = bootstrap({ SUPER_ADMIN_EMAIL: email });
    expect(first.status, first.stderr).toBe(0);
    initialPassword = /Initial password \(shown once\): (\S+)/.exec(first.stdout)?.[1] ?? "";
    expect(initialPassword).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(first.stdout).toContain(
      "confirm the email address (link in the mail), then replace the initial password, then enable two-factor authentication",
    );

    const second = bootstrap({ SUPER_ADMIN_EMAIL: email });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(`Super admin ${email} already registered`);
    expect(second.stdout).not.toContain("Initial password");

    const rows = await sql<{ id: string; confirmed: boolean; registrations: number }[]>`
      select u.id, u.email_confirmed_at is not null as confirmed,
             (select count(*)::int from private.super_admins s where s.user_id = u.id) as registrations
      from auth.users u where u.email = ${email}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ confirmed: false, registrations: 1 });
    userId = rows[0]?.id ?? "";
  });

  test("the email must be confirmed first: sign-in is refused until the mailed link is followed", async () => {
    await expect(signInWith(email, initialPassword)).rejects.toThrow(/Email not confirmed/i);
    const message = await createInboxClient(stackEnv().inboxUrl).waitForMessage({ to: email, subject: "Confirm" });
    const link = extractLinks(message).find((l) => l.startsWith(`${stackEnv().apiUrl}/auth/v1/verify`));
    expect(link, extractLinks(message).join(", ")).toBeDefined();
    const followed = await fetch(link as string, { redirect: "manual" });
    expect(followed.status).toBe(303);
    ({ client } = await signInWith(email, initialPassword));
  });

  test("with the initial password, admin RPCs are refused: change_password and enable_2fa remain", async () => {
    expect(await status(client)).toMatchObject({
      is_super_admin: true,
      ready: false,
      remaining: ["change_password", "enable_2fa"],
    });
    expect(await refusal(client)).toEqual({ status: 403, code: "FODEN", remaining: ["change_password", "enable_2fa"] });
  });

  test("after changing the password, only 2FA remains", async () => {
    const { error } = await client.auth.updateUser({ password: newPassword });
    expect(error).toBeNull();
    expect((await status(client)).remaining).toEqual(["enable_2fa"]);
    expect(await refusal(client)).toEqual({ status: 403, code: "FODEN", remaining: ["enable_2fa"] });
  });

  test("with 2FA active in this session the super admin is ready and the admin RPCs answer", { timeout: 60_000 }, async () => {
    ({ app } = await enableMfa(client));
    expect(await status(client)).toMatchObject({ ready: true, remaining: [], next_step: null });
    const { data, error, status: http } = await client.rpc("admin_list_users", { p_search: email });
    expect(error).toBeNull();
    expect(http).toBe(200);
    expect(data).toMatchObject({
      total: 1,
      items: [{ id: userId, email, super_admin: true, mfa: "active", email_verified: true }],
    });
  });

  test("a new sign-in must pass its 2FA challenge before acting; its token carries the super_admin claim", {
    timeout: 60_000,
  }, async () => {
    await expect(signInWith(email, initialPassword)).rejects.toThrow(/Invalid login credentials/i);
    const second = await signInWith(email, newPassword);
    expect(decodeJwt(second.accessToken).super_admin).toBe(true);
    expect(await refusal(second.client)).toEqual({ status: 403, code: "FODEN", remaining: ["verify_2fa_session"] });
    const challenged = await mfa(second.client, "challenge", { code: await app.code() });
    expect(challenged.status).toBe(200);
    expect((await second.client.rpc("admin_list_tenants", { p_limit: 1 })).status).toBe(200);
  });

  test("every refusal and every admin call is in the audit log", async () => {
    const rows = await sql<{ outcome: string; n: number }[]>`
      select outcome, count(*)::int as n from audit.entries
      where actor_id = ${userId} and action in ('admin_list_users', 'admin_list_tenants')
      group by outcome order by outcome`;
    expect(rows).toEqual([
      { outcome: "denied", n: 3 },
      { outcome: "success", n: 2 },
    ]);
  });
});
