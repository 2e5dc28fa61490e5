-- ============================================================================
-- 2FA operations the `mfa` edge function runs over its database connection
-- (SUPABASE_DB_URL, role postgres) after authenticating the caller: enroll,
-- the code-attempt pair (context, then complete) with lockout and replay
-- protection, recovery codes, status. The TOTP check itself (otplib) happens
-- in the function; everything else, including the lockout, is decided here.
-- These functions take the user id as an argument, so no API role may execute
-- them; the function sets request.jwt.claims so the audit log names the actor.
-- Owner-only functions are followed by `revoke all ... from public` instead of a
-- grant: only their owner (postgres, the edge function's connection) runs them.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Rules
-- ----------------------------------------------------------------------------

-- Lockout rule: this many failed codes within the window lock the user until the
-- oldest of them leaves the window.
create or replace function private.mfa_max_failed_attempts() returns integer
language sql immutable parallel safe set search_path = ''
as $$ select 5 $$;
grant execute on function private.mfa_max_failed_attempts() to authenticated, service_role;

create or replace function private.mfa_lockout_window() returns interval
language sql immutable parallel safe set search_path = ''
as $$ select interval '15 minutes' $$;
grant execute on function private.mfa_lockout_window() to authenticated, service_role;

-- Failures that count: within the window and after the user's last successful attempt
-- (ids order attempts even within one transaction), newest first.
create or replace function private.mfa_recent_failures(p_user_id uuid) returns setof timestamptz
language sql stable security definer set search_path = ''
as $$
  select a.attempted_at
  from private.mfa_attempts a
  where a.user_id = p_user_id
    and a.outcome = 'failed'
    and a.attempted_at > now() - private.mfa_lockout_window()
    and a.id > coalesce(
      (select max(o.id) from private.mfa_attempts o where o.user_id = p_user_id and o.outcome = 'ok'),
      0)
  order by a.attempted_at desc, a.id desc
$$;
revoke all on function private.mfa_recent_failures(uuid) from public;

-- When the lockout ends, or null when the user may try now.
create or replace function private.mfa_locked_until(p_user_id uuid) returns timestamptz
language sql stable security definer set search_path = ''
as $$
  select f + private.mfa_lockout_window()
  from private.mfa_recent_failures(p_user_id) as f
  offset private.mfa_max_failed_attempts() - 1
  limit 1
$$;
revoke all on function private.mfa_locked_until(uuid) from public;

-- Whole seconds until a moment, at least 1 (for Retry-After).
create or replace function private.mfa_seconds_until(p_at timestamptz) returns integer
language sql stable parallel safe set search_path = ''
as $$ select greatest(1, ceil(extract(epoch from p_at - now())))::integer $$;
grant execute on function private.mfa_seconds_until(timestamptz) to authenticated, service_role;

-- Refuses purposes and methods this API does not know (a programming error, not an attempt).
create or replace function private.mfa_assert_attempt(p_purpose text, p_method text) returns void
language plpgsql set search_path = ''
as $$
begin
  if p_purpose is null or p_purpose not in ('activate', 'challenge', 'disable', 'regenerate', 'confirm') then
    perform private.raise_error(422, 'FOVAL',
      format('"%s" is not a 2FA attempt purpose (activate, challenge, disable, regenerate, confirm).', coalesce(p_purpose, '')), 'purpose', 'known');
  end if;
  if p_method is null or p_method not in ('totp', 'recovery') then
    perform private.raise_error(422, 'FOVAL',
      format('"%s" is not a 2FA method (totp, recovery).', coalesce(p_method, '')), 'method', 'known');
  end if;
  if p_method = 'recovery' and p_purpose not in ('challenge', 'disable', 'confirm') then
    perform private.raise_error(422, 'FOVAL',
      'A recovery code can pass a challenge, disable 2FA or confirm an action; activating and new recovery codes need a code from the authenticator app.',
      'recovery_code', 'purpose');
  end if;
end
$$;
grant execute on function private.mfa_assert_attempt(text, text) to authenticated, service_role;

-- Which factor state a purpose needs; null when the factor fits.
create or replace function private.mfa_factor_problem(p_status text, p_purpose text) returns text
language sql immutable parallel safe set search_path = ''
as $$
  select case
    when p_status is null then 'no_factor'
    when p_purpose = 'activate' and p_status = 'active' then 'already_active'
    when p_purpose in ('challenge', 'regenerate', 'confirm') and p_status <> 'active' then 'not_active'
  end
$$;
grant execute on function private.mfa_factor_problem(text, text) to authenticated, service_role;

-- One audit entry per 2FA event, about the user: ok -> success, failed -> failure,
-- locked or denied -> denied.
create or replace function private.mfa_audit(p_user_id uuid, p_event text, p_outcome text, p_details jsonb) returns void
language sql security definer set search_path = ''
as $$
  select private.record_audit_event(
    null,
    'mfa.' || p_event,
    'user',
    p_user_id::text,
    case p_outcome when 'ok' then 'success' when 'failed' then 'failure' else 'denied' end,
    null,
    null,
    jsonb_strip_nulls(coalesce(p_details, '{}'::jsonb))
  )
$$;
revoke all on function private.mfa_audit(uuid, text, text, jsonb) from public;

-- ----------------------------------------------------------------------------
-- Recovery codes
-- ----------------------------------------------------------------------------

-- Canonical form of a typed recovery code: lowercase, no separators, Crockford's
-- look-alikes folded (i/l -> 1, o -> 0), so "ABCDE-FGH1J" and "abcdefgh1j" match.
create or replace function private.mfa_normalize_recovery_code(p_code text) returns text
language sql immutable parallel safe set search_path = ''
as $$ select translate(regexp_replace(lower(coalesce(p_code, '')), '[\s-]', '', 'g'), 'ilo', '110') $$;
grant execute on function private.mfa_normalize_recovery_code(text) to authenticated, service_role;

-- Replaces the user's recovery codes with ten new ones and returns them (the only
-- time they exist in plain text). 50 random bits each, Crockford base32, xxxxx-xxxxx.
create or replace function private.mfa_issue_recovery_codes(p_user_id uuid) returns text[]
language plpgsql security definer set search_path = ''
as $$
declare
  alphabet constant text := '0123456789abcdefghjkmnpqrstvwxyz';
  codes text[] := '{}';
  raw bytea;
  code text;
