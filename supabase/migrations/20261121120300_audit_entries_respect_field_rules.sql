-- ============================================================================
-- The audit log is one more path entity values leave the database by: an entry of an
-- entity change carries the changed fields' values before and after. A member who
-- may view the audit log reads those values only as their own grants on the entity's
-- blueprint allow (docs/permissions.md): fields they cannot read are absent from
-- before/after, and an entity outside their read rows shows no values at all
-- (values_hidden). Super admins, who answer for the whole platform, read entries whole.
-- The search page lists changed field names only, never values; its free text, which
-- matches values too, leaves out the changes of entities of blueprints the member's
-- grants restrict (rows or fields), so a hidden value cannot be probed by searching.
-- ============================================================================

create or replace function private.get_audit_entry(p_tenant_id uuid, p_id bigint) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  refusal jsonb;
  entry jsonb;
  blueprint_id uuid;
  access jsonb;
  hidden text[];
  target public.entities;
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
  -- An entity's values, as the caller's grants on its blueprint let them read them.
  if entry ->> 'object_type' = 'entities' and p_tenant_id is not null
     and private.audit_access(p_tenant_id) = 'member'
     and private.has_value_format('uuid', entry #>> '{details,blueprint_id}') then
    blueprint_id := (entry #>> '{details,blueprint_id}')::uuid;
    access := private.entity_access(blueprint_id, p_tenant_id);
    select * into target from public.entities en
    where private.has_value_format('uuid', entry ->> 'object_id') and en.id = (entry ->> 'object_id')::uuid;
    if jsonb_array_length(coalesce(access -> 'read', '[]'::jsonb)) = 0
       or (target.id is not null and not private.entity_matches(target, private.access_rows_sql(access, 'read'))) then
      return entry || jsonb_build_object('before', null, 'after', null, 'values_hidden', true);
    end if;
    hidden := private.hidden_keys(blueprint_id, private.access_fields(access, 'read'));
    if cardinality(hidden) > 0 then
      entry := entry || jsonb_build_object(
        'before', case when jsonb_typeof(entry -> 'before') = 'object' then (entry -> 'before') - hidden else entry -> 'before' end,
        'after', case when jsonb_typeof(entry -> 'after') = 'object' then (entry -> 'after') - hidden else entry -> 'after' end,
        'values_hidden', true);
    end if;
  end if;
  return entry;
end
$$;

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
  restricted text[] := '{}';
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
  -- Free text matches values too: a member whose grants restrict what they read of a
  -- blueprint (rows or fields) does not search the entries of its entities' changes.
  -- (the session was checked by authorize_audit_read: plain lookups here, no Admin pays)
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
    || case when cardinality(restricted) > 0
            then format(' and not (e.object_type = ''entities'' and e.details ->> ''blueprint_id'' = any (%L::text[]))', restricted)
            else '' end
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
