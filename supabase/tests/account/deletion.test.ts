import { FunctionsHttpError, type SupabaseClient } from "@supabase/supabase-js";
import type postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { uniqueName } from "../../../packages/devstack/src/testing/index.ts";
import { adminSql, createConfirmedUser, createTenant, PASSWORD, type SignedInUser, signIn } from "../helpers.ts";
import { enableMfa, type TestAuthenticator } from "../mfa/helpers.ts";

/**
 * Self-service account deletion end to end: the SPA's preview through PostgREST, then the
 * `account` edge function with the password and a real TOTP code. Rows are counted per
 * table before and after, for every table the catalog says belongs to a tenant (tenant_id)
 * or references a user (foreign keys to auth.users or public.profiles, in any schema), so
 * a table added later is counted without changing this file.
 */
const sql = adminSql();
afterAll(() => sql.end());

const MARKER = "00000000-0000-4000-8000-00000000dead";

type Answer = { status: number; body: Record<string, unknown>; error?: { code: string; message: string } };

/** Calls the `account` function as the SPA does. */
async function deleteAccount(client: SupabaseClient, body: Record<string, unknown>): Promise<Answer> {
  const { data, error, response } = await client.functions.invoke("account/delete", { method: "POST", body });
  if (error) {
    if (!(error instanceof FunctionsHttpError)) throw error;
    const res = error.context as Response;
    const parsed = (await res.json()) as { error: { code: string; message: string } };
    return { status: res.status, body: parsed, error: parsed.error };
  }
  return { status: response?.status ?? 0, body: data as Record<string, unknown> };
}

// ----------------------------------------------------------------------------
// Row counts from the catalog
// ----------------------------------------------------------------------------

type RefColumn = { schema: string; table: string; column: string; cascades: boolean; has_tenant: boolean };

const quoted = (schema: string, table: string) => `"${schema}"."${table}"`;

async function tenantTables(db: postgres.Sql): Promise<{ schema: string; table: string }[]> {
  return db<{ schema: string; table: string }[]>`
    select n.nspname as schema, c.relname as table
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname in ('public', 'private') and c.relkind in ('r', 'p') and not c.relispartition
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
    order by 1, 2`;
}

async function userRefColumns(db: postgres.Sql): Promise<RefColumn[]> {
  return db<RefColumn[]>`
    select n.nspname as schema, c.relname as table, a.attname as column, con.confdeltype = 'c' as cascades,
      exists (select 1 from pg_attribute t where t.attrelid = c.oid and t.attname = 'tenant_id' and not t.attisdropped) as has_tenant
    from pg_constraint con
    join pg_class c on c.oid = con.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
    where con.contype = 'f'
      and cardinality(con.conkey) = 1
      and (con.confrelid in ('auth.users'::regclass, 'public.profiles'::regclass)
           -- one step further: tables keyed by a user, such as private.mfa_factors
           or exists (select 1 from pg_constraint up
                      where up.contype = 'f' and up.conrelid = con.confrelid and up.conkey = con.confkey
                        and up.confrelid = 'auth.users'::regclass))
    order by 1, 2, 3`;
}

async function count(db: postgres.Sql, query: string, params: string[]): Promise<number> {
  const [row] = await db.unsafe<{ n: number }[]>(query, params);
  return Number(row?.n ?? 0);
}

/**
 * Rows per table and scope: `<table> @<tenant>` for each tenant table (and the tenant row
 * itself), `<table>.<column> = <user>` for each user reference, `... @<tenant>` for the
 * authorship columns (non-cascading references) inside a tenant, and GoTrue's refresh
 * tokens and the Vault secrets of the users' 2FA factors. The marker is counted inside
 * the test's tenants only: other test files delete users at the same time.
 */
