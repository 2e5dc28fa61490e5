-- ============================================================================
-- Access checks run on every request and inside every policy, so they must cost
-- microseconds. Security-definer functions are never inlined, and an SQL-language
-- function is planned again on every call, while PL/pgSQL keeps its plans for the
-- life of the connection (PostgREST's connections are pooled and long-lived).
-- So the hot checks are PL/pgSQL with plain indexed lookups:
--  * private.mfa_allows_session(): the boolean of private.mfa_requirement_for's
--    state in ('ok', 'prompt'), computed directly (pgTAP 017 proves they agree);
--  * private.session_allows_access(): live, not idle, 2FA-trusted, in one call;
--  * has_capability / has_role_on_tenant: EXISTS instead of aggregating every
--    capability of the member.
-- ============================================================================

create or replace function private.mfa_allows_session() returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  factor_status text;
  registered timestamptz;
  is_super boolean;
begin
  if uid is null then
    return false;
  end if;
  select f.status into factor_status from private.mfa_factors f where f.user_id = uid;
  if factor_status = 'active' then
    return exists (
      select 1 from private.mfa_verified_sessions v
      where v.session_id = private.mfa_jwt_session_id() and v.user_id = uid
    );
  end if;
  select coalesce(p.registered_at, u.created_at) into registered
  from auth.users u left join public.profiles p on p.id = u.id
  where u.id = uid;
  is_super := exists (select 1 from private.super_admins s where s.user_id = uid);
  return registered is not null
    and now() < registered + case when is_super then interval '0' else private.mfa_grace_period() end;
end
$$;

create or replace function private.session_is_active() returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
declare
  sid uuid := nullif(auth.jwt() ->> 'session_id', '')::uuid;
  uid uuid;
  last_seen timestamptz;
  timeout integer;
begin
  if sid is null then
    return true; -- service role and anon requests have no session to check
  end if;
  if not exists (select 1 from auth.sessions s where s.id = sid) then
    return false;
  end if;
  select a.last_seen_at, a.user_id into last_seen, uid from private.session_activity a where a.session_id = sid;
  if last_seen is null then
    return true;
  end if;
  select min(t.session_timeout_minutes) into timeout
  from public.tenant_members m join public.tenants t on t.id = m.tenant_id
  where m.user_id = uid;
  return timeout is null or last_seen >= now() - make_interval(mins => timeout);
end
$$;

-- The request's session exists, is not idle, and the 2FA policy trusts it.
create or replace function private.session_allows_access() returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  return private.session_is_active() and private.session_is_trusted();
end
$$;
comment on function private.session_allows_access is 'Live, not idle and 2FA-trusted: the session condition of every tenant access check.';
grant execute on function private.session_allows_access() to authenticated, service_role;

create or replace function private.tenant_ids_for_user() returns setof uuid
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  if private.session_allows_access() then
    return query select m.tenant_id from public.tenant_members m where m.user_id = auth.uid();
  end if;
end
$$;

create or replace function private.has_capability(p_tenant_id uuid, p_capability text) returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.member_roles mr
    join public.roles r on r.id = mr.role_id
    where mr.tenant_id = p_tenant_id
      and mr.user_id = auth.uid()
      and p_capability = any (r.capabilities)
  ) and private.session_allows_access();
end
$$;

create or replace function private.has_role_on_tenant(p_tenant_id uuid, p_role_key text) returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  return exists (
    select 1
    from public.member_roles mr
    join public.roles r on r.id = mr.role_id
    where mr.tenant_id = p_tenant_id
      and mr.user_id = auth.uid()
      and r.key = p_role_key
  ) and private.session_allows_access();
end
$$;

create or replace function private.capabilities_on(p_tenant_id uuid) returns text[]
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  if not private.session_allows_access() then
    return '{}';
  end if;
  return coalesce((
    select array_agg(distinct c order by c)
    from public.member_roles mr
    join public.roles r on r.id = mr.role_id
    cross join lateral unnest(r.capabilities) as c
    where mr.tenant_id = p_tenant_id
      and mr.user_id = auth.uid()
  ), '{}');
end
$$;

-- Activity is written at most once a minute per session, and without locking the row on the
-- other requests (INSERT ... ON CONFLICT DO UPDATE would lock it even when it changes nothing).
create or replace function private.mark_session_activity(p_session_id uuid, p_user_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if exists (select 1 from private.session_activity a where a.session_id = p_session_id) then
    update private.session_activity a set last_seen_at = now()
    where a.session_id = p_session_id and a.last_seen_at < now() - interval '1 minute';
  elsif exists (select 1 from auth.sessions s where s.id = p_session_id) then
    insert into private.session_activity (session_id, user_id, last_seen_at)
    values (p_session_id, p_user_id, now())
    on conflict (session_id) do nothing;
  end if;
end
$$;

-- Idle means: no activity for longer than the strictest timeout of the user's tenants.
-- Timeouts are at least 5 minutes, so a session active within the last 5 minutes is
-- never idle and the tenants need not be read (the common case on every request).
create or replace function private.session_is_idle(p_session_id uuid, p_user_id uuid) returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
declare
  last_seen timestamptz;
  timeout integer;
begin
  select a.last_seen_at into last_seen from private.session_activity a where a.session_id = p_session_id;
  if last_seen is null or last_seen >= now() - interval '5 minutes' then
    return false;
  end if;
  timeout := private.session_timeout_minutes_for(p_user_id);
  return timeout is not null and last_seen < now() - make_interval(mins => timeout);
end
$$;

create or replace function private.session_timeout_minutes_for(p_user_id uuid) returns integer
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  return (
    select min(t.session_timeout_minutes)
    from public.tenant_members m
    join public.tenants t on t.id = m.tenant_id
    where m.user_id = p_user_id
  );
end
$$;

create or replace function private.session_is_active() returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
declare
  sid uuid := nullif(auth.jwt() ->> 'session_id', '')::uuid;
begin
  if sid is null then
    return true; -- service role and anon requests have no session to check
  end if;
  return exists (select 1 from auth.sessions s where s.id = sid)
    and not private.session_is_idle(sid, auth.uid());
end
$$;

-- IANA names (Area/Location, or single names like UTC) that the server's tz database
-- knows. AT TIME ZONE answers in microseconds where scanning pg_timezone_names takes ~50 ms;
-- the shape check keeps out POSIX strings such as "UTC+3" that AT TIME ZONE also accepts.
create or replace function private.is_valid_timezone(name text) returns boolean
language plpgsql stable parallel safe set search_path = ''
as $$
begin
  if name is null or name !~ '^[A-Za-z][A-Za-z0-9_]*(/[A-Za-z0-9_+-]+){0,2}$' then
    return false;
  end if;
  perform now() at time zone name;
  return true;
exception when others then
  return false;
end
$$;
