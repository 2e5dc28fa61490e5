-- ============================================================================
-- The 2FA policy, enforced by RLS. In the first 30 days after registration a
-- user without an active factor is prompted; after that such a user can do
-- nothing but enroll (private.session_is_trusted() is false, so
-- private.tenant_ids_for_user() and every tenant policy and helper built on it
-- yield nothing). With an active factor, each session must pass a challenge.
-- Super admins get no grace period: 2FA before anything else.
-- ============================================================================

-- Grace period after registration before 2FA becomes mandatory.
create or replace function private.mfa_grace_period() returns interval
language sql immutable parallel safe set search_path = ''
as $$ select interval '30 days' $$;
grant execute on function private.mfa_grace_period() to authenticated, service_role;

-- The JWT's session_id, or null when the token has none (or a malformed one).
create or replace function private.mfa_jwt_session_id() returns uuid
language sql stable parallel safe set search_path = ''
as $$
  select case when s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then s::uuid end
  from (select auth.jwt() ->> 'session_id' as s) as claims
$$;
grant execute on function private.mfa_jwt_session_id() to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- The one place that decides the state
-- ----------------------------------------------------------------------------

-- State of a user and session: ok | prompt | enroll_required | challenge_required, with
-- the enrollment deadline (registered_at + grace; null once a factor is active).
create or replace function private.mfa_requirement_for(p_user_id uuid, p_session_id uuid) returns jsonb
language plpgsql
stable
parallel safe
security definer
set search_path = ''
as $$
declare
  v_registered_at timestamptz;
  v_grace interval;
  v_deadline timestamptz;
  v_factor text;
  v_verified boolean;
  v_state text;
begin
  select coalesce(p.registered_at, u.created_at) into v_registered_at
  from auth.users u
  left join public.profiles p on p.id = u.id
  where u.id = p_user_id;

  v_grace := case when exists (select 1 from private.super_admins s where s.user_id = p_user_id)
                  then interval '0' else private.mfa_grace_period() end;
  v_deadline := v_registered_at + v_grace;

  select f.status into v_factor from private.mfa_factors f where f.user_id = p_user_id;
  v_verified := p_session_id is not null and exists (
    select 1 from private.mfa_verified_sessions v where v.session_id = p_session_id and v.user_id = p_user_id
  );

  v_state := case
    when v_factor = 'active' then case when v_verified then 'ok' else 'challenge_required' end
    when v_deadline is not null and now() < v_deadline then 'prompt'
    else 'enroll_required'
  end;

  return jsonb_build_object(
    'state', v_state,
    'deadline', case when v_factor = 'active' then null else v_deadline end,
    'factor', coalesce(v_factor, 'none'),
    'session_verified', v_verified,
    'grace_days', extract(day from v_grace)::integer
  );
end
$$;
comment on function private.mfa_requirement_for is
  '2FA state of a user and session: {state: ok|prompt|enroll_required|challenge_required, deadline, factor: none|pending|active, session_verified, grace_days}.';
-- Owner (postgres) only: it answers for any user, so API roles reach it only through the
-- current-user wrappers below.
revoke all on function private.mfa_requirement_for(uuid, uuid) from public;

-- The state of the signed-in caller's current session; 401 when nobody is signed in.
create or replace function private.current_mfa_requirement() returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
begin
  if v_uid is null then
    perform private.raise_error(401, 'FOAUT', 'Sign in first.', null, 'signed_in');
  end if;
  return private.mfa_requirement_for(v_uid, private.mfa_jwt_session_id());
end
$$;
grant execute on function private.current_mfa_requirement() to authenticated;

-- What the SPA asks at every sign-in: prompt (with the deadline), enroll, challenge or nothing.
create or replace function public.get_mfa_requirement() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.current_mfa_requirement() $$;
comment on function public.get_mfa_requirement is
  'The caller''s 2FA state: {state: ok|prompt|enroll_required|challenge_required, deadline, factor, session_verified, grace_days}.';
grant execute on function public.get_mfa_requirement() to authenticated;

-- ----------------------------------------------------------------------------
-- RLS: the session may act only when the policy allows it
-- ----------------------------------------------------------------------------

-- Whether the 2FA policy lets this request's user and session act (ok or prompt).
create or replace function private.mfa_allows_session() returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$
  select coalesce(
    (private.mfa_requirement_for(auth.uid(), private.mfa_jwt_session_id()) ->> 'state') in ('ok', 'prompt'),
    false
  )
  where auth.uid() is not null
$$;
comment on function private.mfa_allows_session is 'False for anonymous requests, users past the 2FA deadline without a factor, and sessions that have not passed their challenge.';
grant execute on function private.mfa_allows_session() to authenticated, service_role;

-- Replaces the first version (which trusted every session). Other session conditions
-- (e.g. inactivity) are AND-ed here, so tenant_ids_for_user() keeps one gate.
create or replace function private.session_is_trusted() returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$ select coalesce(private.mfa_allows_session(), false) $$;
comment on function private.session_is_trusted is 'Whether the current session may act at all; read by private.tenant_ids_for_user() and the other RLS helpers.';
grant execute on function private.session_is_trusted() to authenticated, service_role;