async function snapshot(
  db: postgres.Sql,
  tenants: Record<string, string>,
  users: Record<string, string>,
  factorSecrets: string[],
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { schema, table } of await tenantTables(db)) {
    for (const [name, id] of Object.entries(tenants)) {
      counts[`${schema}.${table} @${name}`] = await count(
        db,
        `select count(*) as n from ${quoted(schema, table)} where tenant_id = $1`,
        [id],
      );
    }
  }
  for (const [name, id] of Object.entries(tenants)) {
    counts[`public.tenants @${name}`] = await count(db, "select count(*) as n from public.tenants where id = $1", [id]);
  }
  for (const ref of await userRefColumns(db)) {
    const label = `${ref.schema}.${ref.table}.${ref.column}`;
    for (const [name, id] of Object.entries(users)) {
      if (name !== "marker") {
        counts[`${label} = ${name}`] = await count(
          db,
          `select count(*) as n from ${quoted(ref.schema, ref.table)} where "${ref.column}" = $1`,
          [id],
        );
      }
      if (!ref.cascades && (ref.has_tenant || label === "public.tenants.created_by")) {
        const tenantColumn = ref.has_tenant ? "tenant_id" : "id";
        for (const [tenant, tenantId] of Object.entries(tenants)) {
          counts[`${label} = ${name} @${tenant}`] = await count(
            db,
            `select count(*) as n from ${quoted(ref.schema, ref.table)} where "${ref.column}" = $1 and "${tenantColumn}" = $2`,
            [id, tenantId],
          );
        }
      }
    }
  }
  for (const [name, id] of Object.entries(users)) {
    counts[`auth.refresh_tokens = ${name}`] = await count(
      db,
      "select count(*) as n from auth.refresh_tokens where user_id = $1",
      [id],
    );
  }
  counts["vault.secrets (2FA factors)"] = await count(db, "select count(*) as n from vault.secrets where id = any ($1::uuid[])", [
    `{${factorSecrets.join(",")}}`,
  ]);
  return counts;
}

/** What the snapshot must look like after `user` was deleted: see the file's comment. */
function expectedAfter(
  before: Record<string, number>,
  refs: RefColumn[],
  opts: {
    user: string;
    soleTenants: string[];
    /** Rows that go although their tenant stays (the user's own memberships), per `<table> @<tenant>`. */
    membershipsLeft: Record<string, number>;
    /** Of those, the ones the user had also authored: deleted, so not reassigned, per `<table>.<column> @<tenant>`. */
    authoredMemberships: Record<string, number>;
  },
): Record<string, number> {
  const after = { ...before };
  for (const key of Object.keys(after)) {
    const tenant = / @(\w+)$/.exec(key)?.[1];
    if (tenant && opts.soleTenants.includes(tenant)) after[key] = 0;
  }
  for (const [key, delta] of Object.entries(opts.membershipsLeft)) after[key] = (after[key] ?? 0) - delta;
  for (const ref of refs) {
    const label = `${ref.schema}.${ref.table}.${ref.column}`;
    for (const key of Object.keys(after)) {
      const match = new RegExp(`^${label.replace(/\./g, "\\.")} = ${opts.user}(?: @(\\w+))?$`).exec(key);
      if (!match) continue;
      const tenant = match[1];
      if (!ref.cascades && tenant && !opts.soleTenants.includes(tenant)) {
        const markerKey = `${label} = marker @${tenant}`;
        const deleted = opts.authoredMemberships[`${label} @${tenant}`] ?? 0;
        after[markerKey] = (after[markerKey] ?? 0) + (before[key] ?? 0) - deleted;
      }
      after[key] = 0;
    }
  }
  after[`auth.refresh_tokens = ${opts.user}`] = 0;
  after["vault.secrets (2FA factors)"] = 0;
  return after;
}

/** Adds a member with roles, as a fixture (the invitation flow is tested elsewhere). */
async function addMember(tenantId: string, userId: string, roleKeys: string[], createdBy: string): Promise<void> {
  await sql`insert into public.tenant_members (tenant_id, user_id, created_by) values (${tenantId}, ${userId}, ${createdBy})`;
  await sql`
    insert into public.member_roles (tenant_id, user_id, role_id, created_by)
    select ${tenantId}, ${userId}, r.id, ${createdBy} from public.roles r where r.tenant_id = ${tenantId} and r.key = any (${roleKeys})`;
}

