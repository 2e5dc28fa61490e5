import type { SupabaseClient } from "@supabase/supabase-js";
import { afterAll, describe, expect, test } from "vitest";
import { createTestClient, stackEnv } from "../../../packages/devstack/src/testing/index.ts";
import { adminSql, createConfirmedUser, createTenant, newSignedInUser, type SignedInUser, signIn } from "../helpers.ts";
import { mfa } from "../mfa/helpers.ts";

/**
 * Tenant API keys through supabase-js, as a machine client uses them: a tenant Admin
 * creates a key (the secret is in that answer only), the client signs in with the key's
 * address and the key as password, then reads and writes through the same REST API and
 * RPCs as a person holding the key's role. Revoking the key or letting it expire refuses
 * its very next request and any later sign-in.
 */
const sql = adminSql();
afterAll(() => sql.end());

type ApiKey = {
  id: string;
  name: string;
  role: string;
  state: "active" | "expired" | "revoked";
  email: string;
  user_id: string;
  expires_at: string | null;
  last_used_at: string | null;
};
type CreatedKey = ApiKey & { key: string };
type Refusal = { status: number; code: string | undefined; rule: string | undefined; message: string };

async function roleId(user: SignedInUser, tenantId: string, key: string): Promise<string> {
  const { data, error } = await user.client.from("roles").select("id").eq("tenant_id", tenantId).eq("key", key).single();
  if (error) throw new Error(`role ${key}: ${error.message}`);
  return (data as { id: string }).id;
}

async function createKey(
  admin: SignedInUser,
  tenantId: string,
  name: string,
  roleKey: string,
  expiresAt?: Date,
): Promise<CreatedKey> {
  const { data, error } = await admin.client.rpc("create_api_key", {
    p_tenant_id: tenantId,
    p_name: name,
    p_role_id: await roleId(admin, tenantId, roleKey),
    ...(expiresAt ? { p_expires_at: expiresAt.toISOString() } : {}),
  });
  if (error) throw new Error(`create_api_key: ${error.code} ${error.message}`);
  return data as CreatedKey;
}

/** What a machine client does with its key: an ordinary password sign-in. */
async function signInWithKey(key: { email: string; key: string }) {
  const client = createTestClient(stackEnv().anonKey);
  const { data, error } = await client.auth.signInWithPassword({ email: key.email, password: key.key });
  return { client, session: data.session, error };
}

async function machine(key: CreatedKey): Promise<{ client: SupabaseClient; refreshToken: string }> {
  const { client, session, error } = await signInWithKey(key);
  if (error || !session) throw new Error(`the key could not sign in: ${error?.message}`);
  return { client, refreshToken: session.refresh_token };
}

function refusal(res: { status: number; error: { code?: string; details?: string | null; message: string } | null }): Refusal {
  if (!res.error) throw new Error(`expected a refusal, got status ${res.status}`);
  const details = res.error.details ? (JSON.parse(res.error.details) as { rule?: string }) : {};
  return { status: res.status, code: res.error.code, rule: details.rule, message: res.error.message };
}

const tenantsSeenBy = async (client: SupabaseClient) => {
  const res = await client.from("tenants").select("id");
  return res.error ? refusal(res) : (res.data as { id: string }[]).map((t) => t.id);
};

describe("an API key acts as its role through the same API", () => {
  test("an Admin creates a Viewer key; the client signs in with it, reads its tenant and is audited under its name", async () => {
    const admin = await newSignedInUser("ak-admin");
    const tenantId = await createTenant(admin);
    const key = await createKey(admin, tenantId, "Reporting", "viewer");
    expect(key).toMatchObject({ name: "Reporting", role: "viewer", state: "active", expires_at: null });
    expect(key.key).toMatch(/^fo_[A-Za-z0-9_-]{43}$/);
    expect(key.email).toBe(`key-${key.id}@api-keys.flexoffice.invalid`);

    const { client } = await machine(key);
    expect(await tenantsSeenBy(client)).toEqual([tenantId]);
    const members = await client.from("tenant_members").select("user_id").eq("tenant_id", tenantId);
    expect((members.data ?? []).map((m) => m.user_id).sort()).toEqual([admin.id, key.user_id].sort());
    const policy = await client.rpc("get_mfa_requirement");
    expect(policy.data).toMatchObject({ state: "ok", exempt: "api_key" });

    const write = refusal(await client.rpc("update_tenant", { p_tenant_id: tenantId, p_changes: { name: "Renamed by a key" } }));
    expect(write).toMatchObject({ status: 403, code: "FODEN" });
    const [entry] = await sql`
      select actor_name, actor_email from audit.entries
      where actor_id = ${key.user_id} and action = 'update_tenant' and outcome = 'denied'`;
    expect(entry).toEqual({ actor_name: "API key Reporting", actor_email: key.email });

    const listed = await admin.client.rpc("list_api_keys", { p_tenant_id: tenantId });
    expect(listed.error).toBeNull();
    const [row] = listed.data as ApiKey[];
    expect(row).toMatchObject({ id: key.id, name: "Reporting", state: "active" });
    expect(row?.last_used_at, "the sign-in is the key's last use").not.toBeNull();
    expect(row).not.toHaveProperty("key");
  });

  test("an Editor key writes entities and a Viewer key reads them, through the person's RPCs", async () => {
    const admin = await newSignedInUser("ak-writer-admin");
    const tenantId = await createTenant(admin);
    const blueprint = await admin.client.rpc("create_blueprint", {
      p_tenant_id: tenantId,
      p_name: "Shipments",
      p_fields: [{ key: "title", label: "Title", type: "text" }],
    });
    expect(blueprint.error).toBeNull();
    const blueprintId = (blueprint.data as { id: string }).id;
    const writer = await machine(await createKey(admin, tenantId, "Importer", "editor"));
    const reader = await machine(await createKey(admin, tenantId, "Dashboard", "viewer"));

    const created = await writer.client.rpc("create_entity", {
      p_blueprint_id: blueprintId,
      p_data: { title: "From the importer" },
    });
    expect(created.error).toBeNull();
    const read = await reader.client.rpc("query_entities", { p_blueprint_id: blueprintId });
    expect(read.error).toBeNull();
    expect((read.data as { entities: unknown[] }).entities).toHaveLength(1);
    const denied = refusal(await reader.client.rpc("create_entity", { p_blueprint_id: blueprintId, p_data: { title: "No" } }));
    expect(denied).toMatchObject({ status: 403, code: "FODEN" });
  });
});

