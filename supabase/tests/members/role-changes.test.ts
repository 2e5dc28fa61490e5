import { decodeJwt } from "jose";
import { afterAll, describe, expect, test } from "vitest";
import { createTestClient, stackEnv } from "../../../packages/devstack/src/testing/index.ts";
import {
  addMember,
  adminSql,
  createTenant,
  newSignedInUser,
  roleId,
  type SignedIn,
  signedIn,
  signIn,
  tenantClaims,
  withToken,
} from "./fixtures.ts";

/**
 * Authorization reads live tables, so a role change applies on the caller's very next
 * request even while their access token (with the old claims) is unexpired. Losing a
 * role or the membership ends the user's sessions, so refresh tokens minted before the
 * change are refused; users acting on themselves keep the session they act from.
 */
const sql = adminSql();
afterAll(() => sql.end());

/** Refreshes the user's session so their access token carries their current tenant claims. */
async function freshToken(user: SignedIn): Promise<SignedIn> {
  const { data, error } = await user.client.auth.refreshSession();
  if (error || !data.session) throw new Error(`refresh failed: ${error?.message}`);
  return signedIn(user.client, data.session.access_token, data.session.refresh_token, user.email);
}

const rename = (accessToken: string, tenantId: string, name: string) =>
  withToken(accessToken).rpc("update_tenant", { p_tenant_id: tenantId, p_changes: { name } });

async function tenantName(tenantId: string): Promise<string> {
  const [row] = await sql`select name from public.tenants where id = ${tenantId}`;
  return String(row?.name);
}

async function setRoles(admin: SignedIn, tenantId: string, userId: string, keys: string[]) {
  const ids = await Promise.all(keys.map((key) => roleId(admin, tenantId, key)));
  const { data, error } = await admin.client.rpc("set_member_roles", {
    p_tenant_id: tenantId,
    p_user_id: userId,
    p_role_ids: ids,
  });
  expect(error).toBeNull();
  return data as { role_keys: string[]; sessions_revoked: number };
}

const stillValid = (accessToken: string) =>
  expect(Number(decodeJwt(accessToken).exp) * 1000).toBeGreaterThan(Date.now() + 60_000);

