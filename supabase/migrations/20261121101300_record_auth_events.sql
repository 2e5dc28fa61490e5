-- ============================================================================
-- Auth events in the audit log (platform chain: a sign-in belongs to no tenant).
--
-- * Sign-in, sign-out, password change and the other account events GoTrue
--   writes to auth.audit_log_entries (payload {actor_id, actor_username, action,
--   log_type, traits}) are copied by a trigger. Token refreshes and revocations
--   are left out: they are housekeeping, hourly per session.
-- * Failed sign-ins leave no GoTrue audit entry. GoTrue calls the
--   password_verification_attempt hook after checking a password of an existing
--   user, outside the sign-in transaction, so what the hook writes stays even
--   though the sign-in fails. The hook records the failure and lets GoTrue
--   continue with its normal answer. Enable it in config.toml:
--     [auth.hook.password_verification_attempt]
--     enabled = true
--     uri = "pg-functions://postgres/public/password_verification_attempt_hook"
-- ============================================================================

-- GoTrue action -> audit action. Unlisted actions are recorded as auth.<action>.
create or replace function private.audit_auth_action(p_gotrue_action text) returns text
language sql immutable parallel safe set search_path = ''
as $$
  select case p_gotrue_action
    when 'login' then 'auth.sign_in'
    when 'logout' then 'auth.sign_out'
    when 'user_updated_password' then 'auth.password_change'
    when 'user_recovery_requested' then 'auth.password_reset_requested'
    when 'user_signedup' then 'auth.sign_up'
    when 'user_deleted' then 'auth.user_deleted'
    when 'user_modified' then 'auth.user_modified'
    when 'user_invited' then 'auth.user_invited'
    when 'identity_linked' then 'auth.identity_linked'
    when 'identity_unlinked' then 'auth.identity_unlinked'
    else 'auth.' || p_gotrue_action
  end
$$;

-- Copies one GoTrue audit entry. The admin "user" (nil id) of service-role calls is
-- recorded as no actor, with its role in details; the object is the user acted on.
-- The email and phone GoTrue puts in traits are dropped: the user id identifies the
-- person, and a hash-covered copy of their email could never be erased.
create or replace function private.copy_auth_audit_entry() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  payload jsonb := new.payload::jsonb;
  gotrue_action text := payload ->> 'action';
  actor uuid := nullif(payload ->> 'actor_id', '')::uuid;
  by_admin boolean := actor = '00000000-0000-0000-0000-000000000000'::uuid;
  ip inet;
begin
  if gotrue_action is null or gotrue_action in ('token_refreshed', 'token_revoked') then
    return null;
  end if;
  begin
    ip := nullif(btrim(new.ip_address), '')::inet;
  exception when invalid_text_representation then
    ip := null;
  end;
  perform private.append_audit_entry(
    null,
    case when by_admin then null else actor end,
    private.audit_auth_action(gotrue_action),
    'user',
    coalesce(payload #>> '{traits,user_id}', case when by_admin then null else actor::text end),
    'success',
    null,
    null,
    jsonb_strip_nulls(jsonb_build_object(
      'gotrue_action', gotrue_action,
      'gotrue_entry_id', new.id,
      'role', case when by_admin then payload ->> 'actor_username' end,
      'traits', nullif((payload -> 'traits') - array['user_email', 'user_phone'], '{}'::jsonb)
    )),
    ip,
    null
  );
  return null;
end
$$;

create trigger audit_copy_auth_entry
  after insert on auth.audit_log_entries
  for each row execute function private.copy_auth_audit_entry();

-- ----------------------------------------------------------------------------
-- Failed sign-ins: GoTrue's password_verification_attempt hook
-- ----------------------------------------------------------------------------

create or replace function private.record_password_verification(p_event jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  user_id uuid := (p_event ->> 'user_id')::uuid;
  ip inet;
begin
  if coalesce((p_event ->> 'valid')::boolean, false) is false and user_id is not null then
    begin
      ip := nullif(btrim(p_event #>> '{metadata,ip_address}'), '')::inet;
    exception when invalid_text_representation then
      ip := null;
    end;
    perform private.append_audit_entry(null, user_id, 'auth.sign_in_failed', 'user', user_id::text, 'failure', null, null,
      jsonb_build_object('reason', 'invalid_password'), ip, null);
  end if;
  return jsonb_build_object('decision', 'continue');
end
$$;
grant execute on function private.record_password_verification(jsonb) to supabase_auth_admin;

-- GoTrue calls this with {user_id, valid, metadata?} after checking a password.
create or replace function public.password_verification_attempt_hook(event jsonb) returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$ select private.record_password_verification(event) $$;
comment on function public.password_verification_attempt_hook is
  'GoTrue password verification hook: audits failed sign-ins (auth.sign_in_failed), never blocks.';
grant execute on function public.password_verification_attempt_hook(jsonb) to supabase_auth_admin;
revoke execute on function public.password_verification_attempt_hook(jsonb) from authenticated, anon, public;
