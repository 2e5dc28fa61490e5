-- ============================================================================
-- Super admin: registered idempotently at bootstrap (scripts/bootstrap.mjs,
-- through the service-role-only RPC register_super_admin), then blocked from
-- every admin RPC until its first-login setup is done, in this order:
--   verify_email        the address is confirmed (auth.users.email_confirmed_at)
--   change_password     the initial password was replaced (password_changed_at)
--   enable_2fa          a TOTP factor is active (no grace period for super admins)
--   verify_2fa_session  this very session passed its 2FA challenge
-- get_super_admin_status() tells the SPA which steps remain; every admin RPC
-- checks them server-side (private.authorize_super_admin).
-- See docs/super-admin.md.
-- ============================================================================

alter table private.super_admins
  add column password_changed_at timestamptz,
  add column updated_at timestamptz not null default now();
comment on column private.super_admins.password_changed_at is
  'When the super admin last changed their password after registration; null = still the initial password from bootstrap.';

-- ----------------------------------------------------------------------------
-- First-login state
-- ----------------------------------------------------------------------------

-- GoTrue writes the new hash when the user changes their password; any change after
-- registration replaces the initial one (GoTrue refuses "changing" to the same password).
create or replace function private.note_super_admin_password_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update private.super_admins s set password_changed_at = now(), updated_at = now() where s.user_id = new.id;
  return null;
end
$$;
comment on function private.note_super_admin_password_change is 'Marks a super admin''s initial password as replaced (trigger on auth.users).';
revoke all on function private.note_super_admin_password_change() from public;

create trigger super_admins_note_password_change
  after update of encrypted_password on auth.users
  for each row when (old.encrypted_password is distinct from new.encrypted_password)
  execute function private.note_super_admin_password_change();

-- The setup steps a super admin still has to do, in order (empty when ready); null when
-- the user is not a super admin. p_session_id is the JWT session (null: no session).
create or replace function private.super_admin_setup_remaining(p_user_id uuid, p_session_id uuid) returns text[]
language sql stable security definer set search_path = ''
as $$
  select array_remove(array[
    case when u.email_confirmed_at is null then 'verify_email' end,
    case when s.password_changed_at is null then 'change_password' end,
    case when mfa.requirement ->> 'factor' is distinct from 'active' then 'enable_2fa' end,
    case when mfa.requirement ->> 'factor' = 'active' and not coalesce((mfa.requirement ->> 'session_verified')::boolean, false)
         then 'verify_2fa_session' end
  ], null)
  from private.super_admins s
  join auth.users u on u.id = s.user_id
  cross join lateral (select private.mfa_requirement_for(s.user_id, p_session_id) as requirement) as mfa
  where s.user_id = p_user_id
$$;
comment on function private.super_admin_setup_remaining is
  'Remaining first-login steps of a super admin (verify_email, change_password, enable_2fa, verify_2fa_session); null for other users.';
revoke all on function private.super_admin_setup_remaining(uuid, uuid) from public;

-- Whether the caller is a super admin who finished the setup, in a session that passed 2FA.
create or replace function private.super_admin_ready() returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce(cardinality(private.super_admin_setup_remaining(auth.uid(), private.mfa_jwt_session_id())) = 0, false)
$$;
comment on function private.super_admin_ready is 'True when the caller is a super admin whose setup is complete and whose session passed 2FA.';
grant execute on function private.super_admin_ready() to authenticated, service_role;

-- What each step asks of the person, for the SPA and error messages.
create or replace function private.super_admin_step_description(p_step text) returns text
language sql immutable parallel safe set search_path = ''
as $$
  select case p_step
    when 'verify_email' then 'Confirm your email address with the link sent to it.'
    when 'change_password' then 'Replace the initial password with a password of your own.'
    when 'enable_2fa' then 'Set up two-factor authentication with an authenticator app.'
    when 'verify_2fa_session' then 'Enter a code from your authenticator app for this session.'
  end
$$;
grant execute on function private.super_admin_step_description(text) to authenticated, service_role;

create or replace function private.get_super_admin_status() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  uid uuid := private.require_session_user();
  remaining text[] := private.super_admin_setup_remaining(uid, private.mfa_jwt_session_id());