describe("a role change applies on the very next request", () => {
  test("promoted: a token whose claims still say Viewer acts as Admin at once; gaining a role ends no session", async () => {
    const admin = await newSignedInUser("rc-promote-admin");
    const tenantId = await createTenant(admin);
    const member = await freshToken(await addMemberAndReturn(admin, tenantId, "rc-promoted", "viewer"));
    expect(tenantClaims(member.accessToken)[tenantId]?.r).toEqual(["viewer"]);
    expect((await rename(member.accessToken, tenantId, "Viewer was here")).status).toBe(403);

    expect(await setRoles(admin, tenantId, member.id, ["viewer", "admin"])).toEqual(
      expect.objectContaining({ role_keys: ["admin", "viewer"], sessions_revoked: 0 }),
    );

    stillValid(member.accessToken);
    const renamed = await rename(member.accessToken, tenantId, "Renamed by the promoted");
    expect(renamed.error).toBeNull();
    expect(await tenantName(tenantId)).toBe("Renamed by the promoted");
    const refreshed = await freshToken(member);
    expect(tenantClaims(refreshed.accessToken)[tenantId]?.r).toEqual(["admin", "viewer"]);
  });

  test("demoted by an Admin: all the member's sessions end; the old token and refresh token are refused", async () => {
    const admin = await newSignedInUser("rc-demote-admin");
    const tenantId = await createTenant(admin, "Demotion Co");
    const member = await freshToken(await addMemberAndReturn(admin, tenantId, "rc-demoted", "admin"));
    const otherDevice = await signIn(member.email);
    expect(tenantClaims(member.accessToken)[tenantId]?.r).toEqual(["admin"]);

    expect(await setRoles(admin, tenantId, member.id, ["viewer"])).toEqual(
      expect.objectContaining({ role_keys: ["viewer"], sessions_revoked: 2 }),
    );

    stillValid(member.accessToken);
    const refused = await rename(member.accessToken, tenantId, "Renamed with stale claims");
    expect(refused.status).toBe(401);
    expect(refused.error?.code).toBe("FOAUT");
    expect(JSON.parse(refused.error?.details ?? "{}").rule).toBe("session_active");
    expect(await tenantName(tenantId)).toBe("Demotion Co");

    for (const user of [member, otherDevice]) {
      const refresh = await createTestClient(stackEnv().anonKey).auth.refreshSession({ refresh_token: user.refreshToken });
      expect(refresh.error, "a refresh token of an ended session").not.toBeNull();
      expect(refresh.data.session).toBeNull();
    }

    const again = await signIn(member.email);
    expect(tenantClaims(again.accessToken)[tenantId]?.r).toEqual(["viewer"]);
    const asViewer = await rename(again.accessToken, tenantId, "Viewer was here");
    expect(asViewer.status).toBe(403);
    expect(asViewer.error?.code).toBe("FODEN");
    expect((await again.client.from("tenants").select("name").eq("id", tenantId)).data).toEqual([{ name: "Demotion Co" }]);
  });

  test("stepping down: an Admin's current token acts as Viewer at once; their other sessions end", async () => {
    const first = await newSignedInUser("rc-step-down");
    const tenantId = await createTenant(first, "Step Down Co");
    await addMemberAndReturn(first, tenantId, "rc-second-admin", "admin");
    const me = await freshToken(first);
    const otherDevice = await signIn(first.email);

    expect(await setRoles(me, tenantId, me.id, ["viewer"])).toEqual(
      expect.objectContaining({ role_keys: ["viewer"], sessions_revoked: 1 }),
    );

    stillValid(me.accessToken);
    expect(tenantClaims(me.accessToken)[tenantId]?.r, "the token still claims Admin").toEqual(["admin"]);
    const refused = await rename(me.accessToken, tenantId, "Renamed by a former Admin");
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe("FODEN");
    expect((await withToken(me.accessToken).from("tenants").select("name").eq("id", tenantId)).data).toEqual([
      { name: "Step Down Co" },
    ]);

    const otherRefresh = await createTestClient(stackEnv().anonKey).auth.refreshSession({
      refresh_token: otherDevice.refreshToken,
    });
    expect(otherRefresh.error).not.toBeNull();
    const mine = await freshToken(me);
    expect(tenantClaims(mine.accessToken)[tenantId]?.r).toEqual(["viewer"]);

    const [denied] = await sql`
      select count(*)::int as n from audit.entries
      where tenant_id = ${tenantId} and actor_id = ${me.id} and action = 'update_tenant' and outcome = 'denied'`;
    expect(denied?.n).toBe(1);
  });

  test("removed: the member's sessions end and their old token reaches nothing", async () => {
    const admin = await newSignedInUser("rc-remove-admin");
    const tenantId = await createTenant(admin);
    const member = await freshToken(await addMemberAndReturn(admin, tenantId, "rc-removed", "editor"));
    expect((await withToken(member.accessToken).from("tenants").select("id").eq("id", tenantId)).data).toHaveLength(1);

    const removed = await admin.client.rpc("remove_member", { p_tenant_id: tenantId, p_user_id: member.id });
    expect(removed.error).toBeNull();
    expect(removed.data).toMatchObject({ removed: true, sessions_revoked: 1 });

    const read = await withToken(member.accessToken).from("tenants").select("id").eq("id", tenantId);
    expect(read.status).toBe(401);
    expect((await member.client.auth.refreshSession()).error).not.toBeNull();
    const again = await signIn(member.email);
    expect((await again.client.from("tenants").select("id").eq("id", tenantId)).data).toEqual([]);
    expect(tenantClaims(again.accessToken)[tenantId]).toBeUndefined();
  });
});

/** A new confirmed, signed-in user who joined the tenant with one role through an invitation. */
async function addMemberAndReturn(admin: SignedIn, tenantId: string, prefix: string, roleKey: string): Promise<SignedIn> {
  const member = await newSignedInUser(prefix);
  await addMember(admin, tenantId, member, roleKey);
  return member;
}
