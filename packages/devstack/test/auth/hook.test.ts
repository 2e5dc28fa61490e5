/**
 * The custom access token hook, called like GoTrue calls a pg-functions hook: a second
 * auth server on the shared database with `[auth.hook.custom_access_token]` enabled.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { uniqueName } from "../../src/testing/index.ts";
import { adminClient, db, decodeJwt, type OwnAuth, randomEmail, startOwnAuth } from "./helpers.ts";

const fn = uniqueName("access_token_hook");
const events = `${fn}_events`;
let own: OwnAuth;
const sql = db();

beforeAll(async () => {
  await sql.unsafe(`
    create table public.${events} (event jsonb not null);
    grant insert on public.${events} to supabase_auth_admin;
    create function public.${fn}(event jsonb) returns jsonb language plpgsql as $$
    declare
      claims jsonb := event->'claims';
      mode text := event->'claims'->'user_metadata'->>'hook_mode';
    begin
      insert into public.${events} values (event);
      if mode = 'refuse' then
        return jsonb_build_object('error', jsonb_build_object('http_code', 403, 'message', 'Your tenant is suspended'));
      elsif mode = 'drop_aud' then
        return jsonb_build_object('claims', claims - 'aud');
      elsif mode = 'raise' then
        raise exception 'hook crashed';
      end if;
      claims := jsonb_set(claims, '{tenant_roles}', '{"t1": "admin"}');
      claims := jsonb_set(claims, '{hook_method}', to_jsonb(event->>'authentication_method'));
      return jsonb_build_object('claims', claims);
    end $$;
    revoke execute on function public.${fn}(jsonb) from public, anon, authenticated;
    grant execute on function public.${fn}(jsonb) to supabase_auth_admin;
  `);
  own = await startOwnAuth((c) => {
    c.supabase.auth.hook.custom_access_token = { enabled: true, uri: `pg-functions://postgres/public/${fn}` };
  });
});

afterAll(async () => {
  await own?.stop();
  await sql.unsafe(`drop function if exists public.${fn}(jsonb); drop table if exists public.${events};`);
  await sql.end();
});

async function userWith(mode: string | null) {
  const email = randomEmail("hook");
  const password = "hook-password-1";
  const created = await adminClient().auth.admin.createUser({
    email,
    password,
    email_confirm: true,
    user_metadata: mode ? { hook_mode: mode } : {},
  });
  if (created.error || !created.data.user) throw created.error ?? new Error("no user");
  return { email, password, id: created.data.user.id };
}

const passwordGrant = (email: string, password: string) =>
  fetch(`${own.url}/token?grant_type=password`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

describe("custom access token hook", () => {
  test("claims returned by the hook are signed, on sign-in and on every refresh", async () => {
    const { email, password, id } = await userWith(null);
    const signIn = await own.auth.signInWithPassword({ email, password });
    expect(signIn.error).toBeNull();
    const claims = decodeJwt(signIn.data.session?.access_token ?? "");
    expect(claims).toMatchObject({ sub: id, tenant_roles: { t1: "admin" }, hook_method: "password", aud: "authenticated" });

    const refreshed = await own.auth.refreshSession({ refresh_token: signIn.data.session?.refresh_token ?? "" });
    expect(decodeJwt(refreshed.data.session?.access_token ?? "")).toMatchObject({
      tenant_roles: { t1: "admin" },
      hook_method: "token_refresh",
    });

    const [row] = await sql.unsafe(
      `select event from public.${events} where event->>'user_id' = $1 order by event->'metadata'->>'time' limit 1`,
      [id],
    );
    const event = row?.event as Record<string, unknown>;
    expect(Object.keys(event).sort()).toEqual(["authentication_method", "claims", "metadata", "user_id"]);
    expect(event.authentication_method).toBe("password");
    expect(event.claims).toMatchObject({
      sub: id,
      email,
      aud: "authenticated",
      role: "authenticated",
      aal: "aal1",
      is_anonymous: false,
    });
    expect(event.metadata).toMatchObject({ name: "customize-access-token" });
  });

  test("an error returned by the hook reaches the client with its HTTP code and message", async () => {
    const { email, password } = await userWith("refuse");
    const res = await own.auth.signInWithPassword({ email, password });
    expect(res.data.session).toBeNull();
    expect(res.error?.status).toBe(403);
    expect(res.error?.message).toBe("Your tenant is suspended");
    const raw = await passwordGrant(email, password);
    expect(raw.status).toBe(403);
    expect(await raw.json()).toEqual({ code: 403, error_code: "unknown", msg: "Your tenant is suspended" });
  });

  test("claims missing a required member are rejected like GoTrue's schema check", async () => {
    const { email, password } = await userWith("drop_aud");
    const raw = await passwordGrant(email, password);
    expect(raw.status).toBe(500);
    expect(await raw.json()).toEqual({
      code: 500,
      error_code: "unexpected_failure",
      msg: "output claims do not conform to the expected schema: \n- (root): aud is required\n",
    });
  });

  test("a hook that raises fails the sign-in and leaves no session behind", async () => {
    const { email, password, id } = await userWith("raise");
    const raw = await passwordGrant(email, password);
    expect(raw.status).toBe(500);
    expect(await raw.json()).toMatchObject({
      error_code: "unexpected_failure",
      msg: `Error running hook URI: pg-functions://postgres/public/${fn}`,
    });
    expect((await sql`select 1 from auth.sessions where user_id = ${id}`).length).toBe(0);
  });
});
