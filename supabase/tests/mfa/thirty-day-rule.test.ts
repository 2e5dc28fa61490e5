import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, describe, expect, test } from "vitest";
import { uniqueName } from "../../../packages/devstack/src/testing/index.ts";
import { adminSql, createUser, enableMfa, mfa, requirement, signIn, type TestAuthenticator, type TestUser } from "./helpers.ts";

/**
 * The 2FA policy end to end: prompted during the first 30 days after registration, after
 * that nothing but enrollment (RLS hides every tenant row), and with 2FA on, every new
 * session reads nothing until it passes the challenge. Time travel sets
 * public.profiles.registered_at through a superuser connection.
 */
const sql = adminSql();
afterAll(() => sql.end());

const DAY = 86_400_000;

/** What the user can read of their own tenant, table by table. */
async function visible(client: SupabaseClient, tenantId: string) {
  const counts: Record<string, number> = {};
  for (const table of ["tenants", "roles", "tenant_members", "member_roles"] as const) {
    const column = table === "tenants" ? "id" : "tenant_id";
    const { data, error } = await client.from(table).select("*").eq(column, tenantId);
    if (error) throw new Error(`${table}: ${error.message}`);
    counts[table] = data.length;
  }
  return counts;
}
const everything = { tenants: 1, roles: 3, tenant_members: 1, member_roles: 1 };
const nothing = { tenants: 0, roles: 0, tenant_members: 0, member_roles: 0 };

async function registeredDaysAgo(userId: string, days: number) {
  await sql`update public.profiles set registered_at = now() - make_interval(days => ${days}) where id = ${userId}`;
}

describe("the 30-day rule", () => {
  let user: TestUser;
  let first: Awaited<ReturnType<typeof signIn>>;
  let tenantId: string;
  let app: TestAuthenticator;

  test("a new user without 2FA is prompted, with the deadline 30 days after registration, and may work", async () => {
    user = await createUser("mfa_policy");
    first = await signIn(user);
    const [profile] = await sql<{ registered_at: Date }[]>`select registered_at from public.profiles where id = ${user.id}`;
    const answer = await requirement(first.client);
    expect(answer).toMatchObject({ state: "prompt", factor: "none", session_verified: false, grace_days: 30 });
    expect(Date.parse(answer.deadline ?? "")).toBe((profile?.registered_at.getTime() ?? 0) + 30 * DAY);

    const { data, error } = await first.client.rpc("create_tenant", { p_name: uniqueName("MFA policy") });
    expect(error).toBeNull();
    tenantId = (data as { id: string }).id;
    expect(await visible(first.client, tenantId)).toEqual(everything);
  });

  test("29 days after registration: still prompted, deadline one day ahead, still working", async () => {
    await registeredDaysAgo(user.id, 29);
    const answer = await requirement(first.client);
    expect(answer.state).toBe("prompt");
    expect(Date.parse(answer.deadline ?? "") - Date.now()).toBeGreaterThan(DAY - 60_000);
    expect(Date.parse(answer.deadline ?? "") - Date.now()).toBeLessThanOrEqual(DAY);
    expect(await visible(first.client, tenantId)).toEqual(everything);
  });

  test("31 days after registration without 2FA: enroll_required, and no tenant table shows a row", async () => {
    await registeredDaysAgo(user.id, 31);
    const answer = await requirement(first.client);
    expect(answer.state).toBe("enroll_required");
    expect(Date.parse(answer.deadline ?? "")).toBeLessThan(Date.now());
    expect(await visible(first.client, tenantId)).toEqual(nothing);
    const status = await mfa<{ policy: { state: string } }>(first.client, "status");
    expect(status.body.policy.state).toBe("enroll_required");
  });

  test("enrolling is what remains possible, and activating lifts the block for this session", { timeout: 70_000 }, async () => {
    const enrolled = await mfa(first.client, "enroll");
    expect(enrolled.status).toBe(200);
    expect(await requirement(first.client)).toMatchObject({ state: "enroll_required", factor: "pending" });
    expect(await visible(first.client, tenantId)).toEqual(nothing);

    ({ app } = await enableMfa(first.client));
    expect(await requirement(first.client)).toMatchObject({ state: "ok", factor: "active", deadline: null });
    expect(await visible(first.client, tenantId)).toEqual(everything);
  });

  test("a new session with 2FA on is challenge_required and reads nothing until it passes the challenge", {
    timeout: 70_000,
  }, async () => {
    const second = await signIn(user);
    expect(await requirement(second.client)).toMatchObject({ state: "challenge_required", session_verified: false });
    expect(await visible(second.client, tenantId)).toEqual(nothing);
    // The session that passed stays unaffected.
    expect(await visible(first.client, tenantId)).toEqual(everything);

    const res = await mfa(second.client, "challenge", { code: await app.code() });
    expect(res.status).toBe(200);
    expect(await visible(second.client, tenantId)).toEqual(everything);
  });

  test("disabling 2FA past the deadline blocks again", { timeout: 70_000 }, async () => {
    const res = await mfa(first.client, "disable", { code: await app.code() });
    expect(res.status).toBe(200);
    expect(await requirement(first.client)).toMatchObject({ state: "enroll_required", factor: "none" });
    expect(await visible(first.client, tenantId)).toEqual(nothing);
  });
});
