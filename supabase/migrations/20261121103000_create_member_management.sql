-- ============================================================================
-- Member management: change a member's roles, remove a member, leave a tenant,
-- set member attributes. Plus the rules every grant obeys (here and in
-- invitations and custom roles):
--  * nobody grants or revokes a role carrying capabilities they do not hold
--    themselves, unless they are an Admin; only Admins grant or revoke Admin;
--  * the last Admin can neither leave, be removed, nor be demoted;
--  * a member cannot change their own roles, except an Admin stepping down
--    while another Admin remains.
-- Losing a role or a membership ends the user's sessions (auth.sessions rows,
-- refresh tokens with them); authorization reads live tables, so the change
-- applies on the very next request. See docs/members-and-roles.md.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Small helpers (called from the security-definer RPC bodies below)
-- ----------------------------------------------------------------------------

-- The JWT's session_id, or null when the token has none or a malformed one.
create or replace function private.request_session_id() returns uuid
language sql stable parallel safe set search_path = ''
as $$
  select case when s ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then s::uuid end
  from (select auth.jwt() ->> 'session_id' as s) as claims
$$;
grant execute on function private.request_session_id() to authenticated, service_role;

-- Whether the user belongs to the tenant (no visibility rules: callers check those first).
create or replace function private.is_member(p_tenant_id uuid, p_user_id uuid) returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$ select exists (select 1 from public.tenant_members m where m.tenant_id = p_tenant_id and m.user_id = p_user_id) $$;
revoke all on function private.is_member(uuid, uuid) from public;

-- The roles a member holds.
create or replace function private.member_role_ids(p_tenant_id uuid, p_user_id uuid) returns uuid[]
language sql stable parallel safe security definer set search_path = ''
as $$
  select coalesce(array_agg(mr.role_id order by mr.role_id), '{}')
  from public.member_roles mr
  where mr.tenant_id = p_tenant_id and mr.user_id = p_user_id
$$;
revoke all on function private.member_role_ids(uuid, uuid) from public;

-- The tenant's built-in Admin role.
create or replace function private.admin_role_id(p_tenant_id uuid) returns uuid
language sql stable parallel safe security definer set search_path = ''
as $$ select r.id from public.roles r where r.tenant_id = p_tenant_id and r.key = 'admin' and r.builtin $$;
revoke all on function private.admin_role_id(uuid) from public;

-- How many members hold Admin. Callers that may remove an Admin lock the Admin role row
-- first (private.lock_admins), so two Admins cannot demote each other at the same time.
create or replace function private.admin_count(p_tenant_id uuid) returns integer
language sql stable security definer set search_path = ''
as $$
  select count(*)::integer from public.member_roles mr
  where mr.tenant_id = p_tenant_id and mr.role_id = private.admin_role_id(p_tenant_id)
$$;
revoke all on function private.admin_count(uuid) from public;

create or replace function private.lock_admins(p_tenant_id uuid) returns void
language sql volatile security definer set search_path = ''
as $$ select null from public.roles r where r.id = private.admin_role_id(p_tenant_id) for no key update $$;
revoke all on function private.lock_admins(uuid) from public;

-- Of the given capabilities, those the caller does not hold in the tenant (none for Admins).
create or replace function private.capabilities_beyond_caller(p_tenant_id uuid, p_capabilities text[]) returns text[]
language sql stable security definer set search_path = ''
as $$
  select case when private.has_role_on_tenant(p_tenant_id, 'admin') then '{}'::text[]
    else coalesce((
      select array_agg(distinct c order by c)
      from unnest(p_capabilities) as c
      where not (c = any (private.capabilities_on(p_tenant_id)))
    ), '{}') end
$$;
revoke all on function private.capabilities_beyond_caller(uuid, text[]) from public;

-- Why the caller may not grant or revoke these roles, or null when they may:
-- only Admins touch the Admin role; others only roles within their own capabilities.
create or replace function private.role_grant_problem(p_tenant_id uuid, p_role_ids uuid[]) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  beyond text[];
begin
  if private.has_role_on_tenant(p_tenant_id, 'admin') or coalesce(cardinality(p_role_ids), 0) = 0 then
    return null;
  end if;
  if private.admin_role_id(p_tenant_id) = any (p_role_ids) then
    return 'only an Admin may grant or revoke the Admin role';
  end if;
  beyond := private.capabilities_beyond_caller(p_tenant_id, (
    select coalesce(array_agg(c), '{}') from public.roles r cross join lateral unnest(r.capabilities) as c
    where r.tenant_id = p_tenant_id and r.id = any (p_role_ids)));
  if cardinality(beyond) > 0 then
    return format('you cannot grant or revoke a role carrying capabilities you do not hold (%s)', array_to_string(beyond, ', '));
  end if;
  return null;
