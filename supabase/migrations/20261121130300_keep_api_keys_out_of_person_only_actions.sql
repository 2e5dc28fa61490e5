-- ============================================================================
-- An API key acts as its role in its tenant, and does nothing a person does
-- for themself:
--  * the 2FA policy exempts machine users explicitly (state ok, exempt
--    'api_key'): a key has no phone to hold an authenticator, the 30-day rule
--    would lock every key out a month after its creation, and a key already is
--    a 256-bit random secret, revocable and optionally expiring. So they cannot
--    enroll either (mfa_factors refuses them);
--  * no creating or deleting tenants (audited 403 through the RPCs);
--  * no answering invitations (audited 403), and no invitation to a machine
--    address (422);
--  * no deleting its own account, no changing its address or secret (a key is
--    replaced by creating a new one and revoking the old), no super admin.
-- Refusals that cannot be answered by an RPC (the edge functions' SQL, Auth's
-- own writes) are raised by triggers, so every path is covered.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- 2FA: machine users are exempt
-- ----------------------------------------------------------------------------

-- State of a user and session: ok | prompt | enroll_required | challenge_required, with
-- the enrollment deadline (registered_at + grace; null once a factor is active). API keys'
-- machine users are always ok, with exempt: 'api_key'.
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
  if exists (select 1 from private.api_keys k where k.user_id = p_user_id) then
    return jsonb_build_object('state', 'ok', 'deadline', null, 'factor', 'none', 'session_verified', false,
                              'grace_days', 0, 'exempt', 'api_key');
  end if;

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
  '2FA state of a user and session: {state: ok|prompt|enroll_required|challenge_required, deadline, factor: none|pending|active, session_verified, grace_days}; API keys: ok with exempt api_key.';
revoke all on function private.mfa_requirement_for(uuid, uuid) from public;

-- The per-request form of the same policy (pgTAP 017 proves they agree).
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
  if exists (select 1 from private.api_keys k where k.user_id = uid) then
    return true; -- exempt; whether the key is still live is private.session_is_active's question
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

