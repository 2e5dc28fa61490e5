-- ============================================================================
-- The session is judged once per API request instead of at every access check.
--
-- Every tenant access check (RLS through tenant_ids_for_user, has_capability,
-- has_role_on_tenant, capabilities_on, the RPCs' own checks) asks
-- private.session_allows_access(): does the request's session still exist, is
-- it not idle, is it not a dead API key's, and does the 2FA policy trust it.
-- That is eight lookups and three JSON parses of the claims, repeated by every
-- check of a request (one audit search ran it three times, a list under RLS once
-- per statement) and it was the largest part of the search's cost after the
-- query itself (bench/audit-search.ts).
--
-- PostgREST runs private.check_request() first in every request's transaction.
-- It now asks session_allows_access() once and, when the answer is yes, keeps it
-- for the rest of the transaction as a local setting holding the exact JWT claims
-- it judged (`flexoffice.session_verdict`); only a no sends it looking for the
-- reason to refuse.
-- session_allows_access() answers from it while the request's claims are those
-- claims; any other claims (another user or session, as tests switch between)
-- are judged afresh. A local setting ends with its transaction, so the next
-- request is judged again: revocation, idleness, expired keys and 2FA changes
-- still apply on the very next request, as before.
--
-- Within one request, a change to what the verdict rests on (a session revoked
-- or deleted, an API key changed, a 2FA factor or verified session, a super
-- admin, a registration date) drops the verdict, so the rest of that transaction
-- is judged from the tables again. Tenant timeouts changing mid-request apply
-- from the next request (as a request's activity does).
--
-- Trust: the verdict is a setting like `request.jwt.claims` itself. Whoever could
-- set settings in an API transaction could already claim to be anyone; PostgREST
-- sets only its own request settings, and no exposed function sets settings from
-- input.
-- ============================================================================

create or replace function private.session_allows_access() returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
declare
  verdict text := current_setting('flexoffice.session_verdict', true);
begin
  if verdict <> '' and verdict = current_setting('request.jwt.claims', true) then
    return true;
  end if;
  return private.session_is_active() and private.session_is_trusted();
end
$$;
comment on function private.session_allows_access is
  'Live, not idle and 2FA-trusted: the session condition of every tenant access check. Answered once per API request '
  '(check_request keeps the verdict for the transaction), judged from the tables otherwise.';

-- PostgREST pre-request: the refusals of 20261121130200, plus the verdict for the request.
-- A session the access checks allow is live, not a dead key's and not idle, which is all
-- this check refuses; so it asks session_allows_access() first and looks for the reason
-- to refuse only when the answer is no (a session that is only untrusted by the 2FA
-- policy is not refused here: it may still enroll).
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
  perform set_config('flexoffice.session_verdict', '', true);
  if claims ->> 'role' is distinct from 'authenticated' or session_id is null then
    return;
  end if;
  if private.session_allows_access() then
    perform set_config('flexoffice.session_verdict', current_setting('request.jwt.claims', true), true);
  else
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
  end if;
  -- Writes are activity; PostgREST runs calls of stable functions read-only even on POST.
  if current_setting('request.method', true) in ('POST', 'PATCH', 'PUT', 'DELETE')
     and current_setting('transaction_read_only') = 'off' then
    perform private.mark_session_activity(session_id, user_id);
  end if;
end
$$;
comment on function private.check_request is
  'PostgREST pre-request: refuses revoked and idle sessions and dead API keys, records activity on writes, and judges '
  'the session once for the access checks of the request (flexoffice.session_verdict).';
grant execute on function private.check_request() to anon, authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Dropping the verdict when what it rests on changes mid-request
-- ----------------------------------------------------------------------------

create or replace function private.forget_session_verdict() returns trigger
language plpgsql security invoker set search_path = ''
as $$
begin
  perform set_config('flexoffice.session_verdict', '', true);
  return null;
end
$$;
comment on function private.forget_session_verdict is
  'Statement trigger: a change to sessions, API keys, 2FA state, super admins or registration dates makes the rest of '
  'the transaction judge sessions from the tables again.';

create trigger forget_session_verdict after update or delete on auth.sessions
  for each statement execute function private.forget_session_verdict();
create trigger forget_session_verdict after insert or update or delete on private.api_keys
  for each statement execute function private.forget_session_verdict();
create trigger forget_session_verdict after insert or update or delete on private.mfa_factors
  for each statement execute function private.forget_session_verdict();
create trigger forget_session_verdict after update or delete on private.mfa_verified_sessions
  for each statement execute function private.forget_session_verdict();
create trigger forget_session_verdict after insert or update or delete on private.super_admins
  for each statement execute function private.forget_session_verdict();
create trigger forget_session_verdict after update of registered_at on public.profiles
  for each statement execute function private.forget_session_verdict();