end
$$;
revoke all on function private.role_grant_problem(uuid, uuid[]) from public;

-- The distinct role ids of one tenant a request names, or a 422 naming the rule broken.
create or replace function private.assert_role_ids(p_tenant_id uuid, p_role_ids uuid[]) returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  ids uuid[] := (select coalesce(array_agg(distinct r order by r), '{}') from unnest(p_role_ids) as r where r is not null);
begin
  if cardinality(ids) = 0 then
    perform private.raise_error(422, 'FOVAL', 'Give at least one role.', 'role_ids', 'required');
  end if;
  if cardinality(ids) > 20 then
    perform private.raise_error(422, 'FOVAL', 'Give at most 20 roles.', 'role_ids', 'max_items');
  end if;
  if exists (select 1 from unnest(ids) as i where not exists (select 1 from public.roles r where r.id = i and r.tenant_id = p_tenant_id)) then
    perform private.raise_error(422, 'FOVAL', 'Every role must be a role of this tenant.', 'role_ids', 'exists');
  end if;
  return ids;
end
$$;
revoke all on function private.assert_role_ids(uuid, uuid[]) from public;

-- Role keys of role ids, for answers and messages.
create or replace function private.role_keys(p_role_ids uuid[]) returns text[]
language sql stable security definer set search_path = ''
as $$ select coalesce(array_agg(r.key order by r.key), '{}') from public.roles r where r.id = any (p_role_ids) $$;
revoke all on function private.role_keys(uuid[]) from public;

-- ----------------------------------------------------------------------------
-- Session revocation
-- ----------------------------------------------------------------------------

-- Ends a user's sessions after they lost a role or a membership: their refresh tokens go
-- with the auth.sessions rows, so no token minted before the change can be renewed. When
-- users act on themselves (leave, step down) the session making the request is kept, so
-- the app can refresh it and carry on with the new claims. Returns how many ended.
create or replace function private.revoke_sessions_of(p_tenant_id uuid, p_user_id uuid, p_reason text) returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  keep uuid := case when p_user_id = auth.uid() then private.request_session_id() end;
  ended integer;
begin
  delete from auth.sessions s where s.user_id = p_user_id and s.id is distinct from keep;
  get diagnostics ended = row_count;
  if ended > 0 then
    perform private.record_audit_event(p_tenant_id, 'revoke_sessions', 'user', p_user_id::text, 'success', null, null,
      jsonb_build_object('sessions', ended, 'reason', p_reason, 'kept_current_session', keep is not null));
  end if;
  return ended;
end
$$;
comment on function private.revoke_sessions_of is 'Deletes a user''s auth sessions (all, or all but the caller''s current one when acting on themself); audited.';
revoke all on function private.revoke_sessions_of(uuid, uuid, text) from public;

-- The member as RPCs answer it.
create or replace function private.member_json(p_tenant_id uuid, p_user_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'tenant_id', m.tenant_id,
    'user_id', m.user_id,
    'attributes', m.attributes,
    'role_ids', to_jsonb(private.member_role_ids(m.tenant_id, m.user_id)),
    'role_keys', to_jsonb(private.role_keys(private.member_role_ids(m.tenant_id, m.user_id))),
    'updated_at', m.updated_at
  )
  from public.tenant_members m
  where m.tenant_id = p_tenant_id and m.user_id = p_user_id
$$;
revoke all on function private.member_json(uuid, uuid) from public;

-- ----------------------------------------------------------------------------
-- set_member_roles
-- ----------------------------------------------------------------------------

-- Replaces a member's roles with p_role_ids (at least one).
create or replace function private.set_member_roles(p_tenant_id uuid, p_user_id uuid, p_role_ids uuid[]) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  denied jsonb;
  wanted uuid[];
  current_ids uuid[];
  added uuid[];
  removed uuid[];
  admin_id uuid;
  problem text;
  ended integer := 0;
