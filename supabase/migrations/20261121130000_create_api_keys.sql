-- ============================================================================
-- Tenant API keys (machine access). A key is a machine member of one tenant:
-- an auth.users row (email key-<key id>@api-keys.flexoffice.invalid, confirmed,
-- app_metadata.provider 'api_key', the bcrypt hash of the key's secret as its
-- password), its profile (by the existing trigger), a tenant_members row and
-- one member_roles row with the key's role. Clients sign in with the email and
-- the secret and then use the same REST API as people, as that member.
-- This file: the table, the helpers that tell machine users apart, and the
-- rules that keep a key's membership what its key says:
--  * a machine user is a member of its key's tenant only, with the key's role
--    only, and stays one until the key is revoked (set_member_roles,
--    remove_member and leave_tenant are refused for it);
--  * machine users never count as the Admin a tenant must keep;
--  * deleting a key's row (its tenant deleted) deletes its machine user;
--  * audit entries name a key's actions "API key <name>".
-- The RPCs are in the next migration; see docs/api-keys.md.
-- ============================================================================

-- Where machine users' addresses live: `.invalid` can never receive mail (RFC 2606).
create or replace function private.api_key_email_domain() returns text
language sql immutable parallel safe set search_path = ''
as $$ select 'api-keys.flexoffice.invalid' $$;
grant execute on function private.api_key_email_domain() to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Table
-- ----------------------------------------------------------------------------

create table private.api_keys (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  user_id uuid not null unique references auth.users (id) on delete cascade,
  name text not null,
  role_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  expires_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid references auth.users (id) on delete set null,
  last_used_at timestamptz,
  constraint api_keys_name_length check (length(btrim(name)) between 1 and 100 and name = btrim(name)),
  constraint api_keys_revoked_by_only_when_revoked check (revoked_at is not null or revoked_by is null),
  -- A revoked key's role may be deleted later; the key keeps its history without it.
  constraint api_keys_role_fkey foreign key (tenant_id, role_id) references public.roles (tenant_id, id) on delete set null (role_id)
);
comment on table private.api_keys is
  'Tenant API keys: each is a machine member (user_id) of its tenant with one role. The secret is stored only as the user''s bcrypt password hash.';
create index api_keys_tenant_id_idx on private.api_keys (tenant_id);
create index api_keys_role_id_idx on private.api_keys (role_id);
-- A name is unique per tenant among keys not revoked (ignoring case).
create unique index api_keys_live_name_unique on private.api_keys (tenant_id, lower(name)) where revoked_at is null;
create trigger api_keys_set_updated_at before update on private.api_keys
  for each row execute function private.set_updated_at();

alter table private.api_keys enable row level security;
revoke all on private.api_keys from public, anon, authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Helpers
-- ----------------------------------------------------------------------------

-- Whether the user is an API key's machine user (revoked and expired keys included).
create or replace function private.is_api_key_user(p_user_id uuid) returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  return exists (select 1 from private.api_keys k where k.user_id = p_user_id);
end
$$;
comment on function private.is_api_key_user is 'Whether a user is the machine user of an API key.';
grant execute on function private.is_api_key_user(uuid) to authenticated, service_role;

-- active | expired | revoked.
create or replace function private.api_key_state(p_key private.api_keys) returns text
language sql stable set search_path = ''
as $$
  select case
    when p_key.revoked_at is not null then 'revoked'
    when p_key.expires_at is not null and p_key.expires_at <= now() then 'expired'
    else 'active'
  end
$$;
revoke all on function private.api_key_state(private.api_keys) from public;

-- Why a user may not act as an API key right now: 'revoked', 'expired', or null (a live
-- key, or not a machine user at all).
create or replace function private.api_key_refusal(p_user_id uuid) returns text
language plpgsql stable parallel safe security definer set search_path = ''
as $$
declare
  k private.api_keys;
begin
  select * into k from private.api_keys a where a.user_id = p_user_id;
  if k.id is null then
    return null;
  end if;
  return nullif(private.api_key_state(k), 'active');
end
$$;
comment on function private.api_key_refusal is 'revoked | expired for the machine user of a dead API key; null for live keys and people.';
revoke all on function private.api_key_refusal(uuid) from public;

-- The key as RPCs answer it: never a secret (there is none stored).
create or replace function private.api_key_json(p_key private.api_keys) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'id', p_key.id,
    'tenant_id', p_key.tenant_id,
    'name', p_key.name,
    'user_id', p_key.user_id,
    'email', (select u.email from auth.users u where u.id = p_key.user_id),
    'role_id', p_key.role_id,
    'role', (select r.key from public.roles r where r.id = p_key.role_id),
    'state', private.api_key_state(p_key),
    'created_at', p_key.created_at,
    'created_by', p_key.created_by,
    'expires_at', p_key.expires_at,
    'revoked_at', p_key.revoked_at,
    'revoked_by', p_key.revoked_by,
    'last_used_at', p_key.last_used_at
  )
