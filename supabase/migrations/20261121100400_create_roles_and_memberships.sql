-- ============================================================================
-- Roles and memberships. A tenant has built-in roles (admin, editor, viewer:
-- immutable) and custom roles with capability sets; a member holds one or more
-- roles and grants stack. Per-blueprint, per-field and per-row grants attach to
-- roles.id in later migrations. Also: the RLS helpers every policy reads.
-- ============================================================================

-- Capability order is the bit order of the JWT's capability mask: append only.
create or replace function private.capability_keys() returns text[]
language sql immutable parallel safe set search_path = ''
as $$
  select array[
    'manage_members', 'manage_roles', 'manage_settings', 'view_audit', 'manage_blueprints',
    'manage_flows', 'manage_pages', 'manage_sources', 'manage_automations', 'export_data'
  ]
$$;
comment on function private.capability_keys is 'Tenant capabilities; the array index (from 0) is the bit in the JWT capability mask.';
grant execute on function private.capability_keys() to authenticated, service_role, supabase_auth_admin;

-- The capability set of each built-in role.
create or replace function private.builtin_role_capabilities(role_key text) returns text[]
language sql immutable parallel safe set search_path = ''
as $$
  select case role_key
    when 'admin' then private.capability_keys()
    when 'editor' then array['manage_blueprints', 'manage_flows', 'manage_pages', 'manage_sources', 'manage_automations', 'export_data']
    when 'viewer' then array[]::text[]
  end
$$;
grant execute on function private.builtin_role_capabilities(text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Tables
-- ----------------------------------------------------------------------------

create table public.roles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  key text not null,
  name text not null,
  description text not null default '',
  builtin boolean not null default false,
  capabilities text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  constraint roles_key_format check (key ~ '^[a-z][a-z0-9_]{1,39}$'),
  constraint roles_name_length check (length(btrim(name)) between 1 and 60),
  constraint roles_description_length check (length(description) <= 500),
  constraint roles_capabilities_known check (capabilities <@ private.capability_keys()),
  constraint roles_tenant_key_unique unique (tenant_id, key),
  constraint roles_tenant_id_id_unique unique (tenant_id, id)
);
comment on table public.roles is 'Tenant roles: built-in admin/editor/viewer (immutable) and custom roles with capabilities.';
create index roles_tenant_id_idx on public.roles (tenant_id);
create unique index roles_tenant_name_unique on public.roles (tenant_id, lower(name));
create trigger roles_set_updated_at before update on public.roles
  for each row execute function private.set_updated_at();

create table public.tenant_members (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  attributes jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  primary key (tenant_id, user_id)
);
comment on table public.tenant_members is 'Who belongs to which tenant, with member attributes (region, team, ...) used by row rules.';
create index tenant_members_user_id_idx on public.tenant_members (user_id);
create trigger tenant_members_set_updated_at before update on public.tenant_members
  for each row execute function private.set_updated_at();

create table public.member_roles (
  tenant_id uuid not null,
  user_id uuid not null,
  role_id uuid not null,
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  primary key (tenant_id, user_id, role_id),
  foreign key (tenant_id, user_id) references public.tenant_members (tenant_id, user_id) on delete cascade,
  foreign key (tenant_id, role_id) references public.roles (tenant_id, id) on delete cascade
);
comment on table public.member_roles is 'Roles held by a member; a member may hold several and their grants stack.';
create index member_roles_role_id_idx on public.member_roles (role_id);
create index member_roles_user_id_idx on public.member_roles (user_id);

-- Platform super admins (not tenant members by virtue of it).
create table private.super_admins (
  user_id uuid primary key references auth.users (id) on delete cascade,
  created_at timestamptz not null default now()
);
comment on table private.super_admins is 'Users with platform-wide administration rights.';

alter table public.roles enable row level security;
alter table public.tenant_members enable row level security;
alter table public.member_roles enable row level security;
revoke insert, update, delete, truncate, references, trigger on public.roles, public.tenant_members, public.member_roles from anon, authenticated;

-- ----------------------------------------------------------------------------
-- Built-in roles: created with the tenant, never edited or deleted on their own
-- ----------------------------------------------------------------------------

create or replace function private.create_builtin_roles() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.roles (tenant_id, key, name, description, builtin, capabilities, created_by)
  values
    (new.id, 'admin', 'Admin', 'Full control: members, roles, settings, audit and all data.', true, private.builtin_role_capabilities('admin'), new.created_by),
    (new.id, 'editor', 'Editor', 'Builds and changes blueprints, flows, pages, sources, automations and data.', true, private.builtin_role_capabilities('editor'), new.created_by),
    (new.id, 'viewer', 'Viewer', 'Reads data and pages; changes nothing.', true, private.builtin_role_capabilities('viewer'), new.created_by);
  return new;
end
$$;
create trigger tenants_create_builtin_roles after insert on public.tenants
  for each row execute function private.create_builtin_roles();

-- Built-in roles stay as shipped; they go only with their tenant.
create or replace function private.protect_builtin_roles() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and old.builtin then
    perform private.raise_error(409, 'FOCON', format('The built-in role "%s" cannot be changed.', old.name), 'role', 'builtin');
  elsif tg_op = 'DELETE' and old.builtin and exists (select 1 from public.tenants t where t.id = old.tenant_id) then
    perform private.raise_error(409, 'FOCON', format('The built-in role "%s" cannot be deleted.', old.name), 'role', 'builtin');
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
create trigger roles_protect_builtin before update or delete on public.roles
  for each row execute function private.protect_builtin_roles();