begin
  denied := private.check_capability(p_tenant_id, 'manage_members', 'set_member_roles', 'member', p_user_id::text);
  if denied is not null then
    return denied;
  end if;
  wanted := private.assert_role_ids(p_tenant_id, p_role_ids);
  if p_user_id is null or not private.is_member(p_tenant_id, p_user_id) then
    perform private.raise_error(404, 'FONF0', 'No such member in this tenant.', 'user_id', 'exists');
  end if;

  admin_id := private.admin_role_id(p_tenant_id);
  perform private.lock_admins(p_tenant_id);
  current_ids := private.member_role_ids(p_tenant_id, p_user_id);
  added := array(select unnest(wanted) except select unnest(current_ids));
  removed := array(select unnest(current_ids) except select unnest(wanted));

  if p_user_id = uid and not (admin_id = any (current_ids) and admin_id = any (removed)
                              and private.has_role_on_tenant(p_tenant_id, 'admin')) then
    return private.deny(p_tenant_id, 'set_member_roles', 'member', p_user_id::text,
      'you cannot change your own roles (an Admin may only step down while another Admin remains)');
  end if;
  problem := private.role_grant_problem(p_tenant_id, added || removed);
  if problem is not null then
    return private.deny(p_tenant_id, 'set_member_roles', 'member', p_user_id::text, problem);
  end if;
  if admin_id = any (removed) and private.admin_count(p_tenant_id) <= 1 then
    perform private.raise_error(409, 'FOCON',
      'This is the last Admin of the tenant; make another member Admin first.', 'role_ids', 'last_admin');
  end if;

  delete from public.member_roles mr where mr.tenant_id = p_tenant_id and mr.user_id = p_user_id and mr.role_id = any (removed);
  insert into public.member_roles (tenant_id, user_id, role_id, created_by)
  select p_tenant_id, p_user_id, r, uid from unnest(added) as r;
  if cardinality(removed) > 0 then
    ended := private.revoke_sessions_of(p_tenant_id, p_user_id, 'roles_changed');
  end if;
  return private.member_json(p_tenant_id, p_user_id) || jsonb_build_object('sessions_revoked', ended);
end
$$;
grant execute on function private.set_member_roles(uuid, uuid, uuid[]) to authenticated;

create or replace function public.set_member_roles(p_tenant_id uuid, p_user_id uuid, p_role_ids uuid[]) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.set_member_roles(p_tenant_id, p_user_id, p_role_ids) $$;
comment on function public.set_member_roles is
  'Replaces a member''s roles (needs manage_members; escalation and the last-Admin rule apply). Losing a role ends the member''s sessions.';
grant execute on function public.set_member_roles(uuid, uuid, uuid[]) to authenticated;

-- ----------------------------------------------------------------------------
-- remove_member
-- ----------------------------------------------------------------------------

