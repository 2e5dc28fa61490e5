-- ============================================================================
-- The audit search does less per request; what it answers is unchanged.
--
-- bench/audit-search.ts (1,000,000 entries, an Admin's actor + date range + text
-- search, 20 clients on 2 cores) put the search's own database time after the
-- query itself in three places, each changed here:
--  * the changed fields of each listed entry are read from the stored column
--    (20261121150300) instead of merged and sorted per entry;
--  * the page is built as json, not jsonb: the API only ever serializes it, and
--    building the binary form of every entry first (then printing it for
--    PostgREST) was a tenth of the search's database time. The response body is
--    the same JSON ({entries, next_before_id}, or the refusal body); the cursor
--    (the last entry's id) comes from the same statement;
--  * the API function (public, security invoker) is a SQL function without a SET
--    clause, so Postgres inlines it into PostgREST's statement. With a SET clause
--    (search_path) every request ran it as a separate function call that parsed
--    and planned its one-line body again. Its body has nothing to resolve: one
--    schema-qualified call with named arguments of the function's own types.
--
-- The return type changes (jsonb -> json), so both functions are dropped and
-- created again with the same arguments, grants and rules: view_audit or a super
-- admin (audited), denials audited and answered 403 FODEN, values of entities the
-- member may not read kept out of the free text.
-- ============================================================================

drop function public.search_audit_log(uuid, uuid, text, text, text, timestamptz, timestamptz, text, bigint, integer, text);
drop function private.search_audit_log(uuid, uuid, text, text, text, timestamptz, timestamptz, text, bigint, integer, text);

-- ----------------------------------------------------------------------------
-- The search body (20261121140430's, reading changed_fields, building json)
-- ----------------------------------------------------------------------------

create function private.search_audit_log(
  p_tenant_id uuid,
  p_actor uuid,
  p_action text,
  p_object_type text,
  p_object_id text,
  p_from timestamptz,
  p_to timestamptz,
  p_text text,
  p_before_id bigint,
  p_limit integer,
  p_outcome text
) returns json
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
  rows json;
  last_id bigint;
  n integer;
  restricted text[] := '{}';
  outcome text := nullif(btrim(p_outcome), '');
begin
  refusal := private.authorize_audit_read(p_tenant_id, 'search_audit_log',
    jsonb_strip_nulls(jsonb_build_object('actor', p_actor, 'action', p_action, 'object_type', p_object_type,
      'object_id', p_object_id, 'from', p_from, 'to', p_to, 'text', p_text, 'outcome', outcome)));
  if refusal is not null then
    return refusal::json;
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
  if outcome is not null and outcome not in ('success', 'denied', 'failure') then
    perform private.raise_error(422, 'FOVAL', 'The outcome must be one of: success, denied, failure.', 'outcome', 'known');
  end if;
  if p_before_id is not null then
    select e.occurred_at into cursor_at from audit.entries e where e.id = p_before_id and e.chain_key = chain;
    if cursor_at is null then
      perform private.raise_error(422, 'FOVAL', 'The page cursor (before_id) is not an entry of this audit log.', 'before_id', 'exists');
    end if;
  end if;
  pattern := '%' || replace(replace(replace(lower(btrim(p_text)), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  -- Free text matches values too: a member whose grants restrict what they read of a
  -- blueprint (rows or fields) does not search the entries of its entities' changes.
  if nullif(btrim(p_text), '') is not null and p_tenant_id is not null
     and not exists (select 1 from public.member_roles mr join public.roles r on r.id = mr.role_id
                     where mr.tenant_id = p_tenant_id and mr.user_id = auth.uid() and r.builtin and r.key = 'admin')
     and exists (select 1 from public.tenant_members m where m.tenant_id = p_tenant_id and m.user_id = auth.uid()) then
    restricted := array(
      select b.id::text from public.blueprints b, lateral (select private.entity_access_for(auth.uid(), b.id, b.tenant_id) as access) a
      where b.tenant_id = p_tenant_id
        and (private.access_rows_sql(a.access, 'read') <> 'true' or private.access_fields(a.access, 'read') is not null)
      order by 1);
  end if;

  query := 'select e.id, e.occurred_at, e.actor_id, e.actor_email, e.actor_name, e.action, e.object_type, e.object_id,'
    || ' e.outcome, e.changed_fields,'
    || ' e.details ->> ''reason'' as reason, host(e.ip) as ip'
    || ' from audit.entries e where e.chain_key = $1'
    || case when p_actor is not null then ' and e.actor_id = $2' else '' end
    || case when nullif(btrim(p_action), '') is not null then ' and e.action = $3' else '' end
    || case when nullif(btrim(p_object_type), '') is not null then ' and e.object_type = $4' else '' end
    || case when nullif(btrim(p_object_id), '') is not null then ' and e.object_id = $5' else '' end
    || case when p_from is not null then ' and e.occurred_at >= $6' else '' end
    || case when p_to is not null then ' and e.occurred_at < $7' else '' end
    || case when nullif(btrim(p_text), '') is not null then ' and e.search_text like $8' else '' end
    || case when outcome is not null then ' and e.outcome = $11' else '' end
    || case when cardinality(restricted) > 0
            then format(' and not (e.object_type = ''entities'' and e.details ->> ''blueprint_id'' = any (%L::text[]))', restricted)
            else '' end
    || case when p_before_id is not null then ' and (e.occurred_at < $9 or (e.occurred_at = $9 and e.id < $10))' else '' end
    || ' order by e.occurred_at desc, e.id desc limit ' || p_limit;

  execute format('execute %I(%L, %L, %L, %L, %L, %L, %L, %L, %L, %L, %L)',
    private.prepared_statement(
      'select coalesce(json_agg(r order by r.occurred_at desc, r.id desc), ''[]''::json), count(*)::integer,'
      || ' (array_agg(r.id order by r.occurred_at, r.id))[1] from ('
      || query || ') r',
      'uuid, uuid, text, text, text, timestamptz, timestamptz, text, timestamptz, bigint, text'),
    chain, p_actor, btrim(p_action), btrim(p_object_type), btrim(p_object_id), p_from, p_to, pattern, cursor_at, p_before_id,
    outcome)
  into rows, n, last_id;

  return json_build_object('entries', rows, 'next_before_id', case when n = p_limit then last_id end);
end
$$;
grant execute on function private.search_audit_log(uuid, uuid, text, text, text, timestamptz, timestamptz, text, bigint, integer, text)
  to authenticated;

-- ----------------------------------------------------------------------------
-- The API
-- ----------------------------------------------------------------------------

create function public.search_audit_log(
  p_tenant_id uuid,
  p_actor uuid default null,
  p_action text default null,
  p_object_type text default null,
  p_object_id text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_text text default null,
  p_before_id bigint default null,
  p_limit integer default 50,
  p_outcome text default null
) returns json
language sql
volatile
security invoker
as $$
  select private.search_audit_log(p_tenant_id => p_tenant_id, p_actor => p_actor, p_action => p_action,
    p_object_type => p_object_type, p_object_id => p_object_id, p_from => p_from, p_to => p_to, p_text => p_text,
    p_before_id => p_before_id, p_limit => p_limit, p_outcome => p_outcome)
$$;
comment on function public.search_audit_log is
  'Audit log of a tenant (null: platform, super admins), newest first, one summary per entry (changed_fields, reason; '
  'get_audit_entry has the full entry): filters by actor, action, object, outcome (success, denied, failure), '
  '[from, to) and text; pass next_before_id as p_before_id for the next page. Needs view_audit; denials are audited.';
grant execute on function public.search_audit_log(uuid, uuid, text, text, text, timestamptz, timestamptz, text, bigint, integer, text)
  to authenticated;
