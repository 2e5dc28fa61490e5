-- ============================================================================
-- Admin RPCs: a ready super admin (private.authorize_super_admin) lists,
-- views, updates and deletes every user, tenant and tenant object. Each call is
-- audited: user actions in the platform chain, tenant actions in the tenant's
-- own chain (so its Admins see what platform staff did); denied calls are
-- audited by private.deny. Tenant objects are rows of public tables with a
-- tenant_id and a primary key; table names are matched against the catalog
-- and only catalog names reach dynamic SQL. See docs/super-admin.md.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Input helpers
-- ----------------------------------------------------------------------------

create or replace function private.assert_page(p_limit integer, p_offset integer) returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if p_limit is null or p_limit not between 1 and 200 then
    perform private.raise_error(422, 'FOVAL', 'The page size (limit) must be from 1 to 200.', 'limit', 'range');
  end if;
  if p_offset is null or p_offset < 0 then
    perform private.raise_error(422, 'FOVAL', 'The offset must be 0 or more.', 'offset', 'range');
  end if;
end
$$;
grant execute on function private.assert_page(integer, integer) to authenticated, service_role;

-- An ILIKE pattern matching the text anywhere, with %, _ and \ taken literally; null for no search.
create or replace function private.contains_pattern(p_search text) returns text
language sql immutable parallel safe set search_path = ''
as $$
  select case when nullif(btrim(p_search), '') is null then null
    else '%' || replace(replace(replace(btrim(p_search), '\', '\\'), '%', '\%'), '_', '\_') || '%' end
$$;
grant execute on function private.contains_pattern(text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Users
-- ----------------------------------------------------------------------------

-- A user as admin lists show it (never secrets: no hashes, tokens or 2FA secrets).
create or replace function private.admin_user_summary(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'id', u.id,
    'email', u.email,
    'full_name', coalesce(p.full_name, ''),
    'email_verified', u.email_confirmed_at is not null,
    'banned', coalesce(u.banned_until > now(), false),
    'banned_until', u.banned_until,
    'created_at', u.created_at,
    'last_sign_in_at', u.last_sign_in_at,
    'super_admin', exists (select 1 from private.super_admins s where s.user_id = u.id),
    'mfa', private.mfa_requirement_for(u.id, null) ->> 'factor',
    'tenant_count', (select count(*) from public.tenant_members m where m.user_id = u.id)
  )
  from auth.users u
  left join public.profiles p on p.id = u.id
  where u.id = p_user_id
$$;
revoke all on function private.admin_user_summary(uuid) from public;

-- The summary plus memberships, sign-in methods, sessions and 2FA state.
create or replace function private.admin_user_detail(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select private.admin_user_summary(p_user_id) || jsonb_build_object(
    'registered_at', (select p.registered_at from public.profiles p where p.id = p_user_id),
    'providers', (select coalesce(jsonb_agg(distinct i.provider), '[]'::jsonb) from auth.identities i where i.user_id = p_user_id),
    'session_count', (select count(*) from auth.sessions s where s.user_id = p_user_id),
    'mfa_policy', private.mfa_requirement_for(p_user_id, null) - 'session_verified',
    'super_admin_remaining', to_jsonb(array_remove(private.super_admin_setup_remaining(p_user_id, null), 'verify_2fa_session')),
    'memberships', (
      select coalesce(jsonb_agg(jsonb_build_object(
        'tenant_id', t.id, 'name', t.name, 'slug', t.slug, 'joined_at', m.created_at,
        'role_keys', (select coalesce(jsonb_agg(r.key order by r.key), '[]'::jsonb)
                      from public.member_roles mr join public.roles r on r.id = mr.role_id
                      where mr.tenant_id = m.tenant_id and mr.user_id = m.user_id)
      ) order by t.name, t.id), '[]'::jsonb)
      from public.tenant_members m join public.tenants t on t.id = m.tenant_id
      where m.user_id = p_user_id
    )
  )
$$;
revoke all on function private.admin_user_detail(uuid) from public;

-- The user to act on, or a 404 (the deleted-user marker is not a user anyone manages).
create or replace function private.admin_assert_user(p_user_id uuid) returns void
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_user_id is null or p_user_id = private.deleted_user_id() or not exists (select 1 from auth.users u where u.id = p_user_id) then
    perform private.raise_error(404, 'FONF0', 'No such user.', 'user_id', 'exists');
  end if;
end
$$;
revoke all on function private.admin_assert_user(uuid) from public;

-- admin_list_users: search by email or name, newest first, paginated.
create or replace function private.admin_list_users(p_search text, p_limit integer, p_offset integer) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb;
  pattern text := private.contains_pattern(p_search);
  total bigint;
  items jsonb;
begin
  denied := private.authorize_super_admin('admin_list_users', 'user', null);
  if denied is not null then
    return denied;
  end if;
  perform private.assert_page(p_limit, p_offset);

  select count(*) into total
  from auth.users u left join public.profiles p on p.id = u.id
  where u.id <> private.deleted_user_id()
    and (pattern is null or u.email ilike pattern or p.full_name ilike pattern);
  select coalesce(jsonb_agg(private.admin_user_summary(x.id) order by x.n), '[]'::jsonb) into items
  from (
    select u.id, row_number() over (order by u.created_at desc, u.id) as n
    from auth.users u left join public.profiles p on p.id = u.id
    where u.id <> private.deleted_user_id()
      and (pattern is null or u.email ilike pattern or p.full_name ilike pattern)
    order by u.created_at desc, u.id
    limit p_limit offset p_offset
  ) x;

  perform private.record_audit_event(null, 'admin_list_users', 'user', null, 'success', null, null,
    jsonb_build_object('searched', p_search is not null and btrim(p_search) <> '', 'limit', p_limit, 'offset', p_offset, 'total', total));
  return jsonb_build_object('items', items, 'total', total, 'limit', p_limit, 'offset', p_offset);
end
$$;
grant execute on function private.admin_list_users(text, integer, integer) to authenticated;

create or replace function public.admin_list_users(p_search text default null, p_limit integer default 50, p_offset integer default 0)
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_list_users(p_search, p_limit, p_offset) $$;
comment on function public.admin_list_users is 'Super admin: users matching a search (email or name), newest first: {items, total, limit, offset}.';
grant execute on function public.admin_list_users(text, integer, integer) to authenticated;

-- admin_get_user
create or replace function private.admin_get_user(p_user_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb := private.authorize_super_admin('admin_get_user', 'user', p_user_id::text);
begin
  if denied is not null then
    return denied;
  end if;
  perform private.admin_assert_user(p_user_id);
  perform private.record_audit_event(null, 'admin_get_user', 'user', p_user_id::text);
  return private.admin_user_detail(p_user_id);
end
$$;
grant execute on function private.admin_get_user(uuid) to authenticated;

create or replace function public.admin_get_user(p_user_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_get_user(p_user_id) $$;
comment on function public.admin_get_user is 'Super admin: one user with memberships, roles, sign-in methods, sessions and 2FA state.';
grant execute on function public.admin_get_user(uuid) to authenticated;

-- admin_update_user: p_changes holds any of full_name (text), banned (boolean: banned
-- forever and signed out everywhere, or unbanned), email_verified (boolean).
create or replace function private.admin_update_user(p_user_id uuid, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb := private.authorize_super_admin('admin_update_user', 'user', p_user_id::text);
  field text;
  before jsonb;
  after jsonb;
  ended integer := 0;
begin
  if denied is not null then
    return denied;
  end if;
  perform private.admin_assert_user(p_user_id);
  if p_changes is null or jsonb_typeof(p_changes) <> 'object' or p_changes = '{}'::jsonb then
    perform private.raise_error(422, 'FOVAL', 'Send at least one change (full_name, banned, email_verified) as an object.', 'changes', 'object');
  end if;
  for field in select jsonb_object_keys(p_changes) loop
    case field
      when 'full_name' then
        if jsonb_typeof(p_changes -> field) <> 'string' or length(btrim(p_changes ->> field)) > 200 then
          perform private.raise_error(422, 'FOVAL', 'The name must be text of at most 200 characters.', 'full_name', 'length');
        end if;
      when 'banned', 'email_verified' then
        if jsonb_typeof(p_changes -> field) <> 'boolean' then
          perform private.raise_error(422, 'FOVAL', format('%s must be true or false.', field), field, 'boolean');
        end if;
      else
        perform private.raise_error(422, 'FOVAL',
          format('"%s" cannot be changed here; send full_name, banned or email_verified.', field), field, 'unknown_field');
    end case;
  end loop;
  if (p_changes ? 'banned' or p_changes ? 'email_verified')
     and exists (select 1 from private.super_admins s where s.user_id = p_user_id) then
    perform private.raise_error(409, 'FOCON', 'A super admin cannot be banned or unverified; super admins are configured at bootstrap.',
      'user_id', 'super_admin');
  end if;

  -- The audit entry records flags only; a name is personal data the log could never erase.
  select jsonb_build_object('banned', coalesce(u.banned_until > now(), false), 'email_verified', u.email_confirmed_at is not null)
  into before from auth.users u where u.id = p_user_id;

  if p_changes ? 'full_name' then
    update public.profiles p set full_name = btrim(p_changes ->> 'full_name') where p.id = p_user_id;
  end if;
  if p_changes ? 'banned' then
    update auth.users u set banned_until = case when (p_changes ->> 'banned')::boolean then 'infinity'::timestamptz end,
                            updated_at = now()
    where u.id = p_user_id;
    if (p_changes ->> 'banned')::boolean then
      delete from auth.sessions s where s.user_id = p_user_id;
      get diagnostics ended = row_count;
    end if;
  end if;
  if p_changes ? 'email_verified' then
    update auth.users u set email_confirmed_at = case when (p_changes ->> 'email_verified')::boolean
                                                     then coalesce(u.email_confirmed_at, now()) end,
                            updated_at = now()
    where u.id = p_user_id;
  end if;

  select jsonb_build_object('banned', coalesce(u.banned_until > now(), false), 'email_verified', u.email_confirmed_at is not null)
  into after from auth.users u where u.id = p_user_id;
  perform private.record_audit_event(null, 'admin_update_user', 'user', p_user_id::text, 'success', before, after,
    jsonb_build_object('changed', (select jsonb_agg(k order by k) from jsonb_object_keys(p_changes) as k), 'sessions_ended', ended));
  return private.admin_user_detail(p_user_id) || jsonb_build_object('sessions_ended', ended);
end
$$;
grant execute on function private.admin_update_user(uuid, jsonb) to authenticated;

create or replace function public.admin_update_user(p_user_id uuid, p_changes jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_update_user(p_user_id, p_changes) $$;
comment on function public.admin_update_user is
  'Super admin: change a user''s name, ban (forever, ending every session) or unban, and mark the email verified or not.';
grant execute on function public.admin_update_user(uuid, jsonb) to authenticated;

-- admin_delete_user: the self-service deletion without the password (same rules).
create or replace function private.admin_delete_user(p_user_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb := private.authorize_super_admin('admin_delete_user', 'user', p_user_id::text);
begin
  if denied is not null then
    return denied;
  end if;
  perform private.admin_assert_user(p_user_id);
  perform private.record_audit_event(null, 'admin_delete_user', 'user', p_user_id::text);
  return private.delete_user_account(p_user_id, 'admin');
end
$$;
grant execute on function private.admin_delete_user(uuid) to authenticated;

create or replace function public.admin_delete_user(p_user_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_delete_user(p_user_id) $$;
comment on function public.admin_delete_user is
  'Super admin: delete an account as its owner could (sole tenants go, authorship moves to the deleted-user marker); not for super admins or last Admins.';
grant execute on function public.admin_delete_user(uuid) to authenticated;

-- ----------------------------------------------------------------------------
-- Tenants
-- ----------------------------------------------------------------------------

create or replace function private.admin_tenant_summary(p_tenant_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'id', t.id, 'name', t.name, 'slug', t.slug, 'created_at', t.created_at, 'created_by', t.created_by,
    'member_count', (select count(*) from public.tenant_members m where m.tenant_id = t.id),
    'admin_count', (select count(*) from public.member_roles mr join public.roles r on r.id = mr.role_id
                    where mr.tenant_id = t.id and r.key = 'admin' and r.builtin)
  )
  from public.tenants t
  where t.id = p_tenant_id
$$;
revoke all on function private.admin_tenant_summary(uuid) from public;

create or replace function private.admin_assert_tenant(p_tenant_id uuid) returns void
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_tenant_id is null or not exists (select 1 from public.tenants t where t.id = p_tenant_id) then
    perform private.raise_error(404, 'FONF0', 'No such tenant.', 'tenant_id', 'exists');
  end if;
end
$$;
revoke all on function private.admin_assert_tenant(uuid) from public;

-- Public tables a tenant owns rows of (tenant_id column and a primary key), with the
-- primary key columns other than tenant_id and their types: the only names dynamic SQL sees.
create or replace function private.admin_tenant_tables()
returns table (table_name text, key_columns text[], key_types text[])
language sql stable security definer set search_path = ''
as $$
  select c.relname::text,
    array_agg(a.attname::text order by k.n) filter (where a.attname <> 'tenant_id'),
    array_agg(pg_catalog.format_type(a.atttypid, a.atttypmod) order by k.n) filter (where a.attname <> 'tenant_id')
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
  join pg_catalog.pg_index i on i.indrelid = c.oid and i.indisprimary
  cross join lateral unnest(i.indkey) with ordinality as k(attnum, n)
  join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
  where ns.nspname = 'public'
    and c.relkind in ('r', 'p')
    and not c.relispartition
    and exists (select 1 from pg_catalog.pg_attribute t
                where t.attrelid = c.oid and t.attname = 'tenant_id' and t.attnum > 0 and not t.attisdropped)
  group by c.relname
  order by 1
$$;
revoke all on function private.admin_tenant_tables() from public;

-- The catalog entry of a tenant table named by the caller, or a 422 listing the valid names.
create or replace function private.admin_tenant_table(p_table text, out table_name text, out key_columns text[], out key_types text[])
language plpgsql stable security definer set search_path = ''
as $$
begin
  select t.table_name, t.key_columns, t.key_types into table_name, key_columns, key_types
  from private.admin_tenant_tables() t
  where t.table_name = p_table;
  if table_name is null then
    perform private.raise_error(422, 'FOVAL',
      format('"%s" is not a tenant table; use one of: %s.', coalesce(p_table, ''),
        (select string_agg(t.table_name, ', ' order by t.table_name) from private.admin_tenant_tables() t)),
      'table', 'tenant_table');
  end if;
end
$$;
revoke all on function private.admin_tenant_table(text) from public;

-- admin_list_tenants: search by name or slug, newest first, paginated.
create or replace function private.admin_list_tenants(p_search text, p_limit integer, p_offset integer) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb;
  pattern text := private.contains_pattern(p_search);
  total bigint;
  items jsonb;
begin
  denied := private.authorize_super_admin('admin_list_tenants', 'tenant', null);
  if denied is not null then
    return denied;
  end if;
  perform private.assert_page(p_limit, p_offset);

  select count(*) into total from public.tenants t
  where pattern is null or t.name ilike pattern or t.slug ilike pattern;
  select coalesce(jsonb_agg(private.admin_tenant_summary(x.id) order by x.n), '[]'::jsonb) into items
  from (
    select t.id, row_number() over (order by t.created_at desc, t.id) as n
    from public.tenants t
    where pattern is null or t.name ilike pattern or t.slug ilike pattern
    order by t.created_at desc, t.id
    limit p_limit offset p_offset
  ) x;

  perform private.record_audit_event(null, 'admin_list_tenants', 'tenant', null, 'success', null, null,
    jsonb_build_object('searched', p_search is not null and btrim(p_search) <> '', 'limit', p_limit, 'offset', p_offset, 'total', total));
  return jsonb_build_object('items', items, 'total', total, 'limit', p_limit, 'offset', p_offset);
end
$$;
grant execute on function private.admin_list_tenants(text, integer, integer) to authenticated;

create or replace function public.admin_list_tenants(p_search text default null, p_limit integer default 50, p_offset integer default 0)
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_list_tenants(p_search, p_limit, p_offset) $$;
comment on function public.admin_list_tenants is 'Super admin: tenants matching a search (name or slug), newest first: {items, total, limit, offset}.';
grant execute on function public.admin_list_tenants(text, integer, integer) to authenticated;

-- admin_get_tenant: settings, members with roles, roles, and row counts per tenant table.
create or replace function private.admin_get_tenant(p_tenant_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb := private.authorize_super_admin('admin_get_tenant', 'tenant', p_tenant_id::text);
  tbl record;
  n bigint;
  objects jsonb := '{}'::jsonb;
begin
  if denied is not null then
    return denied;
  end if;
  perform private.admin_assert_tenant(p_tenant_id);
  for tbl in select * from private.admin_tenant_tables() loop
    execute format('select count(*) from public.%I where tenant_id = $1', tbl.table_name) into n using p_tenant_id;
    objects := objects || jsonb_build_object(tbl.table_name, n);
  end loop;
  perform private.record_audit_event(p_tenant_id, 'admin_get_tenant', 'tenant', p_tenant_id::text);
  return (select to_jsonb(t) from public.tenants t where t.id = p_tenant_id) || jsonb_build_object(
    'members', (
      select coalesce(jsonb_agg(jsonb_build_object(
        'user_id', m.user_id, 'email', u.email, 'full_name', coalesce(p.full_name, ''), 'joined_at', m.created_at,
        'attributes', m.attributes,
        'role_keys', (select coalesce(jsonb_agg(r.key order by r.key), '[]'::jsonb)
                      from public.member_roles mr join public.roles r on r.id = mr.role_id
                      where mr.tenant_id = m.tenant_id and mr.user_id = m.user_id)
      ) order by u.email, m.user_id), '[]'::jsonb)
      from public.tenant_members m
      join auth.users u on u.id = m.user_id
      left join public.profiles p on p.id = m.user_id
      where m.tenant_id = p_tenant_id
    ),
    'roles', (
      select coalesce(jsonb_agg(jsonb_build_object(
        'id', r.id, 'key', r.key, 'name', r.name, 'builtin', r.builtin, 'capabilities', to_jsonb(r.capabilities),
        'member_count', (select count(*) from public.member_roles mr where mr.role_id = r.id)
      ) order by r.builtin desc, r.key), '[]'::jsonb)
      from public.roles r where r.tenant_id = p_tenant_id
    ),
    'objects', objects
  );
end
$$;
grant execute on function private.admin_get_tenant(uuid) to authenticated;

create or replace function public.admin_get_tenant(p_tenant_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_get_tenant(p_tenant_id) $$;
comment on function public.admin_get_tenant is 'Super admin: a tenant''s settings, members with roles, roles, and row counts per tenant table (objects).';
grant execute on function public.admin_get_tenant(uuid) to authenticated;

-- admin_update_tenant: the fields and rules of update_tenant, for any tenant.
create or replace function private.admin_update_tenant(p_tenant_id uuid, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb := private.authorize_super_admin('admin_update_tenant', 'tenant', p_tenant_id::text);
  tenant public.tenants;
begin
  if denied is not null then
    return denied;
  end if;
  perform private.admin_assert_tenant(p_tenant_id);
  tenant := private.apply_tenant_changes(p_tenant_id, p_changes);
  -- The row trigger records the diff; this entry says who did it and through which door.
  perform private.record_audit_event(p_tenant_id, 'admin_update_tenant', 'tenant', p_tenant_id::text, 'success', null, null,
    jsonb_build_object('changed', (select jsonb_agg(k order by k) from jsonb_object_keys(p_changes) as k)));
  return to_jsonb(tenant);
end
$$;
grant execute on function private.admin_update_tenant(uuid, jsonb) to authenticated;

create or replace function public.admin_update_tenant(p_tenant_id uuid, p_changes jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_update_tenant(p_tenant_id, p_changes) $$;
comment on function public.admin_update_tenant is 'Super admin: change any tenant''s settings (same fields and validation as update_tenant).';
grant execute on function public.admin_update_tenant(uuid, jsonb) to authenticated;

-- admin_delete_tenant: confirmed by typing the slug, like delete_tenant.
create or replace function private.admin_delete_tenant(p_tenant_id uuid, p_confirm_slug text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb := private.authorize_super_admin('admin_delete_tenant', 'tenant', p_tenant_id::text);
  tenant public.tenants;
  purged jsonb;
begin
  if denied is not null then
    return denied;
  end if;
  perform private.admin_assert_tenant(p_tenant_id);
  select * into tenant from public.tenants t where t.id = p_tenant_id;
  if p_confirm_slug is distinct from tenant.slug then
    perform private.raise_error(422, 'FOVAL', format('Type the slug "%s" to confirm the deletion.', tenant.slug), 'confirm_slug', 'matches');
  end if;
  perform private.record_audit_event(p_tenant_id, 'admin_delete_tenant', 'tenant', p_tenant_id::text);
  purged := private.purge_tenants(array[p_tenant_id], 'deleted by a super admin');
  return jsonb_build_object('deleted', true, 'tenant_id', p_tenant_id, 'leftover_rows', purged -> 'leftover_rows');
end
$$;
grant execute on function private.admin_delete_tenant(uuid, text) to authenticated;

create or replace function public.admin_delete_tenant(p_tenant_id uuid, p_confirm_slug text) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_delete_tenant(p_tenant_id, p_confirm_slug) $$;
comment on function public.admin_delete_tenant is 'Super admin: delete any tenant with everything it owns (confirmed by its slug).';
grant execute on function public.admin_delete_tenant(uuid, text) to authenticated;

-- ----------------------------------------------------------------------------
-- Tenant objects (rows of public tenant tables)
-- ----------------------------------------------------------------------------

-- admin_list_tenant_objects: one table's rows of a tenant, by primary key, secrets redacted.
create or replace function private.admin_list_tenant_objects(p_tenant_id uuid, p_table text, p_limit integer, p_offset integer)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb := private.authorize_super_admin('admin_list_tenant_objects', 'tenant', p_tenant_id::text);
  tbl record;
  order_by text;
  total bigint;
  items jsonb;
begin
  if denied is not null then
    return denied;
  end if;
  perform private.admin_assert_tenant(p_tenant_id);
  select * into tbl from private.admin_tenant_table(p_table);
  perform private.assert_page(p_limit, p_offset);

  order_by := coalesce((select string_agg(format('t.%I', c), ', ') from unnest(tbl.key_columns) as c), 't.tenant_id');
  execute format('select count(*) from public.%I where tenant_id = $1', tbl.table_name) into total using p_tenant_id;
  execute format(
    'select coalesce(jsonb_agg(private.audit_redact(x.row) order by x.n), ''[]''::jsonb)
     from (select to_jsonb(t) as row, row_number() over (order by %1$s) as n
           from public.%2$I t where t.tenant_id = $1 order by %1$s limit $2 offset $3) x',
    order_by, tbl.table_name)
    into items using p_tenant_id, p_limit, p_offset;

  perform private.record_audit_event(p_tenant_id, 'admin_list_tenant_objects', tbl.table_name, null, 'success', null, null,
    jsonb_build_object('limit', p_limit, 'offset', p_offset, 'total', total));
  return jsonb_build_object('table', tbl.table_name, 'key', to_jsonb(coalesce(tbl.key_columns, '{}')),
    'items', items, 'total', total, 'limit', p_limit, 'offset', p_offset);
end
$$;
grant execute on function private.admin_list_tenant_objects(uuid, text, integer, integer) to authenticated;

create or replace function public.admin_list_tenant_objects(p_tenant_id uuid, p_table text, p_limit integer default 50, p_offset integer default 0)
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_list_tenant_objects(p_tenant_id, p_table, p_limit, p_offset) $$;
comment on function public.admin_list_tenant_objects is
  'Super admin: rows of one tenant table (a public table with tenant_id) for a tenant, by primary key, secrets redacted: {table, key, items, total}.';
grant execute on function public.admin_list_tenant_objects(uuid, text, integer, integer) to authenticated;

-- admin_delete_tenant_object: one row, named by its primary key columns other than tenant_id
-- (e.g. {"id": "..."} or, for tenant_members, {"user_id": "..."}). The table's own rules
-- (triggers, foreign keys) still apply. Removing a membership or a role grant ends the
-- user's sessions, as member management does.
create or replace function private.admin_delete_tenant_object(p_tenant_id uuid, p_table text, p_key jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb := private.authorize_super_admin('admin_delete_tenant_object', 'tenant', p_tenant_id::text);
  tbl record;
  conditions text;
  deleted jsonb;
  object_id text;
  ended integer := 0;
begin
  if denied is not null then
    return denied;
  end if;
  perform private.admin_assert_tenant(p_tenant_id);
  select * into tbl from private.admin_tenant_table(p_table);
  if coalesce(cardinality(tbl.key_columns), 0) = 0 then
    perform private.raise_error(422, 'FOVAL', format('Rows of "%s" have no key besides the tenant; they cannot be deleted one by one.', tbl.table_name),
      'table', 'has_key');
  end if;
  if p_key is null or jsonb_typeof(p_key) <> 'object'
     or (select array_agg(k order by k) from jsonb_object_keys(p_key) as k) is distinct from (select array_agg(c order by c) from unnest(tbl.key_columns) as c)
     or exists (select 1 from jsonb_each(p_key) e where jsonb_typeof(e.value) not in ('string', 'number')) then
    perform private.raise_error(422, 'FOVAL',
      format('Name the row by its key: an object with exactly %s.', (select string_agg(c, ', ') from unnest(tbl.key_columns) as c)),
      'key', 'primary_key');
  end if;

  select string_agg(format('t.%I = ($2 ->> %L)::%s', c, c, tbl.key_types[n]), ' and ' order by n) into conditions
  from unnest(tbl.key_columns) with ordinality as k(c, n);
  begin
    execute format('delete from public.%I t where t.tenant_id = $1 and %s returning to_jsonb(t)', tbl.table_name, conditions)
      into deleted using p_tenant_id, p_key;
  exception when data_exception then
    perform private.raise_error(422, 'FOVAL', format('The key does not fit the columns of "%s" (%s).', tbl.table_name,
      (select string_agg(format('%s %s', c, tbl.key_types[n]), ', ' order by n) from unnest(tbl.key_columns) with ordinality as k(c, n))),
      'key', 'type');
  end;
  if deleted is null then
    perform private.raise_error(404, 'FONF0', format('No such row in "%s" for this tenant.', tbl.table_name), 'key', 'exists');
  end if;

  if tbl.table_name in ('tenant_members', 'member_roles') then
    delete from auth.sessions s where s.user_id = (deleted ->> 'user_id')::uuid;
    get diagnostics ended = row_count;
  end if;
  select string_agg(p_key ->> c, '/' order by n) into object_id from unnest(tbl.key_columns) with ordinality as k(c, n);
  perform private.record_audit_event(p_tenant_id, 'admin_delete_tenant_object', tbl.table_name, object_id, 'success', deleted, null,
    jsonb_build_object('sessions_ended', ended));
  return jsonb_build_object('deleted', true, 'table', tbl.table_name, 'key', p_key, 'sessions_ended', ended);
end
$$;
grant execute on function private.admin_delete_tenant_object(uuid, text, jsonb) to authenticated;

create or replace function public.admin_delete_tenant_object(p_tenant_id uuid, p_table text, p_key jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.admin_delete_tenant_object(p_tenant_id, p_table, p_key) $$;
comment on function public.admin_delete_tenant_object is
  'Super admin: delete one row of a tenant table, named by its primary key columns other than tenant_id.';
grant execute on function public.admin_delete_tenant_object(uuid, text, jsonb) to authenticated;
