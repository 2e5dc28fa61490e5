-- ============================================================================
-- Tenant access also requires a live session, on every path (REST, RPC,
-- Realtime authorization, exports): a revoked or idle session's unexpired
-- access token reaches no tenant data anywhere, not only where PostgREST's
-- pre-request check runs.
-- ============================================================================

-- True when the request's session still exists and is not idle past the user's timeout.
-- Requests without a session claim (service role, anon) have no session to check.
create or replace function private.session_is_active() returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$
  with s as (select nullif(auth.jwt() ->> 'session_id', '')::uuid as id)
  select case
    when (select id from s) is null then true
    else exists (select 1 from auth.sessions a where a.id = (select id from s))
         and not private.session_is_idle((select id from s), auth.uid())
  end
$$;
comment on function private.session_is_active is 'The current request''s session exists and is not idle; part of every tenant access check.';
grant execute on function private.session_is_active() to authenticated, service_role;

create or replace function private.tenant_ids_for_user() returns setof uuid
language sql stable parallel safe security definer set search_path = ''
as $$
  select m.tenant_id
  from public.tenant_members m
  where m.user_id = (select auth.uid())
    and (select private.session_is_active())
    and (select private.session_is_trusted())
$$;

create or replace function private.has_role_on_tenant(p_tenant_id uuid, p_role_key text) returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$
  select (select private.session_is_active()) and (select private.session_is_trusted()) and exists (
    select 1
    from public.member_roles mr
    join public.roles r on r.id = mr.role_id
    where mr.tenant_id = p_tenant_id
      and mr.user_id = (select auth.uid())
      and r.key = p_role_key
  )
$$;

create or replace function private.capabilities_on(p_tenant_id uuid) returns text[]
language sql stable parallel safe security definer set search_path = ''
as $$
  select coalesce(array_agg(distinct c order by c), '{}')
  from public.member_roles mr
  join public.roles r on r.id = mr.role_id
  cross join lateral unnest(r.capabilities) as c
  where mr.tenant_id = p_tenant_id
    and mr.user_id = (select auth.uid())
    and (select private.session_is_active())
    and (select private.session_is_trusted())
$$;
