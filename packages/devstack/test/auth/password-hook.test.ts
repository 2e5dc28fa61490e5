/**
 * The password verification attempt hook, called like GoTrue calls it: a second auth
 * server on the shared database with `[auth.hook.password_verification_attempt]` pointing
 * at a function in a schema of this file's own. What the function does for a user is
 * chosen per user in a `modes` table; every call is recorded in `events`.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { uniqueName } from "../../src/testing/index.ts";
import { adminClient, db, type OwnAuth, randomEmail, startOwnAuth } from "./helpers.ts";

const schema = uniqueName("pw_hook");
const uri = `pg-functions://postgres/${schema}/password_verification_attempt`;
let own: OwnAuth;
const admin = db(true);

beforeAll(async () => {
  await admin.unsafe(`
    create schema ${schema};
    create table ${schema}.modes (user_id uuid primary key, mode text not null);
    create table ${schema}.events (seq bigint generated always as identity, event jsonb not null);
    create function ${schema}.password_verification_attempt(event jsonb) returns jsonb
    language plpgsql as $$
    declare
      mode text := (select m.mode from ${schema}.modes m where m.user_id = (event->>'user_id')::uuid);
    begin
      insert into ${schema}.events (event) values (event);
      case mode
        when 'reject' then
          return jsonb_build_object('decision', 'reject', 'message', 'Account locked for 15 minutes');
        when 'reject_logout' then
          return jsonb_build_object('decision', 'reject', 'message', 'Signed out everywhere', 'should_logout_user', true);
        when 'reject_silent' then
          return '{"decision": "reject"}'::jsonb;
        when 'error' then
          return jsonb_build_object('error', jsonb_build_object('http_code', 429, 'message', 'Slow down'));
        when 'raise' then
          raise exception 'hook crashed';
        when 'sleep' then
          perform pg_sleep(5);
        when 'bad_output' then
          return '{"decision": 1}'::jsonb;
        when 'null' then
          return null;
        else
          null;
      end case;
      return jsonb_build_object('decision', 'continue');
    end $$;
    grant usage on schema ${schema} to supabase_auth_admin;
    grant select on ${schema}.modes to supabase_auth_admin;
    grant insert on ${schema}.events to supabase_auth_admin;
    revoke execute on function ${schema}.password_verification_attempt(jsonb) from public;
    grant execute on function ${schema}.password_verification_attempt(jsonb) to supabase_auth_admin;
  `);
  own = await startOwnAuth((c) => {
    c.supabase.auth.hook.password_verification_attempt = { enabled: true, uri };
  });
});

afterAll(async () => {
  await own?.stop();
  await admin.unsafe(`drop schema if exists ${schema} cascade`);
  await admin.end();
});

const PASSWORD = "hook-password-1";

async function user(mode: string | null = null) {
  const email = randomEmail("pwhook");
  const created = await adminClient().auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
  if (created.error || !created.data.user) throw created.error ?? new Error("no user");
  const id = created.data.user.id;
  if (mode) await setMode(id, mode);
  return { email, id };
}

const setMode = (id: string, mode: string) =>
  admin.unsafe(`insert into ${schema}.modes values ($1, $2) on conflict (user_id) do update set mode = excluded.mode`, [
    id,
    mode,
  ]);

async function events(id: string): Promise<Record<string, unknown>[]> {
  const rows = await admin.unsafe(`select event from ${schema}.events where event->>'user_id' = $1 order by seq`, [id]);
  return rows.map((r) => r.event as Record<string, unknown>);
}

const passwordGrant = (email: string, password: string) =>
  fetch(`${own.url}/token?grant_type=password`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

async function signIn(email: string, password: string) {
  const res = await passwordGrant(email, password);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const sessionCount = async (id: string) =>
  Number((await admin`select count(*)::int as n from auth.sessions where user_id = ${id}`)[0]?.n);

describe("password verification attempt hook", () => {
  test("is told whether the password was right, with GoTrue's input fields", async () => {
    const { email, id } = await user();
    const wrong = await signIn(email, "not-the-password");
    expect(wrong).toEqual({
      status: 400,
      body: { code: 400, error_code: "invalid_credentials", msg: "Invalid login credentials" },
    });
    const right = await own.auth.signInWithPassword({ email, password: PASSWORD });
    expect(right.error).toBeNull();
    expect(right.data.session?.access_token).toBeTruthy();

    const seen = await events(id);
    expect(seen.map((e) => e.valid)).toEqual([false, true]);
    for (const event of seen) {
      expect(Object.keys(event).sort()).toEqual(["metadata", "user_id", "valid"]);
      expect(event.user_id).toBe(id);
      const metadata = event.metadata as Record<string, unknown>;
      expect(Object.keys(metadata).sort()).toEqual(["ip_address", "name", "time", "uuid"]);
      expect(metadata).toMatchObject({ name: "password-verification", ip_address: "127.0.0.1" });
      expect(metadata.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Number.isNaN(Date.parse(metadata.time as string))).toBe(false);
    }
  });

  test("is not called when there is no password to check: unknown address, banned user", async () => {
    const unknown = await signIn(randomEmail("nobody"), PASSWORD);
    expect(unknown.body.error_code).toBe("invalid_credentials");
    const { email, id } = await user();
    const banned = await adminClient().auth.admin.updateUserById(id, { ban_duration: "1h" });
    expect(banned.error).toBeNull();
    expect((await signIn(email, PASSWORD)).body.error_code).toBe("user_banned");
    expect(await events(id)).toEqual([]);
  });

  test("a rejection blocks even the right password and keeps the user's other sessions", async () => {
    const { email, id } = await user();
    const first = await own.auth.signInWithPassword({ email, password: PASSWORD });
    expect(first.error).toBeNull();
    await setMode(id, "reject");

    const blocked = await signIn(email, PASSWORD);
    expect(blocked).toEqual({
      status: 400,
      body: { code: 400, error_code: "invalid_credentials", msg: "Account locked for 15 minutes" },
    });
    const viaClient = await own.auth.signInWithPassword({ email, password: PASSWORD });
    expect(viaClient.error?.message).toBe("Account locked for 15 minutes");
    expect(viaClient.error?.code).toBe("invalid_credentials");
    expect(await sessionCount(id)).toBe(1);
    const refreshed = await own.auth.refreshSession({ refresh_token: first.data.session?.refresh_token ?? "" });
    expect(refreshed.error).toBeNull();
    expect((await events(id)).map((e) => e.valid)).toEqual([true, true, true]);
  });

  test("a rejection with should_logout_user ends every session of the user", async () => {
    const { email, id } = await user();
    const first = await own.auth.signInWithPassword({ email, password: PASSWORD });
    const second = await own.auth.signInWithPassword({ email, password: PASSWORD });
    expect(first.error ?? second.error).toBeNull();
    expect(await sessionCount(id)).toBe(2);
    await setMode(id, "reject_logout");

    const blocked = await signIn(email, "a-wrong-guess");
    expect(blocked).toEqual({
      status: 400,
      body: { code: 400, error_code: "invalid_credentials", msg: "Signed out everywhere" },
    });
    expect(await sessionCount(id)).toBe(0);
    const refreshed = await own.auth.refreshSession({ refresh_token: first.data.session?.refresh_token ?? "" });
    expect(refreshed.error?.code).toBe("refresh_token_not_found");
  });

  test("a rejection without a message gets GoTrue's default message", async () => {
    const { email } = await user("reject_silent");
    expect(await signIn(email, PASSWORD)).toEqual({
      status: 400,
      body: {
        code: 400,
        error_code: "invalid_credentials",
        msg: "Further password verification attempts will be rejected.",
      },
    });
  });

  test("what the hook writes stays although the sign-in fails", async () => {
    const { email, id } = await user("reject");
    await signIn(email, "wrong-1");
    await signIn(email, "wrong-2");
    await signIn(email, PASSWORD);
    expect((await events(id)).map((e) => e.valid)).toEqual([false, false, true]);
    expect(await sessionCount(id)).toBe(0);
  });

  test("an error object answers with its HTTP code and message, after the hook's writes are committed", async () => {
    const { email, id } = await user("error");
    expect(await signIn(email, PASSWORD)).toEqual({
      status: 429,
      body: { code: 429, error_code: "unknown", msg: "Slow down" },
    });
    expect(await events(id)).toHaveLength(1);
    expect(await sessionCount(id)).toBe(0);
  });

  test("a hook that raises fails the sign-in with GoTrue's 500, right password or not", async () => {
    const { email, id } = await user("raise");
    for (const password of [PASSWORD, "wrong"]) {
      expect(await signIn(email, password)).toEqual({
        status: 500,
        body: { code: 500, error_code: "unexpected_failure", msg: `Error running hook URI: ${uri}` },
      });
    }
    expect(await sessionCount(id)).toBe(0);
    expect(await events(id)).toEqual([]);
  });

  test("a hook running over 2 s is cancelled, its writes rolled back, and the sign-in fails", async () => {
    const { email, id } = await user("sleep");
    const started = Date.now();
    const res = await signIn(email, PASSWORD);
    const elapsed = Date.now() - started;
    expect(res).toEqual({
      status: 500,
      body: { code: 500, error_code: "unexpected_failure", msg: `Error running hook URI: ${uri}` },
    });
    expect(elapsed).toBeGreaterThanOrEqual(1900);
    expect(elapsed).toBeLessThan(4500);
    expect(await events(id)).toEqual([]);
    expect(await sessionCount(id)).toBe(0);
  });

  test("output Go cannot decode is GoTrue's unmarshaling error", async () => {
    const { email, id } = await user("bad_output");
    expect(await signIn(email, PASSWORD)).toEqual({
      status: 500,
      body: { code: 500, error_code: "unexpected_failure", msg: "Error unmarshaling JSON output." },
    });
    expect(await events(id)).toHaveLength(1);
  });

  test("a hook returning NULL lets the password decide", async () => {
    const { email, id } = await user("null");
    expect((await signIn(email, "wrong")).body.error_code).toBe("invalid_credentials");
    const ok = await signIn(email, PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body.access_token).toBeTruthy();
    expect((await events(id)).map((e) => e.valid)).toEqual([false, true]);
  });
});
