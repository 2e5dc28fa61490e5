-- ============================================================================
-- API key RPCs: create (the secret is returned once), list (no secrets), revoke.
-- Managing keys needs manage_members, like managing people, and obeys the same
-- escalation rule: nobody hands a key (or takes one away from) a role carrying
-- capabilities they lack, and only Admins touch keys holding Admin. Keys are
-- managed by people: a key cannot create or revoke keys, so a leaked key cannot
-- mint itself a successor that outlives its revocation. See docs/api-keys.md.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- create_api_key
-- ----------------------------------------------------------------------------

-- Creates the key's machine user, membership and role; returns the key with its secret
-- ("fo_" + 256 random bits, base64url), which is stored only as a bcrypt hash.
create or replace function private.create_api_key(p_tenant_id uuid, p_name text, p_role_id uuid, p_expires_at timestamptz)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  v_name text := btrim(coalesce(p_name, ''));
  v_key_id uuid := gen_random_uuid();
  v_user_id uuid := gen_random_uuid();
  v_email text;
  v_secret text;
  denied jsonb;
  problem text;
  k private.api_keys;
begin
  denied := private.check_capability(p_tenant_id, 'manage_members', 'create_api_key', 'api_key', null);
  if denied is not null then
    return denied;
  end if;
  if private.is_api_key_user(uid) then
    return private.deny(p_tenant_id, 'create_api_key', 'api_key', null, 'an API key cannot create API keys; a person must');
  end if;
  if length(v_name) not between 1 and 100 then
    perform private.raise_error(422, 'FOVAL', 'The key name must be 1 to 100 characters long.', 'name', 'length');
  end if;
  if p_role_id is null or not exists (select 1 from public.roles r where r.id = p_role_id and r.tenant_id = p_tenant_id) then
    perform private.raise_error(422, 'FOVAL', 'The role must be a role of this tenant.', 'role_id', 'exists');
  end if;
  if p_expires_at is not null and p_expires_at <= now() then
    perform private.raise_error(422, 'FOVAL', 'The expiry must be in the future (or empty for a key that does not expire).',
      'expires_at', 'future');
  end if;
  problem := private.role_grant_problem(p_tenant_id, array[p_role_id]);
  if problem is not null then
    return private.deny(p_tenant_id, 'create_api_key', 'api_key', v_name, problem);
  end if;
  if exists (select 1 from private.api_keys a where a.tenant_id = p_tenant_id and lower(a.name) = lower(v_name) and a.revoked_at is null) then
    perform private.raise_error(409, 'FOCON', format('This tenant already has a key named "%s"; choose another name or revoke that key.', v_name),
      'name', 'unique');
  end if;

  v_email := format('key-%s@%s', v_key_id, private.api_key_email_domain());
  v_secret := 'fo_' || translate(rtrim(encode(extensions.gen_random_bytes(32), 'base64'), '='), '+/', '-_');
  -- Written the way GoTrue writes a confirmed email/password user, so its password sign-in works.
  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
    confirmation_token, recovery_token, email_change_token_new, email_change, email_change_token_current,
    phone_change, phone_change_token, reauthentication_token
  ) values (
    '00000000-0000-0000-0000-000000000000', v_user_id, 'authenticated', 'authenticated',
    v_email, extensions.crypt(v_secret, extensions.gen_salt('bf', 10)), now(),
    jsonb_build_object('provider', 'api_key', 'providers', jsonb_build_array('api_key'), 'api_key_id', v_key_id, 'tenant_id', p_tenant_id),
    jsonb_build_object('full_name', 'API key ' || v_name), now(), now(),
    '', '', '', '', '', '', '', ''
  );
  begin
    insert into private.api_keys (id, tenant_id, user_id, name, role_id, created_by, expires_at)
    values (v_key_id, p_tenant_id, v_user_id, v_name, p_role_id, uid, p_expires_at)
    returning * into k;
  exception when unique_violation then
    perform private.raise_error(409, 'FOCON', format('This tenant already has a key named "%s"; choose another name or revoke that key.', v_name),
      'name', 'unique');
  end;
  insert into public.tenant_members (tenant_id, user_id, created_by) values (p_tenant_id, v_user_id, uid);
  insert into public.member_roles (tenant_id, user_id, role_id, created_by) values (p_tenant_id, v_user_id, p_role_id, uid);

  perform private.record_audit_event(p_tenant_id, 'create_api_key', 'api_key', k.id::text, 'success', null, private.api_key_json(k));
  return private.api_key_json(k) || jsonb_build_object('key', v_secret);