// ----------------------------------------------------------------------------

describe("self-service deletion with 2FA: preview, confirmations, exactly the right rows", () => {
  let ada: SignedInUser;
  let bob: SignedInUser;
  let app: TestAuthenticator;
  let solo: string;
  let shared: string;
  let refs: RefColumn[];
  let secrets: string[];
  const tenantIds = () => ({ solo, shared });
  const userIds = () => ({ ada: ada.id, bob: bob.id, marker: MARKER });

  test("fixture: Ada owns Solo alone, shares Shared with Bob, and has 2FA", { timeout: 90_000 }, async () => {
    ada = await signIn((await createConfirmedUser("del_ada")).email);
    bob = await signIn((await createConfirmedUser("del_bob")).email);
    solo = await createTenant(ada, uniqueName("Solo"));
    shared = await createTenant(ada, uniqueName("Shared"));
    await sql`
      insert into public.roles (tenant_id, key, name, capabilities, created_by)
      values (${solo}, 'auditor', 'Auditor', '{view_audit}', ${ada.id}), (${shared}, 'auditor', 'Auditor', '{view_audit}', ${ada.id})`;
    await sql`
      insert into public.member_roles (tenant_id, user_id, role_id, created_by)
      select ${solo}, ${ada.id}, r.id, ${ada.id} from public.roles r where r.tenant_id = ${solo} and r.key = 'auditor'`;
    await addMember(shared, bob.id, ["editor"], ada.id);
    ({ app } = await enableMfa(ada.client));
    refs = await userRefColumns(sql);
    secrets = (await sql<{ id: string }[]>`select secret_id as id from private.mfa_factors where user_id = ${ada.id}`).map(
      (r) => r.id,
    );
    expect(secrets).toHaveLength(1);
  });

  test("the preview lists Solo with its rows per table for deletion, Shared as kept, and names the blocker", async () => {
    const counts = await snapshot(sql, tenantIds(), userIds(), secrets);
    const { data, error } = await ada.client.rpc("get_account_deletion_preview", {}, { get: true });
    expect(error).toBeNull();
    const preview = data as {
      can_delete: boolean;
      blockers: { rule: string; tenant_id: string }[];
      tenants_deleted: { id: string; rows: Record<string, number>; total_rows: number }[];
      tenants_kept: { id: string; last_admin: boolean; member_count: number }[];
      personal_rows: Record<string, number>;
      requires: { password: boolean; has_password: boolean; mfa_code: boolean };
    };
    expect(preview.can_delete).toBe(false);
    expect(preview.blockers).toEqual([expect.objectContaining({ rule: "last_admin", tenant_id: shared })]);
    expect(preview.tenants_deleted.map((t) => t.id)).toEqual([solo]);
    // Every table holding rows of Solo, with the counts the catalog-driven snapshot finds.
    const soloRows = Object.fromEntries(
      Object.entries(counts)
        .filter(([key, n]) => /^\w+\.\w+ @solo$/.test(key) && n > 0)
        .map(([key, n]) => [key.replace(/ @solo$/, "").replace(/^public\./, ""), n]),
    );
    expect(preview.tenants_deleted[0]?.rows).toEqual(soloRows);
    expect(soloRows).toMatchObject({ tenants: 1, roles: 4, tenant_members: 1, member_roles: 2 });
    expect(preview.tenants_deleted[0]?.total_rows).toBe(Object.values(soloRows).reduce((a, b) => a + b, 0));
    expect(preview.tenants_kept).toEqual([expect.objectContaining({ id: shared, last_admin: true, member_count: 2 })]);
    expect(preview.personal_rows).toMatchObject({ profiles: 1, tenant_members: 2, "private.mfa_factors": 1, "auth.sessions": 1 });
    expect(preview.requires).toEqual({ password: true, has_password: true, mfa_code: true });
  });

  /** The snapshot without the attempt logs, which refusals are meant to write. */
  const withoutAttempts = (counts: Record<string, number>) =>
    Object.fromEntries(Object.entries(counts).filter(([key]) => !/_attempts\./.test(key)));

  test("refusals change nothing: wrong password, last Admin, missing or wrong 2FA code", { timeout: 90_000 }, async () => {
    const start = await snapshot(sql, tenantIds(), userIds(), secrets);
    const wrong = await deleteAccount(ada.client, { password: "not-the-password", code: await app.code() });
    expect(wrong.status).toBe(422);
    expect(wrong.error).toEqual({
      code: "INVALID_PASSWORD",
      message: "The password is wrong. 4 attempts left before a 15-minute lockout.",
    });

    const blocked = await deleteAccount(ada.client, { password: PASSWORD });
    expect(blocked.status).toBe(409);
    expect(blocked.error?.code).toBe("LAST_ADMIN");
    expect(blocked.error?.message).toMatch(
      /^You are the last Admin of "Shared_[^"]+", which has other members: make another member Admin first/,
    );
    expect(withoutAttempts(await snapshot(sql, tenantIds(), userIds(), secrets))).toEqual(withoutAttempts(start));

    // Bob becomes Admin too: Ada is no longer the last one.
    await sql`
      insert into public.member_roles (tenant_id, user_id, role_id, created_by)
      select ${shared}, ${bob.id}, r.id, ${ada.id} from public.roles r where r.tenant_id = ${shared} and r.key = 'admin'`;
    const promoted = await snapshot(sql, tenantIds(), userIds(), secrets);

    const noCode = await deleteAccount(ada.client, { password: PASSWORD });
    expect(noCode.status).toBe(403);
    expect(noCode.error?.code).toBe("MFA_CODE_REQUIRED");
    expect(noCode.error?.message).toContain("2FA code required");

    const wrongCode = await deleteAccount(ada.client, { password: PASSWORD, code: app.wrongCode() });
    expect(wrongCode.status).toBe(422);
    expect(wrongCode.error?.code).toBe("INVALID_CODE");

    const end = await snapshot(sql, tenantIds(), userIds(), secrets);
    expect(withoutAttempts(end)).toEqual(withoutAttempts(promoted));
    expect(end["private.mfa_attempts.user_id = ada"]).toBeGreaterThan(promoted["private.mfa_attempts.user_id = ada"] ?? 0);
  });

  test("password + current code: Solo and its rows, Ada's memberships, profile, 2FA and sessions go; Shared stays, authored by the marker", {
    timeout: 90_000,
  }, async () => {
    const before = await snapshot(sql, tenantIds(), userIds(), secrets);

    const res = await deleteAccount(ada.client, { password: PASSWORD, code: await app.code() });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ deleted: true, user_id: ada.id, via: "self" });
    expect((res.body.tenants_deleted as { id: string }[]).map((t) => t.id)).toEqual([solo]);
    expect((res.body.tenants_kept as { id: string }[]).map((t) => t.id)).toEqual([shared]);

    const after = await snapshot(sql, tenantIds(), userIds(), secrets);
    expect(after).toEqual(
      expectedAfter(before, refs, {
        user: "ada",
        soleTenants: ["solo"],
        // Ada's own membership in Shared and her one role there.
        membershipsLeft: { "public.tenant_members @shared": 1, "public.member_roles @shared": 1 },
        // Ada created both herself (create_tenant): they go, they are not reassigned.
        authoredMemberships: { "public.tenant_members.created_by @shared": 1, "public.member_roles.created_by @shared": 1 },
      }),
    );
    // Spot checks of what the generic comparison implies.
    expect(after["public.tenants @solo"]).toBe(0);
    expect(after["public.roles @shared"]).toBe(before["public.roles @shared"]);
    expect(after["public.profiles.id = ada"]).toBe(0);
    expect(after["auth.sessions.user_id = ada"]).toBe(0);
    expect(after["private.mfa_factors.user_id = ada"]).toBe(0);
    expect(after["public.tenants.created_by = marker @shared"]).toBe(1);
    expect(after["public.tenant_members.user_id = bob"]).toBe(before["public.tenant_members.user_id = bob"]);

    const [user] = await sql`select id from auth.users where id = ${ada.id}`;
    expect(user).toBeUndefined();
  });

  test("Ada's audit entries stay, without her email and name; the chains still verify", async () => {
    const rows = await sql<{ n: number; named: number; deletion: number }[]>`
      select count(*)::int as n,
             count(*) filter (where actor_email is not null or actor_name is not null)::int as named,
             count(*) filter (where action = 'delete_account' and outcome = 'success')::int as deletion
      from audit.entries where actor_id = ${ada.id}`;
    expect(rows[0]?.n).toBeGreaterThan(0);
    expect(rows[0]?.named).toBe(0);
    expect(rows[0]?.deletion).toBe(1);
    const [withEmail] = await sql<{ n: number }[]>`
      select count(*)::int as n from audit.entries where search_text like ${`%${ada.email}%`}`;
    expect(withEmail?.n).toBe(0);
    for (const tenant of [shared, solo, null]) {
      const [chain] = await sql<
        { ok: boolean; reason: string | null }[]
      >`select ok, reason from private.verify_audit_chain(${tenant})`;
      expect(chain, `chain ${tenant ?? "platform"}`).toMatchObject({ ok: true, reason: null });
    }
  });

  test("the old access token is refused and the password no longer signs in; Bob carries on", async () => {
    const stale = await ada.client.rpc("get_account_deletion_preview", {}, { get: true });
    expect(stale.status).toBe(401);
    expect(stale.error?.code).toBe("FOAUT");
    await expect(signIn(ada.email)).rejects.toThrow(/could not sign in/);

    const { data, error } = await bob.client.from("profiles").select("id, full_name, email").eq("id", MARKER);
    expect(error).toBeNull();
    expect(data).toEqual([{ id: MARKER, full_name: "Deleted user", email: null }]);
    const tenants = await bob.client.from("tenants").select("id, created_by").eq("id", shared);
    expect(tenants.data).toEqual([{ id: shared, created_by: MARKER }]);
  });
});