begin
  delete from private.mfa_recovery_codes r where r.user_id = p_user_id;
  for n in 1..10 loop
    raw := extensions.gen_random_bytes(10);
    code := '';
    for i in 0..9 loop
      -- 256 is a multiple of 32, so the modulo keeps every character equally likely.
      code := code || substr(alphabet, get_byte(raw, i) % 32 + 1, 1);
    end loop;
    insert into private.mfa_recovery_codes (user_id, code_hash)
    values (p_user_id, extensions.crypt(code, extensions.gen_salt('bf', 8)));
    codes := codes || (substr(code, 1, 5) || '-' || substr(code, 6, 5));
  end loop;
  return codes;
end
$$;
revoke all on function private.mfa_issue_recovery_codes(uuid) from public;

-- Marks the matching unused code as used; true when one matched.
create or replace function private.mfa_use_recovery_code(p_user_id uuid, p_code text) returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  v_code text := private.mfa_normalize_recovery_code(p_code);
  v_id bigint;
begin
  if v_code !~ '^[0-9a-z]{10}$' then
    return false;
  end if;
  select r.id into v_id
  from private.mfa_recovery_codes r
  where r.user_id = p_user_id
    and r.used_at is null
    and r.code_hash = extensions.crypt(v_code, r.code_hash)
  limit 1
  for update;
  if v_id is null then
    return false;
  end if;
  update private.mfa_recovery_codes set used_at = now() where id = v_id;
  return true;
end
$$;
revoke all on function private.mfa_use_recovery_code(uuid, text) from public;

-- ----------------------------------------------------------------------------
-- Enroll
-- ----------------------------------------------------------------------------

-- Stores a freshly generated base32 secret in Vault as the user's pending factor,
-- replacing a pending one (its old secret is deleted). Refused once a factor is active.
-- Returns {result: ok | already_active, replaced, enrolled_at}.
create or replace function private.mfa_enroll(p_user_id uuid, p_secret text) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  f private.mfa_factors;
  v_replaced boolean;
  v_secret_id uuid;
begin
  if p_secret is null or p_secret !~ '^[A-Z2-7]{32}$' then
    perform private.raise_error(422, 'FOVAL', 'The TOTP secret must be 32 base32 characters (160 bits).', 'secret', 'base32_160');
  end if;
  select * into f from private.mfa_factors m where m.user_id = p_user_id for update;
  v_replaced := found;
  if f.status = 'active' then
    perform private.mfa_audit(p_user_id, 'enroll', 'denied', jsonb_build_object('reason', 'already_active'));
    return jsonb_build_object('result', 'already_active');
  end if;

  v_secret_id := vault.create_secret(p_secret, null, format('TOTP secret (2FA) of user %s', p_user_id));
  insert into private.mfa_factors as m (user_id, secret_id, status)
  values (p_user_id, v_secret_id, 'pending')
  on conflict (user_id) do update
    set secret_id = excluded.secret_id, enrolled_at = now(), last_used_step = null
  returning * into f;

  perform private.mfa_audit(p_user_id, 'enroll', 'ok', jsonb_build_object('replaced', v_replaced));
  return jsonb_build_object('result', 'ok', 'replaced', v_replaced, 'enrolled_at', f.enrolled_at);
