-- ============================================================================
-- Audit entries store the fields their change touched (changed_fields), computed
-- once when the entry is written instead of on every search that lists it.
--
-- Each search result line carries the keys the entry's before/after values touch.
-- Working them out per listed entry (merge the two sides, list the keys, sort)
-- took a tenth or more of the search's database time under load
-- (bench/audit-search.ts). An entry never changes after it is written, so the list
-- is a stored generated column: every writer (the generic audit trigger, auth
-- events, denials, bulk loads) gets it without doing anything, and it cannot
-- disagree with the values. It is not part of the entry's hash (the hash covers
-- the values it is derived from). The search body is 20261121140430's with the
-- column read instead of computed.
-- ============================================================================

-- The keys an entry's change touches, alphabetical (non-object sides count as none).
create or replace function private.audit_changed_fields(p_before jsonb, p_after jsonb) returns text[]
language sql immutable parallel safe set search_path = ''
as $$
  select array(select k from jsonb_object_keys(private.audit_diff_keys(p_before) || private.audit_diff_keys(p_after)) k order by k)
$$;
comment on function private.audit_changed_fields is 'The keys an audit entry''s before/after values touch, sorted; stored as audit.entries.changed_fields.';

alter table audit.entries
  add column changed_fields text[] not null generated always as (private.audit_changed_fields(before, after)) stored;
comment on column audit.entries.changed_fields is 'Keys the change touches (derived from before/after, so not hashed separately).';

-- The one update audit entries allow (erasing a deleted user's email and name) compares
-- the entry before and after; a BEFORE trigger sees generated columns not yet computed
-- (null in NEW), so they are left out of the comparison like search_text. Otherwise as
-- in 20261121100100.
create or replace function private.audit_entries_refuse_update() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  erasing text := nullif(current_setting('audit.erase_actor', true), '');
begin
  if erasing is not null
    and old.actor_id::text = erasing
    and new.actor_email is null
    and new.actor_name is null
    and to_jsonb(new) - array['actor_email', 'actor_name', 'search_text', 'changed_fields']
        = to_jsonb(old) - array['actor_email', 'actor_name', 'search_text', 'changed_fields']
  then
    return new;
  end if;
  perform private.raise_error(403, 'FODEN', 'Audit entries are append-only: UPDATE is refused.', 'audit.entries', 'append_only');
  return null;
end
$$;

-- ----------------------------------------------------------------------------
-- The search body, reading the stored list
-- ----------------------------------------------------------------------------

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
  p_limit integer,
  p_outcome text
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
  restricted text[] := '{}';
  outcome text := nullif(btrim(p_outcome), '');
begin
  refusal := private.authorize_audit_read(p_tenant_id, 'search_audit_log',
    jsonb_strip_nulls(jsonb_build_object('actor', p_actor, 'action', p_action, 'object_type', p_object_type,
      'object_id', p_object_id, 'from', p_from, 'to', p_to, 'text', p_text, 'outcome', outcome)));
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
      'select coalesce(jsonb_agg(to_jsonb(r) order by r.occurred_at desc, r.id desc), ''[]''::jsonb), count(*)::integer from ('
      || query || ') r',
      'uuid, uuid, text, text, text, timestamptz, timestamptz, text, timestamptz, bigint, text'),
    chain, p_actor, btrim(p_action), btrim(p_object_type), btrim(p_object_id), p_from, p_to, pattern, cursor_at, p_before_id,
    outcome)
  into rows, n;

  return jsonb_build_object(
    'entries', rows,
    'next_before_id', case when n = p_limit then (rows -> (n - 1) ->> 'id')::bigint end
  );
end
$$;
grant execute on function private.search_audit_log(uuid, uuid, text, text, text, timestamptz, timestamptz, text, bigint, integer, text)
  to authenticated;