describe("self-service deletion without 2FA", () => {
  test("the password alone deletes a user whose only tenant is their own; a wrong one five times locks", {
    timeout: 60_000,
  }, async () => {
    const carol = await signIn((await createConfirmedUser("del_carol")).email);
    const tenant = await createTenant(carol);

    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const res = await deleteAccount(carol.client, { password: `wrong-${attempt}` });
      expect(res.status).toBe(422);
    }
    const locked = await deleteAccount(carol.client, { password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.error?.code).toBe("TOO_MANY_ATTEMPTS");
    await sql`update private.account_deletion_attempts set attempted_at = attempted_at - interval '16 minutes' where user_id = ${carol.id}`;

    const res = await deleteAccount(carol.client, { password: PASSWORD });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.tenants_deleted).toEqual([expect.objectContaining({ id: tenant, total_rows: 6 })]);
    const [left] = await sql<{ users: number; tenants: number; roles: number; attempts: number }[]>`
      select (select count(*) from auth.users where id = ${carol.id})::int as users,
             (select count(*) from public.tenants where id = ${tenant})::int as tenants,
             (select count(*) from public.roles where tenant_id = ${tenant})::int as roles,
             (select count(*) from private.account_deletion_attempts where user_id = ${carol.id})::int as attempts`;
    expect(left).toEqual({ users: 0, tenants: 0, roles: 0, attempts: 0 });
  });

  test("without a session token the function refuses with 401 and deletes nothing", async () => {
    const dave = await createConfirmedUser("del_dave");
    const anon = (await signIn(dave.email)).client;
    await anon.auth.signOut();
    const res = await deleteAccount(anon, { password: PASSWORD });
    expect(res.status).toBe(401);
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from auth.users where id = ${dave.id}`;
    expect(row?.n).toBe(1);
  });
});
