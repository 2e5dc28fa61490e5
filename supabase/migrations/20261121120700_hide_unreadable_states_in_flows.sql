-- ============================================================================
-- A state field the caller cannot read stayed readable through the flow RPCs of
-- 20261121120100: entity_transitions answered the entity's state, and a transition
-- refused for its state named it ("... runs from OPEN; this entity is WON"). Both now
-- name the state only to callers whose read grants cover the state field (found by
-- supabase/tests/510_permission_rules).
-- ============================================================================

create or replace function private.transition_entity(p_entity_id uuid, p_transition text, p_input jsonb, p_expected_version integer) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.entities;
  b public.blueprints;
  f public.flows;
  t jsonb;
  fields jsonb;
  tz text;
  state text;
  input jsonb := '{}'::jsonb;
  inp jsonb;
  changes jsonb;
  u jsonb;
  compiled jsonb;
  ok boolean;
  readable text[];
begin
  perform private.require_user();
  e := private.visible_entity(p_entity_id, true);
  select * into b from public.blueprints where id = e.blueprint_id;
  select * into f from public.flows where blueprint_id = b.id;
  select x into t from jsonb_array_elements(coalesce(f.transitions, '[]'::jsonb)) x where x ->> 'key' = p_transition;
  if t is null then
    perform private.raise_error(404, 'FONF0', format('"%s" has no transition "%s".', b.name, coalesce(p_transition, '')), 'transition', 'exists');
  end if;
  if not private.may_run_transition(b.tenant_id, b.id, t) then
    return private.deny(b.tenant_id, 'transition_entity', 'entities', e.id::text,
      format('your roles may not run "%s" on "%s"', t ->> 'name', b.name));
  end if;
  if not private.entity_matches(e, private.transition_rows_sql(private.entity_access(b.id, b.tenant_id), t ->> 'key')) then
    return private.deny_entity(b.tenant_id, 'transition_entity', e.id::text,
      format('your roles may not run "%s" on this entity of "%s" (row rule)', t ->> 'name', b.name), null, 'row_rule');
  end if;
  if e.deleted_at is not null then
    perform private.raise_error(409, 'FOCON', 'This entity is in the trash; restore it first.', 'entity_id', 'in_trash');
  end if;
  if p_expected_version is distinct from e.version then
    perform private.raise_error(409, 'FOCON',
      format('The entity changed since you loaded it (it is at version %s, you had version %s). Reload it and try again.',
        e.version, coalesce(p_expected_version::text, 'none')), 'expected_version', 'stale');
  end if;
  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = e.blueprint_id and v.version = e.blueprint_version;
  if not exists (select 1 from jsonb_array_elements(fields) x where x ->> 'key' = f.state_field and x ->> 'type' = 'status') then
    perform private.raise_error(409, 'FOCON', 'This entity''s blueprint version has no state field for this flow; migrate it first.',
      f.state_field, 'blueprint_version');
  end if;
  state := e.data ->> f.state_field;
  readable := private.access_fields(private.entity_access(b.id, b.tenant_id), 'read');
  if t -> 'from' is not null and jsonb_typeof(t -> 'from') = 'array' and not (t -> 'from') ? coalesce(state, '') then
    perform private.raise_error(409, 'FOCON', format('"%s" runs from %s; this entity is %s.', t ->> 'name',
      (select string_agg(x, ' or ') from jsonb_array_elements_text(t -> 'from') x),
      -- the state is named only to those who may read it
      case when readable is not null and not f.state_field = any (readable) then 'in another state'
           else coalesce(state, 'in no state') end), f.state_field, 'from_state');
  end if;
  if t -> 'guard' is not null and jsonb_typeof(t -> 'guard') = 'object' then
    compiled := private.compile_filter(b.tenant_id, fields, t -> 'guard');
    execute format('select exists (select 1 from public.entities e where e.id = $2 and %s)', compiled ->> 'sql')
    into ok using compiled -> 'params', e.id;
    if not ok then
      perform private.raise_error(409, 'FOCON', format('"%s" is not possible now: it needs %s.', t ->> 'name', private.describe_filter(t -> 'guard')),
        null, 'guard');
    end if;
  end if;
  select t2.timezone into tz from public.tenants t2 where t2.id = b.tenant_id;
  -- inputs
  if p_input is not null and jsonb_typeof(p_input) <> 'object' then
    perform private.raise_error(422, 'FOVAL', 'The input is an object keyed by input key.', 'input', 'shape');
  end if;
  begin
    input := private.prepare_entity_data(coalesce(t -> 'inputs', '[]'::jsonb), coalesce(p_input, '{}'::jsonb), null, tz);
  exception when sqlstate 'PGRST' then
    perform private.reraise_error(sqlerrm, 'input', '', 422, 'FOVAL');
  end;
  -- updates: the state, then each declared update
  changes := jsonb_build_object(f.state_field, t ->> 'to');
  for u in select value from jsonb_array_elements(coalesce(t -> 'updates', '[]'::jsonb)) loop
    changes := changes || jsonb_build_object(u ->> 'field', private.flow_update_value(u, fields, e.data, input, t -> 'inputs', tz));
  end loop;
  e := private.change_entity(e, p_expected_version, changes, 'transition',
    jsonb_build_object('transition_key', t ->> 'key', 'from_state', state, 'to_state', t ->> 'to', 'input', input));
  return private.entity_json(e);
end
$$;

create or replace function private.entity_transitions(p_entity_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.entities;
  f public.flows;
  t jsonb;
  fields jsonb;
  compiled jsonb;
  ok boolean;
  reason text;
  result jsonb := '[]'::jsonb;
  access jsonb;
begin
  perform private.require_user();
  e := private.visible_entity(p_entity_id, false);
  access := private.entity_access(e.blueprint_id, e.tenant_id);
  select * into f from public.flows where blueprint_id = e.blueprint_id;
  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = e.blueprint_id and v.version = e.blueprint_version;
  for t in select value from jsonb_array_elements(coalesce(f.transitions, '[]'::jsonb)) loop
    reason := null;
    if not private.may_run_transition(e.tenant_id, e.blueprint_id, t) then
      reason := 'role';
    elsif not private.entity_matches(e, private.transition_rows_sql(access, t ->> 'key')) then
      reason := 'row_rule';
    elsif jsonb_typeof(t -> 'from') = 'array' and not (t -> 'from') ? coalesce(e.data ->> f.state_field, '') then
      reason := 'from_state';
    elsif jsonb_typeof(t -> 'guard') = 'object' then
      begin
        compiled := private.compile_filter(e.tenant_id, fields, t -> 'guard');
        execute format('select exists (select 1 from public.entities e where e.id = $2 and %s)', compiled ->> 'sql')
        into ok using compiled -> 'params', e.id;
        if not ok then
          reason := 'guard';
        end if;
      exception when sqlstate 'PGRST' then
        reason := 'blueprint_version';
      end;
    end if;
    result := result || jsonb_build_array(jsonb_build_object('key', t ->> 'key', 'name', t ->> 'name', 'to', t ->> 'to',
      'inputs', t -> 'inputs', 'available', reason is null, 'reason', reason,
      'guard', case when jsonb_typeof(t -> 'guard') = 'object' then private.describe_filter(t -> 'guard') end));
  end loop;
  return jsonb_build_object('state_field', f.state_field,
    'state', case when private.access_fields(access, 'read') is null or f.state_field = any (private.access_fields(access, 'read'))
                  then e.data ->> f.state_field end,
    'transitions', result);
end
$$;