end
$$;
revoke all on function private.mfa_enroll(uuid, text) from public;

-- ----------------------------------------------------------------------------
-- Code attempts: context (before the TOTP check), then complete (after it),
-- both in one transaction that holds the factor row locked, so concurrent
-- attempts of one user are serialized and counted exactly.
-- ----------------------------------------------------------------------------

-- Locks the factor and returns what the TOTP check needs:
-- {result: ready, secret, status} | {result: locked, locked_until, retry_after_seconds}
-- | {result: no_factor | already_active | not_active}. The secret is not returned while
-- the user is locked out.
create or replace function private.mfa_attempt_context(p_user_id uuid, p_purpose text) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  f private.mfa_factors;
  v_problem text;
  v_locked_until timestamptz;
  v_secret text;
begin
  perform private.mfa_assert_attempt(p_purpose, 'totp');
  select * into f from private.mfa_factors m where m.user_id = p_user_id for update;
  v_problem := private.mfa_factor_problem(f.status, p_purpose);
  if v_problem is not null then
    return jsonb_build_object('result', v_problem);
  end if;
  v_locked_until := private.mfa_locked_until(p_user_id);
  if v_locked_until is not null then
    return jsonb_build_object('result', 'locked', 'locked_until', v_locked_until,
      'retry_after_seconds', private.mfa_seconds_until(v_locked_until));
  end if;
  select d.decrypted_secret into v_secret from vault.decrypted_secrets d where d.id = f.secret_id;
  if v_secret is null then
    raise exception 'the TOTP secret of user % is missing from Vault', p_user_id using errcode = 'P0002';
  end if;
  return jsonb_build_object('result', 'ready', 'secret', v_secret, 'status', f.status);
end
$$;
revoke all on function private.mfa_attempt_context(uuid, text) from public;

