import { afterAll, describe, expect, test } from "vitest";
import { adminSql, createTenant, newSignedInUser, signIn } from "../helpers.ts";

const sql = adminSql();
afterAll(() => sql.end());

/** Pretends the session was last active `minutes` ago. */
async function idleFor(sessionId: string, minutes: number): Promise<void> {
  await sql`update private.session_activity set last_seen_at = now() - make_interval(mins => ${minutes}) where session_id = ${sessionId}`;
}

describe("revoked sessions", () => {
  test("a still-valid access token of a revoked session is refused on the very next request", async () => {
    const user = await newSignedInUser("revoked");
    await createTenant(user);
    expect((await user.client.from("tenants").select("id")).data).toHaveLength(1);
    await sql`delete from auth.sessions where id = ${user.sessionId}`;
    const after = await user.client.from("tenants").select("id");
    expect(after.status).toBe(401);
    expect(after.error?.code).toBe("FOAUT");
    expect(JSON.parse(after.error?.details ?? "{}").rule).toBe("session_active");
  });

  test("another session of the same user is not affected", async () => {
    const first = await newSignedInUser("two-sessions");
    const second = await signIn(first.email);
    await sql`delete from auth.sessions where id = ${first.sessionId}`;
    expect((await second.client.from("tenants").select("id")).status).toBe(200);
  });
});

describe("tenant inactivity timeout", () => {
  test("a session idle past the timeout is refused, cannot refresh, and is ended by the job", async () => {
    const user = await newSignedInUser("idle");
    const tenant = await createTenant(user);
    const set = await user.client.rpc("update_tenant", { p_tenant_id: tenant, p_changes: { session_timeout_minutes: 15 } });
    expect(set.error).toBeNull();

    await idleFor(user.sessionId, 10);
    expect((await user.client.from("tenants").select("id")).status, "10 idle minutes are within 15").toBe(200);

    await idleFor(user.sessionId, 16);
    const refused = await user.client.from("tenants").select("id");
    expect(refused.status).toBe(401);
    expect(refused.error?.message).toBe("Your session expired after 15 minutes without activity. Sign in again.");
    expect(JSON.parse(refused.error?.details ?? "{}").rule).toBe("session_inactivity");

    const refresh = await user.client.auth.refreshSession();
    expect(refresh.error?.status).toBe(401);
    expect(refresh.error?.message).toContain("15 minutes without activity");

    const [job] = await sql<{ ended: number }[]>`select private.expire_idle_sessions() as ended`;
    expect(job?.ended).toBeGreaterThanOrEqual(1);
    expect(await sql`select 1 from auth.sessions where id = ${user.sessionId}`).toHaveLength(0);
  });

  test("touch_session and writes count as activity, background reads do not", async () => {
    const user = await newSignedInUser("active");
    const tenant = await createTenant(user);
    await user.client.rpc("update_tenant", { p_tenant_id: tenant, p_changes: { session_timeout_minutes: 15 } });

    await idleFor(user.sessionId, 10);
    await user.client.from("tenants").select("id");
    const [afterRead] =
      await sql`select extract(epoch from now() - last_seen_at) / 60 as idle from private.session_activity where session_id = ${user.sessionId}`;
    expect(Number(afterRead?.idle)).toBeGreaterThan(9);

    const touch = await user.client.rpc("touch_session");
    expect(touch.error).toBeNull();
    expect((touch.data as { timeout_minutes: number }).timeout_minutes).toBe(15);
    const [afterTouch] =
      await sql`select extract(epoch from now() - last_seen_at) / 60 as idle from private.session_activity where session_id = ${user.sessionId}`;
    expect(Number(afterTouch?.idle)).toBeLessThan(1);
  });

  test("without a timeout in any of the user's tenants, idleness never ends a session", async () => {
    const user = await newSignedInUser("no-timeout");
    await createTenant(user);
    await idleFor(user.sessionId, 60 * 24 * 30);
    expect((await user.client.from("tenants").select("id")).status).toBe(200);
    expect((await user.client.auth.refreshSession()).error).toBeNull();
  });

  test("the strictest timeout among the user's tenants applies", async () => {
    const user = await newSignedInUser("strictest");
    const relaxed = await createTenant(user);
    const strict = await createTenant(user);
    await user.client.rpc("update_tenant", { p_tenant_id: relaxed, p_changes: { session_timeout_minutes: 600 } });
    await user.client.rpc("update_tenant", { p_tenant_id: strict, p_changes: { session_timeout_minutes: 20 } });
    await idleFor(user.sessionId, 30);
    const refused = await user.client.from("tenants").select("id");
    expect(refused.error?.message).toContain("20 minutes");
  });
});
