-- ============================================================================
-- The audit search returns one summary line per entry (who, what, which object,
-- outcome, which fields changed, the denial reason); the full entry (before and
-- after values, details, user agent) comes from get_audit_entry when an admin
-- opens it. A results page is what the admin scans, so it stays small: a page of
-- full diffs was most of the search's cost under load (bench/audit-search.ts).
-- Access rules are unchanged (view_audit, or a super admin, audited).
-- ============================================================================

-- One lookup per request, in PL/pgSQL so its plans are kept for the connection.
create or replace function private.audit_access(p_tenant_id uuid) returns text
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_tenant_id is not null and private.has_capability(p_tenant_id, 'view_audit') then
    return 'member';
  end if;
  if exists (select 1 from private.super_admins s where s.user_id = auth.uid()) then
    return 'super_admin';
  end if;
  return null;
end
$$;

-- The checks every audit read starts with: signed in, allowed (else the audited denial,
-- returned as the body), a super admin's access to a tenant's log recorded in that log.
create or replace function private.authorize_audit_read(p_tenant_id uuid, p_action text, p_details jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  access text;
begin
  if auth.uid() is null then
    perform private.raise_error(401, 'FOAUT', 'Sign in first.', null, 'signed_in');
  end if;
  access := private.audit_access(p_tenant_id);
  if access is null then
    return private.deny_audit_access(p_tenant_id, p_action);
  end if;
  if access = 'super_admin' and p_tenant_id is not null then
    perform private.record_audit_event(p_tenant_id, p_action, 'audit_log', p_tenant_id::text, 'success', null, null,
      jsonb_build_object('as', 'super_admin') || coalesce(p_details, '{}'::jsonb));
  end if;
  return null;
end
$$;
revoke all on function private.authorize_audit_read(uuid, text, jsonb) from public;

-- ----------------------------------------------------------------------------
-- Prepared statements for dynamic queries
-- ----------------------------------------------------------------------------

-- The name of a prepared statement for p_sql with parameter types p_types, preparing it on
-- first use in this connection. Searches and entity lists compile their SQL per request
-- (only the predicates asked for), and planning it was a fifth of their database time;
-- PostgREST's connections live long, so a shape seen before skips planning. Values stay
-- parameters; what a generic plan needs to know (a blueprint, a page size) is a literal.
-- At most 200 per connection; then they start over.
create or replace function private.prepared_statement(p_sql text, p_types text) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  stmt text := 'fo_' || md5(p_types || ';' || p_sql);
  known text := coalesce(current_setting('flexoffice.prepared', true), '');
  stale text;
begin
  -- The names this connection prepared, kept in a session setting: pg_prepared_statements
  -- would list (and copy the text of) every statement PostgREST prepared too.
  if position(stmt in known) > 0 then
    return stmt;
  end if;
  if not exists (select 1 from pg_catalog.pg_prepared_statements s where s.name = stmt) then
    if length(known) >= 200 * 36 then
      for stale in select s.name from pg_catalog.pg_prepared_statements s where s.name like 'fo\_%' loop
        execute format('deallocate %I', stale);
      end loop;
      known := '';
    end if;
    execute format('prepare %I(%s) as %s', stmt, p_types, p_sql);
  end if;
  -- Session-wide (a rolled-back transaction forgets it, which only costs the lookup above).
  perform set_config('flexoffice.prepared', known || stmt || ',', false);
  return stmt;
end
$$;
revoke all on function private.prepared_statement(text, text) from public;

create or replace function private.search_audit_log(
  p_tenant_id uuid,
  p_actor uuid,
  p_action text,
  p_object_type text,
  p_object_id text,
  p_from timestamptz,
  p_to timestamptz,
  p_text text,
  p_before_id bigint,
  p_limit integer
) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  chain uuid := coalesce(p_tenant_id, private.audit_platform_chain());
  refusal jsonb;
  query text;
  cursor_at timestamptz;
  pattern text;
  rows jsonb;
  n integer;
begin
  refusal := private.authorize_audit_read(p_tenant_id, 'search_audit_log',
    jsonb_strip_nulls(jsonb_build_object('actor', p_actor, 'action', p_action, 'object_type', p_object_type,
      'object_id', p_object_id, 'from', p_from, 'to', p_to, 'text', p_text)));
  if refusal is not null then
    return refusal;
  end if;

  if p_limit is null or p_limit not between 1 and 200 then
    perform private.raise_error(422, 'FOVAL', 'The page size (limit) must be between 1 and 200.', 'limit', 'range');
  end if;
  if p_from is not null and p_to is not null and p_from > p_to then
    perform private.raise_error(422, 'FOVAL', 'The date range ends before it starts (from must not be after to).', 'from', 'before_to');
  end if;
  if length(p_text) > 200 then
    perform private.raise_error(422, 'FOVAL', 'The search text is at most 200 characters.', 'text', 'length');
  end if;
  if p_before_id is not null then
    select e.occurred_at into cursor_at from audit.entries e where e.id = p_before_id and e.chain_key = chain;
    if cursor_at is null then
      perform private.raise_error(422, 'FOVAL', 'The page cursor (before_id) is not an entry of this audit log.', 'before_id', 'exists');
    end if;
  end if;
  pattern := '%' || replace(replace(replace(lower(btrim(p_text)), '\', '\\'), '%', '\%'), '_', '\_') || '%';

  query := 'select e.id, e.occurred_at, e.actor_id, e.actor_email, e.actor_name, e.action, e.object_type, e.object_id,'
    || ' e.outcome, array(select k from jsonb_object_keys(private.audit_diff_keys(e.before) || private.audit_diff_keys(e.after)) k'
    || ' order by k) as changed_fields,'
    || ' e.details ->> ''reason'' as reason, host(e.ip) as ip'
    || ' from audit.entries e where e.chain_key = $1'
    || case when p_actor is not null then ' and e.actor_id = $2' else '' end
    || case when nullif(btrim(p_action), '') is not null then ' and e.action = $3' else '' end
    || case when nullif(btrim(p_object_type), '') is not null then ' and e.object_type = $4' else '' end
    || case when nullif(btrim(p_object_id), '') is not null then ' and e.object_id = $5' else '' end
    || case when p_from is not null then ' and e.occurred_at >= $6' else '' end
    || case when p_to is not null then ' and e.occurred_at < $7' else '' end
    || case when nullif(btrim(p_text), '') is not null then ' and e.search_text like $8' else '' end
    || case when p_before_id is not null then ' and (e.occurred_at < $9 or (e.occurred_at = $9 and e.id < $10))' else '' end
    || ' order by e.occurred_at desc, e.id desc limit ' || p_limit;

  execute format('execute %I(%L, %L, %L, %L, %L, %L, %L, %L, %L, %L)',
    private.prepared_statement(
      'select coalesce(jsonb_agg(to_jsonb(r) order by r.occurred_at desc, r.id desc), ''[]''::jsonb), count(*)::integer from ('
      || query || ') r',
      'uuid, uuid, text, text, text, timestamptz, timestamptz, text, timestamptz, bigint'),
    chain, p_actor, btrim(p_action), btrim(p_object_type), btrim(p_object_id), p_from, p_to, pattern, cursor_at, p_before_id)
  into rows, n;

  return jsonb_build_object(
    'entries', rows,
    'next_before_id', case when n = p_limit then (rows -> (n - 1) ->> 'id')::bigint end
  );
end
$$;

comment on function public.search_audit_log is
  'Audit log of a tenant (null: platform, super admins), newest first, one summary per entry (changed_fields, reason; '
  'get_audit_entry has the full entry): filters by actor, action, object, [from, to) and text; '
  'pass next_before_id as p_before_id for the next page. Needs view_audit; denials are audited.';

-- The diff side of an entry as an object ({} for none): its keys are the fields the
-- entry touches (inserts and deletes list the row's columns, updates the changed ones).
-- Inlined into the search (a plain SQL expression), so it costs microseconds per row.
create or replace function private.audit_diff_keys(p_side jsonb) returns jsonb
language sql immutable parallel safe
as $$ select case when jsonb_typeof(p_side) = 'object' then p_side else '{}'::jsonb end $$;
grant execute on function private.audit_diff_keys(jsonb) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- One entry, whole
-- ----------------------------------------------------------------------------

create or replace function private.get_audit_entry(p_tenant_id uuid, p_id bigint) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  refusal jsonb;
  entry jsonb;
begin
  refusal := private.authorize_audit_read(p_tenant_id, 'get_audit_entry', jsonb_build_object('id', p_id));
  if refusal is not null then
    return refusal;
  end if;
  select to_jsonb(r) into entry from (
    select e.id, e.tenant_id, e.occurred_at, e.actor_id, e.actor_email, e.actor_name, e.action, e.object_type,
           e.object_id, e.outcome, e.before, e.after, e.details, host(e.ip) as ip, e.user_agent, e.chain_seq
    from audit.entries e
    where e.id = p_id and e.chain_key = coalesce(p_tenant_id, private.audit_platform_chain())
  ) r;
  if entry is null then
    perform private.raise_error(404, 'FONF0', 'No such entry in this audit log.', 'id', 'exists');
  end if;
  return entry;
end
$$;
grant execute on function private.get_audit_entry(uuid, bigint) to authenticated;

create or replace function public.get_audit_entry(p_tenant_id uuid, p_id bigint) returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$ select private.get_audit_entry(p_tenant_id, p_id) $$;
comment on function public.get_audit_entry is
  'One audit entry of a tenant''s log (null: the platform''s), whole: before and after values, details, user agent. Needs view_audit.';
grant execute on function public.get_audit_entry(uuid, bigint) to authenticated;

-- Verification shares the same gate.
create or replace function private.verify_audit_chain_for_caller(p_tenant_id uuid) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  refusal jsonb;
  result record;
begin
  refusal := private.authorize_audit_read(p_tenant_id, 'verify_audit_chain', null);
  if refusal is not null then
    return refusal;
  end if;
  select * into result from private.verify_audit_chain(p_tenant_id);
  return jsonb_build_object('ok', result.ok, 'checked', result.checked, 'first_broken_id', result.first_broken_id,
                            'reason', result.reason);
end
$$;