describe("revoked and expired keys", () => {
  test("revoking ends the key's session on its next request; it can neither refresh nor sign in again", async () => {
    const admin = await newSignedInUser("ak-revoke-admin");
    const tenantId = await createTenant(admin);
    const key = await createKey(admin, tenantId, "Sync", "viewer");
    const { client, refreshToken } = await machine(key);
    expect(await tenantsSeenBy(client)).toEqual([tenantId]);

    const revoked = await admin.client.rpc("revoke_api_key", { p_key_id: key.id });
    expect(revoked.error).toBeNull();
    expect(revoked.data).toMatchObject({ state: "revoked", sessions_revoked: 1 });

    expect(await tenantsSeenBy(client)).toEqual({
      status: 401,
      code: "FOAUT",
      rule: "session_active",
      message: "Your session has ended (signed out or revoked). Sign in again.",
    });
    const refresh = await createTestClient(stackEnv().anonKey).auth.refreshSession({ refresh_token: refreshToken });
    expect(refresh.error).not.toBeNull();
    const again = await signInWithKey(key);
    expect(again.session).toBeNull();
    expect(again.error).toMatchObject({ status: 401, message: "This API key has been revoked." });
    const [audited] = await sql`
      select actor_id from audit.entries where action = 'revoke_api_key' and object_id = ${key.id} and outcome = 'success'`;
    expect(audited?.actor_id).toBe(admin.id);
    const [attempt] = await sql`
      select details ->> 'reason' as reason from audit.entries where action = 'auth.sign_in_failed' and actor_id = ${key.user_id}`;
    expect(attempt?.reason, "the refused sign-in is audited").toBe("api_key_revoked");
  });

  test("an expired key is refused on its next request and at sign-in", async () => {
    const admin = await newSignedInUser("ak-expiry-admin");
    const tenantId = await createTenant(admin);
    const key = await createKey(admin, tenantId, "Temporary", "viewer", new Date(Date.now() + 3_600_000));
    const { client } = await machine(key);
    expect(await tenantsSeenBy(client)).toEqual([tenantId]);

    await sql`update private.api_keys set expires_at = now() - interval '1 second' where id = ${key.id}`;
    expect(await tenantsSeenBy(client)).toMatchObject({ status: 401, code: "FOAUT", rule: "api_key_expired" });
    const again = await signInWithKey(key);
    expect(again.session).toBeNull();
    expect(again.error).toMatchObject({ status: 401, message: "This API key has expired; ask a tenant Admin for a new key." });
    const listed = await admin.client.rpc("list_api_keys", { p_tenant_id: tenantId });
    expect((listed.data as ApiKey[])[0]?.state).toBe("expired");
  });
});

describe("who may create keys, and what a key may not do", () => {
  test("creating needs manage_members and a role of the same tenant", async () => {
    const admin = await newSignedInUser("ak-rules-admin");
    const tenantId = await createTenant(admin);
    const other = await newSignedInUser("ak-rules-other");
    const otherTenantId = await createTenant(other);
    const editor = await createConfirmedUser("ak-rules-editor");
    await sql`insert into public.tenant_members (tenant_id, user_id) values (${tenantId}, ${editor.id})`;
    await sql`
      insert into public.member_roles (tenant_id, user_id, role_id)
      select ${tenantId}, ${editor.id}, id from public.roles where tenant_id = ${tenantId} and key = 'editor'`;
    const { client: editorClient } = await signIn(editor.email);

    const byEditor = refusal(
      await editorClient.rpc("create_api_key", {
        p_tenant_id: tenantId,
        p_name: "Editor's key",
        p_role_id: await roleId(admin, tenantId, "viewer"),
      }),
    );
    expect(byEditor).toMatchObject({ status: 403, code: "FODEN" });
    const crossTenant = refusal(
      await admin.client.rpc("create_api_key", {
        p_tenant_id: tenantId,
        p_name: "Cross",
        p_role_id: await roleId(other, otherTenantId, "viewer"),
      }),
    );
    expect(crossTenant).toMatchObject({ status: 422, code: "FOVAL", rule: "exists" });
  });

  test("a key creates no tenant, enrolls no second factor and creates no key", async () => {
    const admin = await newSignedInUser("ak-person-only");
    const tenantId = await createTenant(admin);
    const key = await createKey(admin, tenantId, "Robot", "admin");
    const { client } = await machine(key);

    expect(refusal(await client.rpc("create_tenant", { p_name: "Robot Corp" }))).toMatchObject({ status: 403, code: "FODEN" });
    const enroll = await mfa(client, "enroll");
    expect(enroll.status).toBe(403);
    expect(enroll.error?.code).toBe("FODEN");
    const successor = refusal(
      await client.rpc("create_api_key", {
        p_tenant_id: tenantId,
        p_name: "Successor",
        p_role_id: await roleId(admin, tenantId, "admin"),
      }),
    );
    expect(successor).toMatchObject({ status: 403, code: "FODEN" });
  });
});