begin
  if remaining is null then
    return jsonb_build_object('is_super_admin', false, 'ready', false, 'steps', '[]'::jsonb, 'remaining', '[]'::jsonb, 'next_step', null);
  end if;
  return jsonb_build_object(
    'is_super_admin', true,
    'ready', cardinality(remaining) = 0,
    'steps', (
      select jsonb_agg(jsonb_build_object('key', step, 'done', not (step = any (remaining)),
                                          'description', private.super_admin_step_description(step)) order by n)
      from unnest(array['verify_email', 'change_password', 'enable_2fa', 'verify_2fa_session']) with ordinality as s(step, n)
    ),
    'remaining', to_jsonb(remaining),
    'next_step', remaining[1]
  );
end
$$;
grant execute on function private.get_super_admin_status() to authenticated;

create or replace function public.get_super_admin_status() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.get_super_admin_status() $$;
comment on function public.get_super_admin_status is
  'Whether the caller is a super admin and which first-login steps remain: {is_super_admin, ready, steps: [{key, done, description}], remaining, next_step}.';
grant execute on function public.get_super_admin_status() to authenticated;

-- ----------------------------------------------------------------------------
-- The gate every admin RPC passes first
-- ----------------------------------------------------------------------------

-- Null when the caller may act as super admin; otherwise the audited 403 body to return:
-- not a super admin, or (with details.remaining) the setup steps still open.
create or replace function private.authorize_super_admin(p_action text, p_object_type text, p_object_id text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_session_user();
  remaining text[] := private.super_admin_setup_remaining(uid, private.mfa_jwt_session_id());
begin
  if remaining is null then
    return private.deny(null, p_action, p_object_type, p_object_id, 'only platform super admins may do this');
  end if;
  if cardinality(remaining) > 0 then
    return private.deny(null, p_action, p_object_type, p_object_id,
        format('finish the super admin setup first (remaining: %s)', array_to_string(remaining, ', ')))
      || jsonb_build_object(
        'details', jsonb_build_object('field', 'super_admin', 'rule', 'setup_incomplete', 'remaining', to_jsonb(remaining))::text,
        'hint', private.super_admin_step_description(remaining[1]));
  end if;
  return null;
end
$$;
comment on function private.authorize_super_admin is
  'Admin RPC gate: null when the caller is a ready super admin, else the audited 403 body (details.remaining lists open setup steps).';
revoke all on function private.authorize_super_admin(text, text, text) from public;

-- ----------------------------------------------------------------------------
-- Registration (bootstrap, service role only)
-- ----------------------------------------------------------------------------

-- Makes the auth user with this email a super admin (idempotent). Returns
-- {result: registered, user_id, created, remaining} or {result: no_user} when no such
-- user exists yet (bootstrap then creates it and calls again).
create or replace function private.register_super_admin(p_email text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid;
  created integer;
begin
  if auth.role() is distinct from 'service_role' then
    perform private.raise_error(403, 'FODEN', 'Only the service role registers super admins.', null, 'service_role');
  end if;
  if p_email is null or btrim(p_email) !~* '^[^@\s]+@[^@\s]+$' then
    perform private.raise_error(422, 'FOVAL', 'Give the super admin''s email address.', 'email', 'email');
  end if;
  select u.id into uid
  from auth.users u
  where lower(u.email) = lower(btrim(p_email)) and not u.is_sso_user and u.id <> private.deleted_user_id();
  if uid is null then
    return jsonb_build_object('result', 'no_user');
  end if;
  insert into private.super_admins (user_id) values (uid) on conflict (user_id) do nothing;
  get diagnostics created = row_count;
  if created > 0 then
    perform private.record_audit_event(null, 'register_super_admin', 'user', uid::text, 'success', null, null,
      jsonb_build_object('source', 'bootstrap'));
  end if;
  return jsonb_build_object(
    'result', 'registered',
    'user_id', uid,
    'created', created > 0,
    'remaining', to_jsonb(array_remove(private.super_admin_setup_remaining(uid, null), 'verify_2fa_session'))
  );
end
$$;
grant execute on function private.register_super_admin(text) to service_role;

create or replace function public.register_super_admin(p_email text) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.register_super_admin(p_email) $$;
comment on function public.register_super_admin is
  'Bootstrap only (service role): makes the user with this email a super admin, idempotently.';
grant execute on function public.register_super_admin(text) to service_role;
