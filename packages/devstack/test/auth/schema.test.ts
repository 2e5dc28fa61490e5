/**
 * GoTrue's own tables as SQL written for hosted Supabase sees them: column names and
 * types, ownership and grants, and app triggers on auth.users that fire when the auth
 * server (as supabase_auth_admin) creates users.
 */
import { afterAll, describe, expect, test } from "vitest";
import { uniqueName } from "../../src/testing/index.ts";
import { client, db, env, follow, verifyLink, waitForMail } from "./helpers.ts";

const sql = db();
afterAll(() => sql.end());

describe("GoTrue's tables", () => {
  test.each([
    {
      table: "users",
      columns: [
        "instance_id",
        "id",
        "aud",
        "role",
        "email",
        "encrypted_password",
        "email_confirmed_at",
        "invited_at",
        "confirmation_token",
        "confirmation_sent_at",
        "recovery_token",
        "recovery_sent_at",
        "email_change_token_new",
        "email_change",
        "email_change_sent_at",
        "last_sign_in_at",
        "raw_app_meta_data",
        "raw_user_meta_data",
        "is_super_admin",
        "created_at",
        "updated_at",
        "phone",
        "phone_confirmed_at",
        "phone_change",
        "phone_change_token",
        "phone_change_sent_at",
        "confirmed_at",
        "email_change_token_current",
        "email_change_confirm_status",
        "banned_until",
        "reauthentication_token",
        "reauthentication_sent_at",
        "is_sso_user",
        "deleted_at",
        "is_anonymous",
      ],
    },
    {
      table: "identities",
      columns: [
        "provider_id",
        "user_id",
        "identity_data",
        "provider",
        "last_sign_in_at",
        "created_at",
        "updated_at",
        "email",
        "id",
      ],
    },
    {
      table: "sessions",
      columns: [
        "id",
        "user_id",
        "created_at",
        "updated_at",
        "factor_id",
        "aal",
        "not_after",
        "refreshed_at",
        "user_agent",
        "ip",
        "tag",
        "oauth_client_id",
        "refresh_token_hmac_key",
        "refresh_token_counter",
        "scopes",
      ],
    },
    {
      table: "refresh_tokens",
      columns: ["instance_id", "id", "token", "user_id", "revoked", "created_at", "updated_at", "parent", "session_id"],
    },
    { table: "mfa_amr_claims", columns: ["session_id", "created_at", "updated_at", "authentication_method", "id"] },
    {
      table: "one_time_tokens",
      columns: ["id", "user_id", "token_type", "token_hash", "relates_to", "created_at", "updated_at"],
    },
    {
      table: "flow_state",
      columns: [
        "id",
        "user_id",
        "auth_code",
        "code_challenge_method",
        "code_challenge",
        "provider_type",
        "provider_access_token",
        "provider_refresh_token",
        "created_at",
        "updated_at",
        "authentication_method",
        "auth_code_issued_at",
        "invite_token",
        "referrer",
        "oauth_client_state_id",
        "linking_target_id",
        "email_optional",
      ],
    },
    { table: "audit_log_entries", columns: ["instance_id", "id", "payload", "created_at", "ip_address"] },
    { table: "instances", columns: ["id", "uuid", "raw_base_config", "created_at", "updated_at"] },
    { table: "schema_migrations", columns: ["version"] },
  ])("auth.$table has GoTrue's columns in GoTrue's order", async ({ table, columns }) => {
    const rows = await sql`
      select column_name from information_schema.columns where table_schema = 'auth' and table_name = ${table} order by ordinal_position`;
    expect(rows.map((r) => r.column_name)).toEqual(columns);
  });

  test("generated columns and types match GoTrue's", async () => {
    const rows = await sql`
      select table_name, column_name, data_type, udt_name, is_generated, generation_expression
      from information_schema.columns
      where table_schema = 'auth' and (table_name, column_name) in (
        ('users', 'confirmed_at'), ('identities', 'email'), ('sessions', 'aal'), ('sessions', 'refreshed_at'), ('sessions', 'ip'),
        ('refresh_tokens', 'id'), ('users', 'phone'), ('audit_log_entries', 'payload'))
      order by table_name, column_name`;
    const by = Object.fromEntries(rows.map((r) => [`${r.table_name}.${r.column_name}`, r]));
    expect(by["users.confirmed_at"]).toMatchObject({
      is_generated: "ALWAYS",
      generation_expression: "LEAST(email_confirmed_at, phone_confirmed_at)",
    });
    expect(by["identities.email"]).toMatchObject({
      is_generated: "ALWAYS",
      generation_expression: "lower((identity_data ->> 'email'::text))",
    });
    expect(by["sessions.aal"]?.udt_name).toBe("aal_level");
    expect(by["sessions.refreshed_at"]?.data_type).toBe("timestamp without time zone");
    expect(by["sessions.ip"]?.data_type).toBe("inet");
    expect(by["refresh_tokens.id"]?.data_type).toBe("bigint");
    expect(by["users.phone"]?.data_type).toBe("text");
    expect(by["audit_log_entries.payload"]?.data_type).toBe("json");
  });

  test("supabase_auth_admin owns the tables; postgres may use them; API roles may not", async () => {
    const [row] = await sql`
      select pg_get_userbyid(c.relowner) as owner,
        has_table_privilege('postgres', 'auth.users', 'select, insert, update, delete, references, trigger') as postgres_all,
        has_table_privilege('anon', 'auth.users', 'select') as anon_select,
        has_table_privilege('authenticated', 'auth.users', 'select') as authenticated_select,
        c.relrowsecurity as rls
      from pg_class c where c.oid = 'auth.users'::regclass`;
    expect(row).toEqual({
      owner: "supabase_auth_admin",
      postgres_all: true,
      anon_select: false,
      authenticated_select: false,
      rls: true,
    });
  });
});

