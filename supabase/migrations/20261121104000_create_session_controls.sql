-- ============================================================================
-- Session controls, enforced by the database on every API request:
--  * a revoked session (its auth.sessions row is gone) cannot use its still
--    unexpired access token;
--  * tenant admins set an inactivity timeout; a session idle for longer than the
--    strictest timeout among the user's tenants is refused, cannot be refreshed,
--    and is deleted by a job.
-- Activity = signing in, any write through the API, or an explicit
-- touch_session() call (the SPA sends it on user interaction, at most once a
-- minute). Background reads and token refreshes are not activity.
-- ============================================================================

create table private.session_activity (
  session_id uuid primary key references auth.sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  last_seen_at timestamptz not null default now()
);
comment on table private.session_activity is 'When each session last showed user activity (sign-in, write, touch_session).';
create index session_activity_user_id_idx on private.session_activity (user_id);

-- The strictest inactivity timeout among a user's tenants, in minutes (null: none).
create or replace function private.session_timeout_minutes_for(p_user_id uuid) returns integer
language sql stable parallel safe security definer set search_path = ''
as $$
  select min(t.session_timeout_minutes)
  from public.tenant_members m
  join public.tenants t on t.id = m.tenant_id
  where m.user_id = p_user_id
$$;
grant execute on function private.session_timeout_minutes_for(uuid) to authenticated, service_role, supabase_auth_admin;

-- Whether the session has been idle past the user's timeout.
create or replace function private.session_is_idle(p_session_id uuid, p_user_id uuid) returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$
  select coalesce((
    select a.last_seen_at < now() - make_interval(mins => private.session_timeout_minutes_for(p_user_id))
    from private.session_activity a
    where a.session_id = p_session_id
  ), false)
$$;
grant execute on function private.session_is_idle(uuid, uuid) to authenticated, service_role, supabase_auth_admin;

-- Records activity, at most once a minute per session (keeps writes off the hot path).
create or replace function private.mark_session_activity(p_session_id uuid, p_user_id uuid) returns void
language sql volatile security definer set search_path = ''
as $$
  insert into private.session_activity as a (session_id, user_id, last_seen_at)
  select p_session_id, p_user_id, now()
  where exists (select 1 from auth.sessions s where s.id = p_session_id)
  on conflict (session_id) do update set last_seen_at = now()
  where a.last_seen_at < now() - interval '1 minute'
$$;
grant execute on function private.mark_session_activity(uuid, uuid) to authenticated, service_role, supabase_auth_admin;

-- ----------------------------------------------------------------------------
-- Every API request (PostgREST db-pre-request)
-- ----------------------------------------------------------------------------

create or replace function private.check_request() returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  claims jsonb := coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb, '{}'::jsonb);
  session_id uuid := nullif(claims ->> 'session_id', '')::uuid;
  user_id uuid := nullif(claims ->> 'sub', '')::uuid;
begin
  if claims ->> 'role' is distinct from 'authenticated' or session_id is null then
    return;
  end if;
  if not exists (select 1 from auth.sessions s where s.id = session_id) then
    perform private.raise_error(401, 'FOAUT', 'Your session has ended (signed out or revoked). Sign in again.', null, 'session_active');
  end if;
  if private.session_is_idle(session_id, user_id) then
    perform private.raise_error(401, 'FOAUT',
      format('Your session expired after %s minutes without activity. Sign in again.', private.session_timeout_minutes_for(user_id)),
      null, 'session_inactivity');
  end if;
  -- Writes are activity; PostgREST runs calls of stable functions read-only even on POST.
  if current_setting('request.method', true) in ('POST', 'PATCH', 'PUT', 'DELETE')
     and current_setting('transaction_read_only') = 'off' then
    perform private.mark_session_activity(session_id, user_id);
  end if;
end
$$;
comment on function private.check_request is 'PostgREST pre-request: refuses revoked and idle sessions, records activity on writes.';
grant execute on function private.check_request() to anon, authenticated, service_role;

alter role authenticator set pgrst.db_pre_request = 'private.check_request';
notify pgrst, 'reload config';

-- Explicit activity for read-only use; returns when the session would expire if idle.
create or replace function public.touch_session() returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  timeout integer := private.session_timeout_minutes_for(uid);
begin
  return jsonb_build_object(
    'timeout_minutes', timeout,
    'expires_if_idle_at', case when timeout is not null then now() + make_interval(mins => timeout) end
  );
end
$$;
comment on function public.touch_session is 'Marks the session active (the SPA calls it on user interaction) and tells the inactivity deadline.';
grant execute on function public.touch_session() to authenticated;

-- ----------------------------------------------------------------------------
-- Sign-in and refresh (custom access token hook)
-- ----------------------------------------------------------------------------

create or replace function public.custom_access_token_hook(event jsonb) returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  user_id uuid := (event ->> 'user_id')::uuid;
  claims jsonb := event -> 'claims';
  session_id uuid := nullif(claims ->> 'session_id', '')::uuid;
  timeout integer;
begin
  if event ->> 'authentication_method' = 'token_refresh' then
    if session_id is not null and private.session_is_idle(session_id, user_id) then
      timeout := private.session_timeout_minutes_for(user_id);
      return jsonb_build_object('error', jsonb_build_object(
        'http_code', 401,
        'message', format('Your session expired after %s minutes without activity. Sign in again.', timeout)));
    end if;
  elsif session_id is not null then
    perform private.mark_session_activity(session_id, user_id);
  end if;
  claims := jsonb_set(claims, '{tenants}', private.tenant_claims_for(user_id));
  claims := jsonb_set(claims, '{super_admin}', to_jsonb(private.is_user_super_admin(user_id)));
  return jsonb_build_object('claims', claims);
end
$$;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
revoke execute on function public.custom_access_token_hook(jsonb) from authenticated, anon, public;

-- ----------------------------------------------------------------------------
-- Job: end idle sessions for good (their refresh tokens go with them)
-- ----------------------------------------------------------------------------

create or replace function private.expire_idle_sessions() returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  ended integer;
begin
  delete from auth.sessions s
  using private.session_activity a
  where a.session_id = s.id
    and private.session_is_idle(a.session_id, a.user_id);
  get diagnostics ended = row_count;
  return ended;
end
$$;
comment on function private.expire_idle_sessions is 'Deletes sessions idle past their inactivity timeout; run by pg_cron every 5 minutes.';

select cron.schedule('expire-idle-sessions', '*/5 * * * *', $$ select private.expire_idle_sessions() $$);
