-- ============================================================================
-- pgTAP helpers, installed once per run before the other files (they sort
-- first) and kept: the `tests` schema is never exposed through the API.
--   tests.create_user(email, verified)     -> uuid (auth.users row; profile by trigger)
--   tests.authenticate_as(user_id, session) act as that user (role authenticated + claims)
--   tests.authenticate_as_service_role()   act as the service role
--   tests.clear_authentication()           back to the test runner's own role
--   tests.error_of(sql)                    the API error body a statement raises (details parsed)
-- ============================================================================

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.create_user(p_email text, p_verified boolean default true, p_registered_at timestamptz default now())
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := gen_random_uuid();
begin
  insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, created_at, updated_at,
                          raw_app_meta_data, raw_user_meta_data)
  values ('00000000-0000-0000-0000-000000000000', uid, 'authenticated', 'authenticated', lower(p_email), '',
          case when p_verified then now() end, p_registered_at, now(),
          '{"provider": "email", "providers": ["email"]}', jsonb_build_object('full_name', split_part(p_email, '@', 1)));
  return uid;
end
$$;

-- Acts as the user for the rest of the transaction, as PostgREST would for their token,
-- in a real session (created when no session id is given, or when the id is new).
create or replace function tests.authenticate_as(p_user_id uuid, p_session_id uuid default null) returns void
language plpgsql
set search_path = ''
as $$
declare
  user_email text;
  session_id uuid := coalesce(p_session_id, gen_random_uuid());
begin
  execute 'reset role'; -- switching from another user: read and write as the test runner
  select email into user_email from auth.users where id = p_user_id;
  insert into auth.sessions (id, user_id, created_at, updated_at, aal)
  values (session_id, p_user_id, now(), now(), 'aal1')
  on conflict (id) do nothing;
  perform set_config('request.jwt.claims', jsonb_build_object(
    'sub', p_user_id, 'role', 'authenticated', 'aud', 'authenticated', 'email', user_email,
    'session_id', session_id, 'aal', 'aal1'
  )::text, true);
  perform set_config('request.jwt.claim.sub', p_user_id::text, true);
  execute 'set local role authenticated';
end
$$;

create or replace function tests.authenticate_as_service_role() returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('request.jwt.claims', '{"role": "service_role"}', true);
  perform set_config('request.jwt.claim.sub', '', true);
  execute 'set local role service_role';
end
$$;

create or replace function tests.clear_authentication() returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('request.jwt.claims', '', true);
  perform set_config('request.jwt.claim.sub', '', true);
  execute 'reset role';
end
$$;

-- The error a statement raises, as the API body {code, message, details, hint} with details
-- parsed; null when it raises nothing. Non-API errors come back as {code: SQLSTATE, message}.
create or replace function tests.error_of(p_sql text) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  msg text;
  state text;
begin
  execute p_sql;
  return null;
exception when others then
  get stacked diagnostics msg = message_text, state = returned_sqlstate;
  if state = 'PGRST' then
    return (msg::jsonb) || jsonb_build_object('details', coalesce((msg::jsonb ->> 'details')::jsonb, 'null'::jsonb));
  end if;
  return jsonb_build_object('code', state, 'message', msg);
end
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;

select plan(1);
select has_function('tests', 'authenticate_as', array['uuid', 'uuid'], 'test helpers are installed');
select * from finish();