$$;
revoke all on function private.api_key_json(private.api_keys) from public;

-- ----------------------------------------------------------------------------
-- A key's membership is what its key says
-- ----------------------------------------------------------------------------

-- Machine users join only their key's tenant with the key's role, while the key is not
-- revoked, and leave only when the key is revoked (or the tenant or user is deleted).
-- So set_member_roles, remove_member and leave_tenant cannot reshape a key, and no
-- path (accepting an invitation, creating a tenant) makes it a member elsewhere.
create or replace function private.protect_api_key_memberships() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  k private.api_keys;
  v_tenant_id uuid := case when tg_op = 'DELETE' then old.tenant_id else new.tenant_id end;
  v_user_id uuid := case when tg_op = 'DELETE' then old.user_id else new.user_id end;
  v_role_id uuid;
begin
  select * into k from private.api_keys a where a.user_id = v_user_id;
  if k.id is null then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  if tg_op = 'INSERT' then
    if tg_table_name = 'member_roles' then
      v_role_id := new.role_id;
    end if;
    if k.tenant_id <> v_tenant_id or k.revoked_at is not null
       or (tg_table_name = 'member_roles' and v_role_id is distinct from k.role_id) then
      perform private.raise_error(409, 'FOCON',
        format('This member is the API key "%s": it holds its key''s role in its key''s tenant only. Create another key for other access.', k.name),
        'user_id', 'api_key');
    end if;
    return new;
  end if;
  -- DELETE: allowed once the key is revoked, and when its tenant or user goes.
  if k.revoked_at is null
     and exists (select 1 from public.tenants t where t.id = v_tenant_id)
     and exists (select 1 from auth.users u where u.id = v_user_id) then
    perform private.raise_error(409, 'FOCON',
      format('This member is the API key "%s": revoke the key (revoke_api_key) instead of changing or removing its membership.', k.name),
      'user_id', 'api_key');
  end if;
  return old;
end
$$;
comment on function private.protect_api_key_memberships is
  'Keeps a machine user a member of its key''s tenant only, with the key''s role only, until the key is revoked.';

create trigger tenant_members_protect_api_keys before insert or delete on public.tenant_members
  for each row execute function private.protect_api_key_memberships();
create trigger member_roles_protect_api_keys before insert or delete on public.member_roles
  for each row execute function private.protect_api_key_memberships();

-- A key row goes with its tenant (cascade); its machine user must go too, or it would be
-- left as an ordinary account whose password is the key.
create or replace function private.delete_api_key_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  delete from auth.users u where u.id = old.user_id;
  return null;
end
$$;
comment on function private.delete_api_key_user is 'Deletes the machine user of a deleted API key row.';

create trigger api_keys_delete_user after delete on private.api_keys
  for each row execute function private.delete_api_key_user();

-- ----------------------------------------------------------------------------
-- A tenant always has a person as Admin: machine users are not counted
-- ----------------------------------------------------------------------------

-- How many members hold Admin, API keys not counted: a key cannot keep a tenant
-- administered, so the last person holding Admin can neither leave, be removed nor be
-- demoted while only keys hold it. Callers lock the Admin role row first (lock_admins).
create or replace function private.admin_count(p_tenant_id uuid) returns integer
language sql stable security definer set search_path = ''
as $$
  select count(*)::integer from public.member_roles mr
  where mr.tenant_id = p_tenant_id and mr.role_id = private.admin_role_id(p_tenant_id)
    and not exists (select 1 from private.api_keys k where k.user_id = mr.user_id)
$$;
revoke all on function private.admin_count(uuid) from public;

-- ----------------------------------------------------------------------------
-- Audit: a key's actions read "API key <name>"
-- ----------------------------------------------------------------------------

-- Email and display name of an audit actor at the time of the event (profile first,
-- auth.users as fallback); the machine user of an API key is named after its key, whatever
-- its profile says.
create or replace function private.audit_actor_identity(p_user_id uuid, out email text, out name text)
language sql stable parallel safe security definer set search_path = ''
as $$
  select coalesce(p.email, u.email::text),
         coalesce('API key ' || k.name, nullif(coalesce(p.full_name, u.raw_user_meta_data ->> 'full_name'), ''))
  from auth.users u
  left join public.profiles p on p.id = u.id
  left join private.api_keys k on k.user_id = u.id
  where u.id = p_user_id
$$;
comment on function private.audit_actor_identity is
  'Email and display name of an audit actor at the time of the event (profile first, auth.users as fallback; "API key <name>" for keys).';
