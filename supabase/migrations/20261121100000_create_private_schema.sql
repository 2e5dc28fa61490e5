-- ============================================================================
-- Foundations every later migration relies on: the non-exposed `private`
-- schema, explicit function grants, and one way to raise errors that reach the
-- client as a stable code, an HTTP status and a message naming field and rule.
-- ============================================================================

create schema if not exists private;
comment on schema private is 'Security-definer helpers, RPC bodies, job bodies and secrets. Never exposed through the API.';
revoke all on schema private from public;
grant usage on schema private to postgres, authenticated, service_role, supabase_auth_admin;

-- Functions are not executable by anyone unless granted one by one.
alter default privileges for role postgres revoke execute on functions from public;
alter default privileges for role postgres in schema public revoke execute on functions from anon, authenticated, service_role;
alter default privileges for role postgres in schema private revoke execute on functions from anon, authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Errors
-- ----------------------------------------------------------------------------

-- Raises a PostgREST error with an HTTP status and a body {code, message, details, hint};
-- details is a JSON string {"field", "rule"} so clients can point at the offending input.
create or replace function private.raise_error(
  status integer,
  code text,
  message text,
  field text default null,
  rule text default null,
  hint text default null
) returns void
language plpgsql
set search_path = ''
as $$
begin
  raise sqlstate 'PGRST' using
    message = json_build_object(
      'code', code,
      'message', message,
      'details', case when field is null and rule is null then null
                      else jsonb_build_object('field', field, 'rule', rule)::text end,
      'hint', hint
    )::text,
    detail = json_build_object('status', status, 'headers', json_build_object())::text;
end
$$;
comment on function private.raise_error is 'Raises an error the API returns with this HTTP status and a stable code (see docs/security-model.md).';
grant execute on function private.raise_error(integer, text, text, text, text, text) to authenticated, service_role, supabase_auth_admin;

-- The error body an RPC returns (with response.status set) when it must fail without
-- rolling back, e.g. to keep the audit entry of a denied attempt.
create or replace function private.error_body(code text, message text, field text default null, rule text default null)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object(
    'code', code,
    'message', message,
    'details', case when field is null and rule is null then null
                    else jsonb_build_object('field', field, 'rule', rule)::text end,
    'hint', null
  )
$$;
grant execute on function private.error_body(text, text, text, text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Row bookkeeping
-- ----------------------------------------------------------------------------

-- Keeps updated_at honest whatever the client sends.
create or replace function private.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;