-- Records one attempt and applies it. p_totp_step is the 30-second step the submitted
-- code matched (null when it matched none); p_recovery_code the typed recovery code.
-- The lockout and the replay rule (a step not newer than the last used one fails) are
-- decided here. On success: activate -> factor active, ten recovery codes, session
-- verified; challenge -> session verified; disable -> factor, secret, codes and
-- verified sessions removed; regenerate -> ten new recovery codes; confirm -> nothing
-- more (a step-up check another action relies on, e.g. account deletion).
-- Returns {result: ok, method, session_verified, recovery_codes, recovery_codes_left}
-- | {result: invalid, reason, attempts_left, locked_until, retry_after_seconds}
-- | {result: locked, locked_until, retry_after_seconds}
-- | {result: no_factor | already_active | not_active | no_session}.
create or replace function private.mfa_complete_attempt(
  p_user_id uuid,
  p_session_id uuid,
  p_purpose text,
  p_method text,
  p_totp_step bigint default null,
  p_recovery_code text default null
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  f private.mfa_factors;
  v_event text := case p_purpose when 'regenerate' then 'regenerate_recovery_codes' else p_purpose end;
  v_problem text;
  v_session uuid;
  v_locked_until timestamptz;
  v_ok boolean := false;
  v_reason text;
  v_left integer;
  v_codes text[];
  v_verified boolean := false;
begin
  perform private.mfa_assert_attempt(p_purpose, p_method);
  select * into f from private.mfa_factors m where m.user_id = p_user_id for update;
  v_problem := private.mfa_factor_problem(f.status, p_purpose);
  if v_problem is not null then
    return jsonb_build_object('result', v_problem);
  end if;
  -- Only a live session of this very user can be marked verified.
  select s.id into v_session from auth.sessions s where s.id = p_session_id and s.user_id = p_user_id;
  if p_purpose = 'challenge' and v_session is null then
    return jsonb_build_object('result', 'no_session');
  end if;

  delete from private.mfa_attempts a where a.user_id = p_user_id and a.attempted_at < now() - interval '1 day';

  v_locked_until := private.mfa_locked_until(p_user_id);
  if v_locked_until is not null then
    insert into private.mfa_attempts (user_id, purpose, method, outcome, reason, session_id)
    values (p_user_id, p_purpose, p_method, 'locked', 'locked_out', p_session_id);
    perform private.mfa_audit(p_user_id, v_event, 'locked', jsonb_build_object(
      'method', p_method, 'session_id', p_session_id, 'reason', 'locked_out', 'locked_until', v_locked_until));
    return jsonb_build_object('result', 'locked', 'locked_until', v_locked_until,
      'retry_after_seconds', private.mfa_seconds_until(v_locked_until));
  end if;

  if p_method = 'totp' then
    if p_totp_step is null then
      v_reason := 'wrong_code';
    elsif f.last_used_step is not null and p_totp_step <= f.last_used_step then
      v_reason := 'code_already_used';
    else
      v_ok := true;
    end if;
  elsif private.mfa_use_recovery_code(p_user_id, p_recovery_code) then
    v_ok := true;
  else
    v_reason := 'wrong_recovery_code';
  end if;

  insert into private.mfa_attempts (user_id, purpose, method, outcome, reason, session_id)
  values (p_user_id, p_purpose, p_method, case when v_ok then 'ok' else 'failed' end, v_reason, p_session_id);

  if not v_ok then
    v_locked_until := private.mfa_locked_until(p_user_id);
    v_left := greatest(private.mfa_max_failed_attempts() - (select count(*) from private.mfa_recent_failures(p_user_id))::integer, 0);
    perform private.mfa_audit(p_user_id, v_event, 'failed', jsonb_build_object(
      'method', p_method, 'session_id', p_session_id, 'reason', v_reason, 'attempts_left', v_left, 'locked_until', v_locked_until));
    return jsonb_build_object('result', 'invalid', 'reason', v_reason, 'attempts_left', v_left,
      'locked_until', v_locked_until,
      'retry_after_seconds', case when v_locked_until is not null then private.mfa_seconds_until(v_locked_until) end);
  end if;

  if p_method = 'totp' then
    update private.mfa_factors m set last_used_step = p_totp_step where m.user_id = p_user_id;
  end if;
  case p_purpose
    when 'activate' then
      update private.mfa_factors m set status = 'active', activated_at = now() where m.user_id = p_user_id;
      v_codes := private.mfa_issue_recovery_codes(p_user_id);
    when 'regenerate' then
      v_codes := private.mfa_issue_recovery_codes(p_user_id);
    when 'disable' then
      -- Cascades to recovery codes and verified sessions; the trigger deletes the Vault secret.
      delete from private.mfa_factors m where m.user_id = p_user_id;
    else
      null;
  end case;
  if p_purpose in ('activate', 'challenge') and v_session is not null then
    insert into private.mfa_verified_sessions (session_id, user_id, method)
    values (v_session, p_user_id, case when p_purpose = 'activate' then 'activation' else p_method end)
    on conflict (session_id) do update set method = excluded.method, verified_at = now();
    v_verified := true;
  end if;

  v_left := (select count(*) from private.mfa_recovery_codes r where r.user_id = p_user_id and r.used_at is null);
  perform private.mfa_audit(p_user_id, v_event, 'ok', jsonb_build_object(
    'method', p_method, 'session_id', p_session_id, 'session_verified', v_verified, 'recovery_codes_left', v_left));
  return jsonb_build_object('result', 'ok', 'method', p_method, 'session_verified', v_verified,
    'recovery_codes', to_jsonb(v_codes), 'recovery_codes_left', v_left);
end
$$;
revoke all on function private.mfa_complete_attempt(uuid, uuid, text, text, bigint, text) from public;

-- ----------------------------------------------------------------------------
-- Status
-- ----------------------------------------------------------------------------

-- What the user's 2FA looks like, without any secret: factor state, this session,
-- recovery codes left, lockout, and the policy (public.get_mfa_requirement's answer).
create or replace function private.mfa_status(p_user_id uuid, p_session_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'factor', coalesce(f.status, 'none'),
    'enrolled', f.user_id is not null,
    'active', coalesce(f.status = 'active', false),
    'enrolled_at', f.enrolled_at,
    'activated_at', f.activated_at,
    'session_verified', (r.requirement ->> 'session_verified')::boolean,
    'recovery_codes_left', (select count(*) from private.mfa_recovery_codes c where c.user_id = p_user_id and c.used_at is null),
    'failed_attempts', (select count(*) from private.mfa_recent_failures(p_user_id)),
    'max_failed_attempts', private.mfa_max_failed_attempts(),
    'locked_until', private.mfa_locked_until(p_user_id),
    'policy', r.requirement
  )
  from (select private.mfa_requirement_for(p_user_id, p_session_id) as requirement) as r
  left join private.mfa_factors f on f.user_id = p_user_id
$$;
revoke all on function private.mfa_status(uuid, uuid) from public;