-- ----------------------------------------------------------------------------
-- RLS helpers. Security definer so policies can read membership without
-- recursing into their own RLS; stable and parallel safe so the planner calls
-- them once per statement and keeps parallel plans.
-- ----------------------------------------------------------------------------

-- Whether the current session may act at all (2FA policy; replaced by the 2FA migration).
create or replace function private.session_is_trusted() returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$ select true $$;
grant execute on function private.session_is_trusted() to authenticated, service_role;

-- The tenants the current request may act in.
create or replace function private.tenant_ids_for_user() returns setof uuid
language sql stable parallel safe security definer set search_path = ''
as $$
  select m.tenant_id
  from public.tenant_members m
  where m.user_id = (select auth.uid())
    and (select private.session_is_trusted())
$$;
comment on function private.tenant_ids_for_user is 'Tenants the current request may act in; every tenant policy reads this.';
grant execute on function private.tenant_ids_for_user() to authenticated, service_role;

create or replace function private.has_role_on_tenant(p_tenant_id uuid, p_role_key text) returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$
  select (select private.session_is_trusted()) and exists (
    select 1
    from public.member_roles mr
    join public.roles r on r.id = mr.role_id
    where mr.tenant_id = p_tenant_id
      and mr.user_id = (select auth.uid())
      and r.key = p_role_key
  )
$$;
grant execute on function private.has_role_on_tenant(uuid, text) to authenticated, service_role;

create or replace function private.capabilities_on(p_tenant_id uuid) returns text[]
language sql stable parallel safe security definer set search_path = ''
as $$
  select coalesce(array_agg(distinct c order by c), '{}')
  from public.member_roles mr
  join public.roles r on r.id = mr.role_id
  cross join lateral unnest(r.capabilities) as c
  where mr.tenant_id = p_tenant_id
    and mr.user_id = (select auth.uid())
    and (select private.session_is_trusted())
$$;
grant execute on function private.capabilities_on(uuid) to authenticated, service_role;

create or replace function private.has_capability(p_tenant_id uuid, p_capability text) returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$ select p_capability = any (private.capabilities_on(p_tenant_id)) $$;
grant execute on function private.has_capability(uuid, text) to authenticated, service_role;

create or replace function private.is_super_admin() returns boolean
language sql stable parallel safe security definer set search_path = ''
as $$ select exists (select 1 from private.super_admins s where s.user_id = (select auth.uid())) $$;
grant execute on function private.is_super_admin() to authenticated, service_role;

-- Records a denied attempt (which must survive the failed request), makes PostgREST
-- answer 403, and returns the error body for the RPC to return.
create or replace function private.deny(
  p_tenant_id uuid,
  p_action text,
  p_object_type text,
  p_object_id text,
  p_reason text
) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.record_audit_event(p_tenant_id, p_action, p_object_type, p_object_id, 'denied', null, null,
    jsonb_build_object('reason', p_reason));
  perform set_config('response.status', '403', true);
  return private.error_body('FODEN', format('Not allowed to %s: %s.', replace(p_action, '_', ' '), p_reason), null, 'permission');
end
$$;
comment on function private.deny is 'Audits a denied attempt and returns the 403 body; the RPC returns it so the audit entry commits.';
grant execute on function private.deny(uuid, text, text, text, text) to authenticated, service_role;

-- Authorization first, as every RPC: null when the caller holds the capability in the
-- tenant; a 404 when the tenant is not theirs; otherwise the audited 403 body to return.
create or replace function private.check_capability(
  p_tenant_id uuid,
  p_capability text,
  p_action text,
  p_object_type text,
  p_object_id text
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if private.has_capability(p_tenant_id, p_capability) then
    return null;
  end if;
  if p_tenant_id is null or not exists (select 1 from private.tenant_ids_for_user() as t where t = p_tenant_id) then
    perform private.raise_error(404, 'FONF0', 'No such tenant.', 'tenant_id', 'exists');
  end if;
  return private.deny(p_tenant_id, p_action, p_object_type, p_object_id, format('this needs the %s capability', p_capability));
end
$$;
revoke all on function private.check_capability(uuid, text, text, text, text) from public;

-- ----------------------------------------------------------------------------
-- Policies: reads through RLS, writes only through RPCs
-- ----------------------------------------------------------------------------

-- SELECT(tenants): members see the tenants they belong to.
create policy tenants_select_member on public.tenants
  for select to authenticated
  using (id in (select private.tenant_ids_for_user()));

-- SELECT(roles): members see their tenant's roles (to understand who may do what).
create policy roles_select_member on public.roles
  for select to authenticated
  using (tenant_id in (select private.tenant_ids_for_user()));

-- SELECT(tenant_members): members see who else belongs to their tenants.
create policy tenant_members_select_member on public.tenant_members
  for select to authenticated
  using (tenant_id in (select private.tenant_ids_for_user()));

-- SELECT(member_roles): members see who holds which role in their tenants.
create policy member_roles_select_member on public.member_roles
  for select to authenticated
  using (tenant_id in (select private.tenant_ids_for_user()));

-- SELECT(profiles): members see the profiles of people in their tenants.
create policy profiles_select_comember on public.profiles
  for select to authenticated
  using (exists (
    select 1 from public.tenant_members m
    where m.user_id = profiles.id
      and m.tenant_id in (select private.tenant_ids_for_user())
  ));

-- ----------------------------------------------------------------------------
-- Audit: every change to these tables lands in the audit log
-- ----------------------------------------------------------------------------

select private.enable_audit('public.tenants');
select private.enable_audit('public.roles');
select private.enable_audit('public.tenant_members');
select private.enable_audit('public.member_roles');