create or replace function private.remove_member(p_tenant_id uuid, p_user_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  denied jsonb;
  held uuid[];
  problem text;
  ended integer;
begin
  denied := private.check_capability(p_tenant_id, 'manage_members', 'remove_member', 'member', p_user_id::text);
  if denied is not null then
    return denied;
  end if;
  if p_user_id is null or not private.is_member(p_tenant_id, p_user_id) then
    perform private.raise_error(404, 'FONF0', 'No such member in this tenant.', 'user_id', 'exists');
  end if;
  if p_user_id = uid then
    perform private.raise_error(422, 'FOVAL', 'To leave the tenant yourself, use leave_tenant.', 'user_id', 'not_self');
  end if;

  perform private.lock_admins(p_tenant_id);
  held := private.member_role_ids(p_tenant_id, p_user_id);
  problem := private.role_grant_problem(p_tenant_id, held);
  if problem is not null then
    return private.deny(p_tenant_id, 'remove_member', 'member', p_user_id::text, problem);
  end if;
  if private.admin_role_id(p_tenant_id) = any (held) and private.admin_count(p_tenant_id) <= 1 then
    perform private.raise_error(409, 'FOCON', 'The last Admin of the tenant cannot be removed.', 'user_id', 'last_admin');
  end if;

  delete from public.tenant_members m where m.tenant_id = p_tenant_id and m.user_id = p_user_id;
  ended := private.revoke_sessions_of(p_tenant_id, p_user_id, 'removed_from_tenant');
  return jsonb_build_object('removed', true, 'tenant_id', p_tenant_id, 'user_id', p_user_id, 'sessions_revoked', ended);
end
$$;
grant execute on function private.remove_member(uuid, uuid) to authenticated;

create or replace function public.remove_member(p_tenant_id uuid, p_user_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.remove_member(p_tenant_id, p_user_id) $$;
comment on function public.remove_member is
  'Removes another member from the tenant (needs manage_members and every capability the member''s roles carry; Admins only for Admins). Ends their sessions.';
grant execute on function public.remove_member(uuid, uuid) to authenticated;

-- ----------------------------------------------------------------------------
-- leave_tenant
-- ----------------------------------------------------------------------------

create or replace function private.leave_tenant(p_tenant_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  ended integer;
begin
  if p_tenant_id is null or not exists (select 1 from private.tenant_ids_for_user() as t where t = p_tenant_id) then
    perform private.raise_error(404, 'FONF0', 'No such tenant.', 'tenant_id', 'exists');
  end if;
  perform private.lock_admins(p_tenant_id);
  if private.admin_role_id(p_tenant_id) = any (private.member_role_ids(p_tenant_id, uid)) and private.admin_count(p_tenant_id) <= 1 then
    perform private.raise_error(409, 'FOCON',
      'You are the last Admin of this tenant; make another member Admin before leaving, or delete the tenant.', 'tenant_id', 'last_admin');
  end if;

  delete from public.tenant_members m where m.tenant_id = p_tenant_id and m.user_id = uid;
  ended := private.revoke_sessions_of(p_tenant_id, uid, 'left_tenant');
  return jsonb_build_object('left', true, 'tenant_id', p_tenant_id, 'sessions_revoked', ended);
end
$$;
grant execute on function private.leave_tenant(uuid) to authenticated;

create or replace function public.leave_tenant(p_tenant_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.leave_tenant(p_tenant_id) $$;
comment on function public.leave_tenant is
  'The caller leaves the tenant (not as its last Admin). Their other sessions end; the current one stays.';
grant execute on function public.leave_tenant(uuid) to authenticated;

-- ----------------------------------------------------------------------------
-- set_member_attributes
-- ----------------------------------------------------------------------------

-- Member attributes feed row rules (e.g. region = 'north'), so they are flat and typed:
-- up to 50 keys in snake_case, each a string (<= 200 chars), number or boolean.
create or replace function private.assert_member_attributes(p_attributes jsonb) returns void
language plpgsql stable set search_path = ''
as $$
declare
  k text;
  v jsonb;
begin
  if p_attributes is null or jsonb_typeof(p_attributes) <> 'object' then
    perform private.raise_error(422, 'FOVAL', 'Member attributes must be a JSON object such as {"region": "north"}.', 'attributes', 'object');
  end if;
  if (select count(*) from jsonb_object_keys(p_attributes)) > 50 then
    perform private.raise_error(422, 'FOVAL', 'A member has at most 50 attributes.', 'attributes', 'max_keys');
  end if;
  for k, v in select e.key, e.value from jsonb_each(p_attributes) as e order by e.key loop
    if k !~ '^[a-z][a-z0-9_]{0,39}$' then
      perform private.raise_error(422, 'FOVAL',
        format('The attribute name "%s" must be 1 to 40 lowercase letters, digits or underscores, starting with a letter.', k),
        'attributes.' || k, 'key_format');
    end if;
    if jsonb_typeof(v) not in ('string', 'number', 'boolean') then
      perform private.raise_error(422, 'FOVAL',
        format('The attribute "%s" must be a string, a number or true/false (no lists, objects or nulls).', k),
        'attributes.' || k, 'value_type');
    end if;
    if jsonb_typeof(v) = 'string' and length(v #>> '{}') > 200 then
      perform private.raise_error(422, 'FOVAL', format('The attribute "%s" is longer than 200 characters.', k),
        'attributes.' || k, 'value_length');
    end if;
  end loop;
end
$$;
grant execute on function private.assert_member_attributes(jsonb) to authenticated, service_role;

-- Replaces a member's attributes. Admins only: attributes widen or narrow what row rules
-- let the member see, so they are as sensitive as roles.
create or replace function private.set_member_attributes(p_tenant_id uuid, p_user_id uuid, p_attributes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform private.require_user();
  if not private.has_role_on_tenant(p_tenant_id, 'admin') then
    if p_tenant_id is null or not exists (select 1 from private.tenant_ids_for_user() as t where t = p_tenant_id) then
      perform private.raise_error(404, 'FONF0', 'No such tenant.', 'tenant_id', 'exists');
    end if;
    return private.deny(p_tenant_id, 'set_member_attributes', 'member', p_user_id::text, 'only an Admin may set member attributes');
  end if;
  if p_user_id is null or not private.is_member(p_tenant_id, p_user_id) then
    perform private.raise_error(404, 'FONF0', 'No such member in this tenant.', 'user_id', 'exists');
  end if;
  perform private.assert_member_attributes(p_attributes);

  update public.tenant_members m set attributes = p_attributes
  where m.tenant_id = p_tenant_id and m.user_id = p_user_id;
  return private.member_json(p_tenant_id, p_user_id);
end
$$;
grant execute on function private.set_member_attributes(uuid, uuid, jsonb) to authenticated;

create or replace function public.set_member_attributes(p_tenant_id uuid, p_user_id uuid, p_attributes jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.set_member_attributes(p_tenant_id, p_user_id, p_attributes) $$;
comment on function public.set_member_attributes is
  'Replaces a member''s attributes used by row rules (Admins only): a flat object of snake_case keys to strings, numbers or booleans.';
grant execute on function public.set_member_attributes(uuid, uuid, jsonb) to authenticated;