end
$$;
grant execute on function private.create_api_key(uuid, text, uuid, timestamptz) to authenticated;

create or replace function public.create_api_key(p_tenant_id uuid, p_name text, p_role_id uuid, p_expires_at timestamptz default null)
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.create_api_key(p_tenant_id, p_name, p_role_id, p_expires_at) $$;
comment on function public.create_api_key is
  'Creates a named API key acting as one role of the tenant (needs manage_members; no role beyond the caller''s capabilities unless Admin). The answer carries the key once: {id, name, role, expires_at, email, key}.';
grant execute on function public.create_api_key(uuid, text, uuid, timestamptz) to authenticated;

-- ----------------------------------------------------------------------------
-- list_api_keys
-- ----------------------------------------------------------------------------

-- The tenant's keys, live ones first, newest first; revoked keys stay listed as history.
create or replace function private.list_api_keys(p_tenant_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  denied jsonb;
begin
  perform private.require_user();
  denied := private.check_capability(p_tenant_id, 'manage_members', 'list_api_keys', 'api_key', null);
  if denied is not null then
    return denied;
  end if;
  return coalesce((
    select jsonb_agg(private.api_key_json(k) order by k.revoked_at is not null, k.created_at desc, k.id)
    from private.api_keys k
    where k.tenant_id = p_tenant_id
  ), '[]'::jsonb);
end
$$;
grant execute on function private.list_api_keys(uuid) to authenticated;

create or replace function public.list_api_keys(p_tenant_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.list_api_keys(p_tenant_id) $$;
comment on function public.list_api_keys is
  'The tenant''s API keys without secrets: [{id, name, role, state: active|expired|revoked, expires_at, last_used_at, ...}] (needs manage_members).';
grant execute on function public.list_api_keys(uuid) to authenticated;

-- ----------------------------------------------------------------------------
-- revoke_api_key
-- ----------------------------------------------------------------------------

-- Revokes a key for good: it leaves the tenant, its sessions and refresh tokens are
-- deleted (so its very next request fails), and its sign-in is refused from now on.
create or replace function private.revoke_api_key(p_key_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  k private.api_keys;
  denied jsonb;
  problem text;
  ended integer;
begin
  select a.* into k from private.api_keys a
  where a.id = p_key_id and a.tenant_id in (select private.tenant_ids_for_user())
  for update;
  if k.id is null then
    perform private.raise_error(404, 'FONF0', 'No such API key.', 'key_id', 'exists');
  end if;
  denied := private.check_capability(k.tenant_id, 'manage_members', 'revoke_api_key', 'api_key', k.id::text);
  if denied is not null then
    return denied;
  end if;
  if private.is_api_key_user(uid) then
    return private.deny(k.tenant_id, 'revoke_api_key', 'api_key', k.id::text, 'an API key cannot revoke API keys; a person must');
  end if;
  problem := private.role_grant_problem(k.tenant_id, array_remove(array[k.role_id], null));
  if problem is not null then
    return private.deny(k.tenant_id, 'revoke_api_key', 'api_key', k.id::text, problem);
  end if;
  if k.revoked_at is not null then
    perform private.raise_error(409, 'FOCON', format('The key "%s" is already revoked.', k.name), 'key_id', 'revoked');
  end if;

  update private.api_keys a set revoked_at = now(), revoked_by = uid where a.id = k.id returning * into k;
  delete from public.tenant_members m where m.tenant_id = k.tenant_id and m.user_id = k.user_id;
  ended := private.revoke_sessions_of(k.tenant_id, k.user_id, 'api_key_revoked');
  delete from auth.refresh_tokens t where t.user_id = k.user_id::text;

  perform private.record_audit_event(k.tenant_id, 'revoke_api_key', 'api_key', k.id::text, 'success',
    jsonb_build_object('revoked_at', null), jsonb_build_object('revoked_at', k.revoked_at, 'revoked_by', uid),
    jsonb_build_object('name', k.name, 'sessions_revoked', ended));
  return private.api_key_json(k) || jsonb_build_object('sessions_revoked', ended);
end
$$;
grant execute on function private.revoke_api_key(uuid) to authenticated;

create or replace function public.revoke_api_key(p_key_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.revoke_api_key(p_key_id) $$;
comment on function public.revoke_api_key is
  'Revokes an API key (needs manage_members and every capability of its role; Admins only for Admin keys): it leaves the tenant, its sessions end at once and it cannot sign in again.';
grant execute on function public.revoke_api_key(uuid) to authenticated;
