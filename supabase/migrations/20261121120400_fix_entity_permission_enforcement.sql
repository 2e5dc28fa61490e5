-- ============================================================================
-- Fixes to enforcing entity permissions (20261121120100), found by
-- supabase/tests/510_permission_rules:
--
--  * entity_history removed hidden fields from each entry's changes but returned the
--    transition's input whole: an input a transition writes into a hidden field (an
--    update {"kind": "input", "from": "why", "field": "secret"}) showed the hidden
--    value. Inputs that fed a hidden field are now left out (all of them when the
--    transition is no longer in the flow).
--  * migrate_entities only asked whether some update grant exists: a role whose update
--    grant has a row rule migrated (and counted, with p_dry_run) every entity of the
--    blueprint, and its filter could name hidden fields. It now needs an update grant
--    without row or field rules (entities.md: Admins and Editors), and its filter is
--    checked like query_entities' (403 hidden_field).
-- ============================================================================

-- An entity's history, newest first: who changed what when, transitions with their
-- states and input; values of fields the caller cannot read are absent.
create or replace function private.entity_history(p_entity_id uuid, p_before_id bigint, p_limit integer) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  e public.entities;
  hidden text[];
  state_hidden boolean;
  transitions jsonb;
  result jsonb;
begin
  perform private.require_user();
  if p_limit is null or p_limit not between 1 and 200 then
    perform private.raise_error(422, 'FOVAL', 'The page size (limit) must be between 1 and 200.', 'limit', 'range');
  end if;
  e := private.visible_entity(p_entity_id, false);
  hidden := coalesce(private.hidden_keys(e.blueprint_id, private.access_fields(private.entity_access(e.blueprint_id, e.tenant_id), 'read')), '{}');
  state_hidden := exists (select 1 from public.flows f where f.blueprint_id = e.blueprint_id and f.state_field = any (hidden));
  select coalesce(f.transitions, '[]'::jsonb) into transitions from public.flows f where f.blueprint_id = e.blueprint_id;
  select coalesce(jsonb_agg(jsonb_build_object(
           'id', h.id, 'version', h.entity_version, 'occurred_at', h.occurred_at, 'actor_id', h.actor_id,
           'actor_name', coalesce(nullif(p.full_name, ''), u.email), 'action', h.action, 'transition_key', h.transition_key,
           'from_state', case when not state_hidden then h.from_state end, 'to_state', case when not state_hidden then h.to_state end,
           'changes', h.changes - hidden,
           -- a transition's input may have been written to a field the caller cannot read
           'input', case
             when h.input is null or cardinality(hidden) = 0 then h.input
             when not exists (select 1 from jsonb_array_elements(coalesce(transitions, '[]'::jsonb)) t where t ->> 'key' = h.transition_key)
               then null -- the transition is gone: what its inputs fed is unknown
             else h.input - array(
               select u ->> 'from' from jsonb_array_elements(transitions) t, jsonb_array_elements(coalesce(t -> 'updates', '[]'::jsonb)) u
               where t ->> 'key' = h.transition_key and u ->> 'field' = any (hidden) and u ? 'from') end) order by h.id desc), '[]'::jsonb)
  into result
  from (select * from public.entity_history h where h.entity_id = e.id and (p_before_id is null or h.id < p_before_id)
        order by h.id desc limit p_limit) h
  left join public.profiles p on p.id = h.actor_id
  left join auth.users u on u.id = h.actor_id;
  return jsonb_build_object('entries', result,
    'next_before_id', case when jsonb_array_length(result) = p_limit then (result -> -1 ->> 'id')::bigint end);
end
$$;

create or replace function private.migrate_entities(p_blueprint_id uuid, p_to_version integer, p_entity_ids uuid[], p_filter jsonb,
                                                   p_dry_run boolean) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a record;
  b public.blueprints;
  refusal jsonb;
  scope jsonb;
  total integer;
  tz text;
  e public.entities;
  failure jsonb;
  failures jsonb := '[]'::jsonb;
  migrated integer := 0;
  job public.entity_migration_jobs;
  access jsonb;
begin
  perform private.require_user();
  a := private.blueprint_for_action(p_blueprint_id, 'update');
  b := a.blueprint;
  refusal := a.refusal;
  if refusal is not null then
    return refusal;
  end if;
  -- A migration rewrites any field of any entity of the blueprint (and its filter and
  -- counts would reach rows and fields the caller cannot see): it needs an update grant
  -- without row or field rules, and a filter on readable fields only.
  access := private.entity_access(b.id, b.tenant_id);
  if private.access_rows_sql(access, 'update') <> 'true' or private.access_fields(access, 'update') is not null then
    return private.deny_entity(b.tenant_id, 'migrate_entities', b.id::text,
      format('migrating entities of "%s" needs an update grant without row or field rules', b.name), null, 'row_rule');
  end if;
  perform private.assert_readable_paths(b, private.access_fields(access, 'read'), array(select private.filter_field_names(p_filter)));
  if b.deleted_at is not null then
    perform private.raise_error(409, 'FOCON', format('The blueprint "%s" is in the trash.', b.name), 'blueprint_id', 'in_trash');
  end if;
  p_to_version := coalesce(p_to_version, b.version);
  if p_to_version not between 1 and b.version then
    perform private.raise_error(422, 'FOVAL', format('"%s" has versions 1 to %s.', b.name, b.version), 'to_version', 'range');
  end if;
  if p_entity_ids is not null and cardinality(p_entity_ids) not between 1 and 1000 then
    perform private.raise_error(422, 'FOVAL', 'Name 1 to 1000 entities, or none for all (or a filter).', 'entity_ids', 'size');
  end if;
  scope := private.migration_scope_sql(b.tenant_id, b.id, p_entity_ids, p_filter);
  execute format('select count(*) from public.entities e where %s', scope ->> 'sql') into total
  using scope -> 'params', b.id, p_to_version, p_entity_ids;

  if total > 500 then
    insert into public.entity_migration_jobs (tenant_id, blueprint_id, to_version, entity_ids, filter, dry_run, total, created_by)
    values (b.tenant_id, b.id, p_to_version, p_entity_ids, p_filter, coalesce(p_dry_run, false), total, auth.uid())
    returning * into job;
    perform pgmq.send('entity_migrations', jsonb_build_object('job_id', job.id));
    return jsonb_build_object('job_id', job.id, 'status', job.status, 'total', total, 'dry_run', job.dry_run);
  end if;

  select t.timezone into tz from public.tenants t where t.id = b.tenant_id;
  for e in execute format('select e.* from public.entities e where %s order by e.id for no key update', scope ->> 'sql')
           using scope -> 'params', b.id, p_to_version, p_entity_ids loop
    failure := private.migrate_one_entity(e, p_to_version, tz, coalesce(p_dry_run, false));
    if failure is null then
      migrated := migrated + 1;
    else
      failures := failures || jsonb_build_array(failure);
    end if;
  end loop;
  if not coalesce(p_dry_run, false) and total > 0 then
    perform private.record_audit_event(b.tenant_id, 'migrate_entities', 'blueprints', b.id::text, 'success', null, null,
      jsonb_build_object('to_version', p_to_version, 'migrated', migrated, 'failed', jsonb_array_length(failures)));
  end if;
  return jsonb_build_object('dry_run', coalesce(p_dry_run, false), 'total', total, 'to_version', p_to_version,
    case when coalesce(p_dry_run, false) then 'would_migrate' else 'migrated' end, migrated,
    'failed', jsonb_array_length(failures), 'failures', failures);
end
$$;
