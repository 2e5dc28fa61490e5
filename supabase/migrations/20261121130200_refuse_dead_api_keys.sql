-- ============================================================================
-- Revoked and expired API keys can neither sign in nor act. Revocation deletes
-- the key's sessions (the existing session check refuses their tokens); expiry
-- happens on its own, so the places that decide whether a session may act now
-- also ask whether its user is the machine user of a dead key:
--  * private.session_is_active(): part of every tenant access check (RLS, RPCs,
--    Realtime), so an expired key's unexpired token reaches no tenant data;
--  * private.check_request(): PostgREST's pre-request check answers 401 FOAUT
--    (rule api_key_expired / api_key_revoked) before anything runs;
--  * public.custom_access_token_hook(): sign-in and token refresh fail (401),
--    and a live key's last use is noted there;
--  * the password verification hook audits a refused key's sign-in attempt
--    (auth.sign_in_failed), which the failing sign-in itself cannot commit.
-- The functions below replace their previous versions and keep all they did.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Every tenant access check
-- ----------------------------------------------------------------------------

-- The request's session exists, is not idle past the user's timeout, and does not belong
-- to a revoked or expired API key. Requests without a session (service role, anon) pass.
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
  if private.api_key_refusal(auth.uid()) is not null then
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
comment on function private.session_is_active is
  'The current request''s session exists, is not idle, and is not an expired or revoked API key''s; part of every tenant access check.';

-- ----------------------------------------------------------------------------
-- Every API request (PostgREST db-pre-request)
-- ----------------------------------------------------------------------------

create or replace function private.check_request() returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  claims jsonb := coalesce(nullif(current_setting('request.jwt.claims', true), '')::jsonb, '{}'::jsonb);
  session_id uuid := nullif(claims ->> 'session_id', '')::uuid;
  user_id uuid := nullif(claims ->> 'sub', '')::uuid;
  key_refusal text;
begin
  if claims ->> 'role' is distinct from 'authenticated' or session_id is null then
    return;
  end if;
  if not exists (select 1 from auth.sessions s where s.id = session_id) then
    perform private.raise_error(401, 'FOAUT', 'Your session has ended (signed out or revoked). Sign in again.', null, 'session_active');
  end if;
  key_refusal := private.api_key_refusal(user_id);
  if key_refusal = 'revoked' then
    perform private.raise_error(401, 'FOAUT', 'This API key has been revoked.', null, 'api_key_revoked');
  elsif key_refusal = 'expired' then
    perform private.raise_error(401, 'FOAUT', 'This API key has expired; ask a tenant Admin for a new key.', null, 'api_key_expired');
  end if;
  if private.session_is_idle(session_id, user_id) then
    perform private.raise_error(401, 'FOAUT',
      format('Your session expired after %s minutes without activity. Sign in again.', private.session_timeout_minutes_for(user_id)),
      null, 'session_inactivity');
  end if;
  -- Writes are activity; PostgREST runs calls of stable functions read-only even on POST.
  if current_setting('request.method', true) in ('POST', 'PATCH', 'PUT', 'DELETE')
     and current_setting('transaction_read_only') = 'off' then
    perform private.mark_session_activity(session_id, user_id);
  end if;
end
$$;
comment on function private.check_request is
  'PostgREST pre-request: refuses revoked and idle sessions and dead API keys, records activity on writes.';
grant execute on function private.check_request() to anon, authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Sign-in and refresh (custom access token hook)
-- ----------------------------------------------------------------------------

-- For the access token hook: why the user may not get a token as an API key (a message),
-- or null. A live key's last use (sign-in or refresh) is noted.
create or replace function private.api_key_token_refusal(p_user_id uuid) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  k private.api_keys;
begin
  select * into k from private.api_keys a where a.user_id = p_user_id;
  if k.id is null then
    return null;
  end if;
  case private.api_key_state(k)
    when 'revoked' then
      return 'This API key has been revoked.';
    when 'expired' then
      return 'This API key has expired; ask a tenant Admin for a new key.';
    else
      update private.api_keys a set last_used_at = now() where a.id = k.id;
      return null;
  end case;
end
$$;
comment on function private.api_key_token_refusal is 'Access token hook: refuses tokens for revoked or expired API keys; notes a live key''s use.';
revoke all on function private.api_key_token_refusal(uuid) from public;
grant execute on function private.api_key_token_refusal(uuid) to supabase_auth_admin;

create or replace function public.custom_access_token_hook(event jsonb) returns jsonb
language plpgsql
volatile
set search_path = ''
as $$
declare
  user_id uuid := (event ->> 'user_id')::uuid;
  claims jsonb := event -> 'claims';
  session_id uuid := nullif(claims ->> 'session_id', '')::uuid;
  timeout integer;
  key_refusal text;
begin
  key_refusal := private.api_key_token_refusal(user_id);
  if key_refusal is not null then
    return jsonb_build_object('error', jsonb_build_object('http_code', 401, 'message', key_refusal));
  end if;
  if event ->> 'authentication_method' = 'token_refresh' then
    if session_id is not null and private.session_is_idle(session_id, user_id) then
      timeout := private.session_timeout_minutes_for(user_id);
      return jsonb_build_object('error', jsonb_build_object(
        'http_code', 401,
        'message', format('Your session expired after %s minutes without activity. Sign in again.', timeout)));
    end if;
  elsif session_id is not null then
    perform private.mark_session_activity(session_id, user_id);
  end if;
  claims := jsonb_set(claims, '{tenants}', private.tenant_claims_for(user_id));
  claims := jsonb_set(claims, '{super_admin}', to_jsonb(private.is_user_super_admin(user_id)));
  return jsonb_build_object('claims', claims);
end
$$;
comment on function public.custom_access_token_hook is
  'GoTrue custom access token hook: tenant roles, capability masks, super-admin flag; refuses idle sessions on refresh and dead API keys always.';
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
revoke execute on function public.custom_access_token_hook(jsonb) from authenticated, anon, public;

-- ----------------------------------------------------------------------------
-- Failed sign-ins (password verification hook): also a dead key's right secret
-- ----------------------------------------------------------------------------

create or replace function private.record_password_verification(p_event jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  user_id uuid := (p_event ->> 'user_id')::uuid;
  valid boolean := coalesce((p_event ->> 'valid')::boolean, false);
  reason text;
  ip inet;
begin
  if user_id is not null then
    reason := case when not valid then 'invalid_password' else 'api_key_' || private.api_key_refusal(user_id) end;
  end if;
  if reason is not null then
    begin
      ip := nullif(btrim(p_event #>> '{metadata,ip_address}'), '')::inet;
    exception when invalid_text_representation then
      ip := null;
    end;
    perform private.append_audit_entry(null, user_id, 'auth.sign_in_failed', 'user', user_id::text, 'failure', null, null,
      jsonb_build_object('reason', reason), ip, null);
  end if;
  return jsonb_build_object('decision', 'continue');
end
$$;
grant execute on function private.record_password_verification(jsonb) to supabase_auth_admin;