describe("app triggers on auth.users", () => {
  test("a security definer trigger owned by postgres fires when the auth server inserts the user", async () => {
    const name = uniqueName("profiles");
    const prefix = `${name}_`.toLowerCase();
    await sql.unsafe(`
      create table public.${name} (id uuid primary key references auth.users (id) on delete cascade, email text, full_name text);
      create function public.${name}_on_signup() returns trigger language plpgsql security definer set search_path = '' as $$
      begin
        insert into public.${name} (id, email, full_name) values (new.id, new.email, new.raw_user_meta_data ->> 'full_name');
        return new;
      end $$;
      create trigger ${name}_created after insert on auth.users
        for each row when (new.email like '${prefix}%') execute function public.${name}_on_signup();
    `);
    try {
      const email = `${prefix}${Date.now()}@example.test`;
      const { data, error } = await client().auth.signUp({
        email,
        password: "trigger-test-1",
        options: { data: { full_name: "Tri Gger" } },
      });
      expect(error).toBeNull();
      const rows = await sql.unsafe(`select id, email, full_name from public.${name}`);
      expect(rows).toEqual([{ id: data.user?.id, email, full_name: "Tri Gger" }]);
      const [owner] =
        await sql`select pg_get_userbyid(proowner) as owner, prosecdef from pg_proc where proname = ${`${name}_on_signup`}`;
      expect(owner).toEqual({ owner: "postgres", prosecdef: true });

      // The confirmation still works with the trigger in place.
      await follow(verifyLink(await waitForMail(email)));
      expect((await client().auth.signInWithPassword({ email, password: "trigger-test-1" })).error).toBeNull();
    } finally {
      await sql.unsafe(
        `drop trigger if exists ${name}_created on auth.users; drop function if exists public.${name}_on_signup(); drop table if exists public.${name};`,
      );
    }
  });

  test("a failing trigger fails the sign-up with GoTrue's 'Database error saving new user'", async () => {
    const name = uniqueName("strict");
    const prefix = `${name}_`.toLowerCase();
    await sql.unsafe(`
      create function public.${name}_reject() returns trigger language plpgsql security definer set search_path = '' as $$
      begin raise exception 'no users from this domain'; end $$;
      create trigger ${name}_reject before insert on auth.users
        for each row when (new.email like '${prefix}%') execute function public.${name}_reject();
    `);
    try {
      const email = `${prefix}${Date.now()}@example.test`;
      const { error } = await client().auth.signUp({ email, password: "trigger-test-1" });
      expect(error?.status).toBe(500);
      const raw = await fetch(`${env.apiUrl}/auth/v1/signup`, {
        method: "POST",
        headers: { apikey: env.anonKey, "content-type": "application/json" },
        body: JSON.stringify({ email, password: "trigger-test-1" }),
      });
      expect(raw.status).toBe(500);
      expect(await raw.json()).toEqual({ code: 500, error_code: "unexpected_failure", msg: "Database error saving new user" });
      expect((await sql`select 1 from auth.users where email = ${email}`).length).toBe(0);
    } finally {
      await sql.unsafe(`drop trigger if exists ${name}_reject on auth.users; drop function if exists public.${name}_reject();`);
    }
  });
});