-- Machine users never enroll (the mfa function's enroll ends here).
create or replace function private.refuse_api_key_factors() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if private.is_api_key_user(new.user_id) then
    perform private.raise_error(403, 'FODEN',
      'API keys do not use two-factor authentication: the key is the credential. Revoke it and create a new one if it leaked.',
      'user_id', 'api_key');
  end if;
  return new;
end
$$;
create trigger mfa_factors_refuse_api_keys before insert on private.mfa_factors
  for each row execute function private.refuse_api_key_factors();

-- ----------------------------------------------------------------------------
-- RPC refusals (audited)
-- ----------------------------------------------------------------------------

-- Null for people; for a live key's machine user the audited 403 body refusing a
-- person-only action (its own tenant's chain when named, otherwise the platform's).
-- A dead key gets the 401 of private.require_user; another tenant a 404.
create or replace function private.refuse_api_key(p_tenant_id uuid, p_action text, p_object_type text, p_object_id text, p_reason text)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if auth.uid() is null or not private.is_api_key_user(auth.uid()) then
    return null;
  end if;
  perform private.require_user();
  if p_tenant_id is not null and not exists (select 1 from private.tenant_ids_for_user() as t where t = p_tenant_id) then
    perform private.raise_error(404, 'FONF0', 'No such tenant.', 'tenant_id', 'exists');
  end if;
  return private.deny(p_tenant_id, p_action, p_object_type, p_object_id, p_reason);
end
$$;
comment on function private.refuse_api_key is 'The audited 403 refusing a person-only action to an API key; null for people.';
grant execute on function private.refuse_api_key(uuid, text, text, text, text) to authenticated;

create or replace function public.create_tenant(p_name text, p_slug text default null, p_timezone text default 'UTC', p_language text default 'en')
returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  refused jsonb := private.refuse_api_key(null, 'create_tenant', 'tenant', null, 'an API key cannot create tenants');
begin
  if refused is not null then
    return refused;
  end if;
  return private.create_tenant(p_name, p_slug, p_timezone, p_language);
end
$$;
comment on function public.create_tenant is 'Creates a tenant; the caller (a verified user, not an API key) becomes its Admin. The slug is suggested when omitted.';
grant execute on function public.create_tenant(text, text, text, text) to authenticated;

create or replace function public.delete_tenant(p_tenant_id uuid, p_confirm_slug text) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  refused jsonb := private.refuse_api_key(p_tenant_id, 'delete_tenant', 'tenant', p_tenant_id::text, 'an API key cannot delete its tenant');
begin
  if refused is not null then
    return refused;
  end if;
  return private.delete_tenant(p_tenant_id, p_confirm_slug);
end
$$;
comment on function public.delete_tenant is 'Deletes a tenant and all it owns (Admins only, not API keys; confirmed by its slug).';
grant execute on function public.delete_tenant(uuid, text) to authenticated;

-- Null when the caller may answer the invitation (a person whose verified email is the
-- invited one), else why not. get_invitation, accept_invitation and decline_invitation
-- read it, so keys see no invitation details and their attempts are audited refusals.
create or replace function private.invitee_problem(p_invitation public.invitations) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_email text;
  v_verified boolean;
begin
  if private.is_api_key_user(auth.uid()) then
    return 'an API key cannot answer invitations';
  end if;
  select lower(u.email), u.email_confirmed_at is not null into v_email, v_verified from auth.users u where u.id = auth.uid();
  if not coalesce(v_verified, false) then
    return 'confirm your email address first';
  end if;
  if v_email is distinct from p_invitation.email then
    return 'the invitation was sent to another email address';
  end if;
  return null;
end
$$;
revoke all on function private.invitee_problem(public.invitations) from public;

-- ----------------------------------------------------------------------------
-- Backstops on every path
-- ----------------------------------------------------------------------------

-- Machine addresses are never invited (invite_member, whatever the tenant).
create or replace function private.refuse_api_key_invitations() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if lower(new.email) like ('%@' || private.api_key_email_domain()) then
    perform private.raise_error(422, 'FOVAL',
      'API keys cannot be invited; create an API key in this tenant instead (create_api_key).', 'email', 'not_api_key');
  end if;
  return new;
end
$$;
create trigger invitations_refuse_api_keys before insert or update of email on public.invitations
  for each row execute function private.refuse_api_key_invitations();

-- A machine user keeps the address and secret its key was created with, and deletes
-- neither itself (the account function) nor, through Auth, its sign-in data. Revocation
-- and tenant deletion (run by people) are how keys go.
create or replace function private.protect_api_key_users() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if not private.is_api_key_user(old.id) then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  if tg_op = 'DELETE' then
    if old.id = auth.uid() then
      perform private.raise_error(403, 'FODEN',
        'An API key cannot delete its account; a tenant Admin revokes the key instead.', 'user_id', 'api_key');
    end if;
    return old;
  end if;
  if new.email is distinct from old.email or new.phone is distinct from old.phone
     or new.encrypted_password is distinct from old.encrypted_password
     or coalesce(new.email_change, '') <> coalesce(old.email_change, '')
     or coalesce(new.phone_change, '') <> coalesce(old.phone_change, '') then
    perform private.raise_error(403, 'FODEN',
      'An API key''s address and secret cannot be changed; create a new key and revoke this one.', 'user_id', 'api_key');
  end if;
  return new;
end
$$;
comment on function private.protect_api_key_users is
  'Machine users of API keys keep their address and secret and cannot delete themselves.';
create trigger api_key_users_protect before update of email, phone, encrypted_password, email_change, phone_change or delete on auth.users
  for each row execute function private.protect_api_key_users();

-- Super admins are people.
create or replace function private.refuse_api_key_super_admins() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if private.is_api_key_user(new.user_id) then
    perform private.raise_error(422, 'FOVAL', 'An API key cannot be a super admin.', 'user_id', 'not_api_key');
  end if;
  return new;
end
$$;
create trigger super_admins_refuse_api_keys before insert on private.super_admins
  for each row execute function private.refuse_api_key_super_admins();
