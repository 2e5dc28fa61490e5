-- ============================================================================
-- Flows: how entities of a blueprint move through the states of its status field.
-- A flow is a graph (states with positions, transitions as edges) saved whole by
-- the flow editor; a transition has a name, from-states (or any), a to-state, a
-- guard (a filter the entity must match), the roles that may run it, data updates
-- (literal, now, current user, copy of a field, arithmetic, an input) and the
-- inputs the user supplies. transition_entity runs one atomically: lock, check
-- permission, state and guard, apply, validate, bump the version, write history
-- and audit; any refusal writes nothing but the audit of a denial.
-- ============================================================================

create table public.flows (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  blueprint_id uuid not null references public.blueprints (id) on delete cascade,
  state_field text not null,
  states jsonb not null default '[]'::jsonb,
  transitions jsonb not null default '[]'::jsonb,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  updated_by uuid references auth.users (id) on delete set null,
  constraint flows_states_array check (jsonb_typeof(states) = 'array'),
  constraint flows_transitions_array check (jsonb_typeof(transitions) = 'array')
);
comment on table public.flows is
  'The flow of a blueprint: its status field, states [{key, x, y}] and transitions [{key, name, from, to, guard, roles, updates, inputs}].';
create unique index flows_blueprint_key on public.flows (blueprint_id);
create index flows_tenant_idx on public.flows (tenant_id);
create index flows_created_by_idx on public.flows (created_by);
create index flows_updated_by_idx on public.flows (updated_by);
create trigger flows_set_updated_at before update on public.flows for each row execute function private.set_updated_at();
alter table public.flows enable row level security;
revoke insert, update, delete, truncate, references, trigger on public.flows from anon, authenticated;

-- SELECT(flows): members see their tenant's flows (the UI draws them and offers transitions).
create policy flows_select_member on public.flows
  for select to authenticated
  using (tenant_id in (select private.tenant_ids_for_user()));

select private.enable_audit('public.flows');

-- ----------------------------------------------------------------------------
-- Describing filters (for messages and the UI)
-- ----------------------------------------------------------------------------

-- A filter as a short human sentence: weight > 0 and (status = "PENDING" or not urgent is empty).
create or replace function private.describe_filter(p_filter jsonb) returns text
language sql immutable parallel safe set search_path = ''
as $$
  select case
    when p_filter is null or p_filter = '{}'::jsonb then 'always'
    when p_filter ? 'and' then '(' || (select string_agg(private.describe_filter(f), ' and ') from jsonb_array_elements(p_filter -> 'and') f) || ')'
    when p_filter ? 'or' then '(' || (select string_agg(private.describe_filter(f), ' or ') from jsonb_array_elements(p_filter -> 'or') f) || ')'
    when p_filter ? 'not' then 'not ' || private.describe_filter(p_filter -> 'not')
    else format('%s %s %s', p_filter ->> 'field',
      case p_filter ->> 'op' when 'eq' then '=' when 'neq' then '≠' when 'lt' then '<' when 'lte' then '≤' when 'gt' then '>'
        when 'gte' then '≥' when 'is_null' then case when p_filter -> 'value' = 'true' then 'is empty' else 'is not empty' end
        else replace(p_filter ->> 'op', '_', ' ') end,
      case when p_filter ->> 'op' = 'is_null' then '' else p_filter ->> 'value' end)
  end
$$;
grant execute on function private.describe_filter(jsonb) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Saving a flow
-- ----------------------------------------------------------------------------

-- One data update of a transition, checked against the blueprint's fields and the
-- transition's inputs: {field, kind: literal|now|current_user|copy|add|subtract|multiply|input, ...}.
create or replace function private.check_flow_update(p_fields jsonb, p_inputs jsonb, p_update jsonb, p_path text) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  target jsonb;
  source jsonb;
  kind text := p_update ->> 'kind';
  numeric_types text[] := array['number', 'integer', 'currency'];
begin
  if jsonb_typeof(p_update) is distinct from 'object' then
    perform private.field_error(p_path, 'shape', 'An update is {"field", "kind", ...}.');
  end if;
  select f into target from jsonb_array_elements(p_fields) f where f ->> 'key' = p_update ->> 'field';
  if target is null then
    perform private.field_error(p_path || '.field', 'unknown_field', format('The blueprint has no field %s.', coalesce(p_update -> 'field', 'null'::jsonb)));
  end if;
  case kind
    when 'literal' then
      if not p_update ? 'value' then
        perform private.field_error(p_path || '.value', 'required', 'A literal update needs a value.');
      end if;
      begin
        p_update := jsonb_set(p_update, '{value}', coalesce(private.normalize_value(target, p_update -> 'value', 'UTC'), 'null'::jsonb));
      exception when sqlstate 'PGRST' then
        perform private.field_error(p_path || '.value', 'value', (sqlerrm::jsonb) ->> 'message');
      end;
    when 'now' then
      if target ->> 'type' not in ('date', 'datetime') then
        perform private.field_error(p_path || '.kind', 'kind', format('"%s" is %s; only date and date-time fields take now.', target ->> 'key', target ->> 'type'));
      end if;
    when 'current_user' then
      if target ->> 'type' <> 'member' then
        perform private.field_error(p_path || '.kind', 'kind', format('"%s" is %s; only member fields take the current user.', target ->> 'key', target ->> 'type'));
      end if;
    when 'copy' then
      select f into source from jsonb_array_elements(p_fields) f where f ->> 'key' = p_update ->> 'from';
      if source is null then
        perform private.field_error(p_path || '.from', 'unknown_field', format('The blueprint has no field %s to copy.', coalesce(p_update -> 'from', 'null'::jsonb)));
      end if;
      if not private.can_cast(source ->> 'type', target ->> 'type') then
        perform private.field_error(p_path || '.from', 'type', format('"%s" (%s) cannot be copied into "%s" (%s).',
          source ->> 'key', source ->> 'type', target ->> 'key', target ->> 'type'));
      end if;
    when 'add', 'subtract', 'multiply' then
      if not target ->> 'type' = any (numeric_types) then
        perform private.field_error(p_path || '.kind', 'kind', format('Arithmetic needs a number field; "%s" is %s.', target ->> 'key', target ->> 'type'));
      end if;
      if (p_update ? 'operand') = (p_update ? 'from') then
        perform private.field_error(p_path || '.operand', 'required', 'Arithmetic takes a number "operand" or a number field "from".');
      end if;
      if p_update ? 'operand' and jsonb_typeof(p_update -> 'operand') <> 'number' then
        perform private.field_error(p_path || '.operand', 'type', 'The operand is a number.');
      end if;
      if p_update ? 'from' and not exists (select 1 from jsonb_array_elements(p_fields) f
                                          where f ->> 'key' = p_update ->> 'from' and f ->> 'type' = any (numeric_types)) then
        perform private.field_error(p_path || '.from', 'unknown_field', format('%s is not a number field of the blueprint.', p_update -> 'from'));
      end if;
    when 'input' then
      select f into source from jsonb_array_elements(p_inputs) f where f ->> 'key' = p_update ->> 'from';
      if source is null then
        perform private.field_error(p_path || '.from', 'unknown_input', format('The transition has no input %s.', coalesce(p_update -> 'from', 'null'::jsonb)));
      end if;
      if not private.can_cast(source ->> 'type', target ->> 'type') then
        perform private.field_error(p_path || '.from', 'type', format('Input "%s" (%s) cannot fill "%s" (%s).',
          source ->> 'key', source ->> 'type', target ->> 'key', target ->> 'type'));
      end if;
    else
      perform private.field_error(p_path || '.kind', 'kind', 'An update kind is literal, now, current_user, copy, add, subtract, multiply or input.');
  end case;
  return p_update;
end
$$;
grant execute on function private.check_flow_update(jsonb, jsonb, jsonb, text) to authenticated, service_role;

-- A whole flow definition, checked and completed: {state_field, states, transitions}.
create or replace function private.check_flow(p_tenant_id uuid, p_blueprint_id uuid, p_fields jsonb, p_flow jsonb) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  state_field jsonb;
  option_keys text[];
  states jsonb := '[]'::jsonb;
  transitions jsonb := '[]'::jsonb;
  s jsonb;
  t jsonb;
  u jsonb;
  i integer := 0;
  j integer;
  inputs jsonb;
  updates jsonb;
  role_ids uuid[];
  path text;
begin
  if jsonb_typeof(p_flow) is distinct from 'object' then
    perform private.field_error('flow', 'shape', 'A flow is {"state_field", "states", "transitions"}.');
  end if;
  select f into state_field from jsonb_array_elements(p_fields) f where f ->> 'key' = p_flow ->> 'state_field' and f ->> 'type' = 'status';
  if state_field is null then
    perform private.field_error('flow.state_field', 'status', 'The flow drives a status field of the blueprint: name it in "state_field".');
  end if;
  option_keys := array(select o ->> 'value' from jsonb_array_elements(state_field -> 'options') o);

  -- states: every option of the status field, with a position (given or laid out in a row)
  for s in select value from jsonb_array_elements(coalesce(p_flow -> 'states', '[]'::jsonb)) loop
    if jsonb_typeof(s) <> 'object' or not (s ->> 'key') = any (option_keys)
       or (s ? 'x' and jsonb_typeof(s -> 'x') <> 'number') or (s ? 'y' and jsonb_typeof(s -> 'y') <> 'number') then
      perform private.field_error('flow.states.' || i, 'state', format('A state is {"key": one of %s, "x", "y"}.', array_to_string(option_keys, ', ')));
    end if;
    i := i + 1;
  end loop;
  select jsonb_agg(jsonb_build_object('key', k,
           'x', coalesce((select s2 -> 'x' from jsonb_array_elements(p_flow -> 'states') s2 where s2 ->> 'key' = k limit 1), to_jsonb((n - 1) * 220)),
           'y', coalesce((select s2 -> 'y' from jsonb_array_elements(p_flow -> 'states') s2 where s2 ->> 'key' = k limit 1), '0'::jsonb))
         order by n)
  into states
  from unnest(option_keys) with ordinality as o(k, n);

  -- transitions
  if jsonb_typeof(coalesce(p_flow -> 'transitions', '[]'::jsonb)) <> 'array' or jsonb_array_length(coalesce(p_flow -> 'transitions', '[]'::jsonb)) > 100 then
    perform private.field_error('flow.transitions', 'size', 'A flow has at most 100 transitions.');
  end if;
  i := 0;
  for t in select value from jsonb_array_elements(coalesce(p_flow -> 'transitions', '[]'::jsonb)) loop
    path := 'flow.transitions.' || i;
    if jsonb_typeof(t) <> 'object'
       or exists (select 1 from jsonb_object_keys(t) k where k not in ('key', 'name', 'from', 'to', 'guard', 'roles', 'updates', 'inputs')) then
      perform private.field_error(path, 'shape', 'A transition is {"key", "name", "from", "to", "guard", "roles", "updates", "inputs"}.');
    end if;
    if coalesce(t ->> 'key', '') !~ '^[a-z][a-z0-9_]{0,62}$' then
      perform private.field_error(path || '.key', 'format', 'A transition key starts with a lowercase letter; lowercase letters, digits and _.');
    end if;
    if exists (select 1 from jsonb_array_elements(transitions) x where x ->> 'key' = t ->> 'key') then
      perform private.field_error(path || '.key', 'duplicate', format('Two transitions have the key "%s".', t ->> 'key'));
    end if;
    if length(btrim(coalesce(t ->> 'name', ''))) not between 1 and 100 then
      perform private.field_error(path || '.name', 'length', 'A transition name is 1 to 100 characters.');
    end if;
    if not (t ->> 'to') = any (option_keys) or t ->> 'to' is null then
      perform private.field_error(path || '.to', 'state', format('"to" is one of the states: %s.', array_to_string(option_keys, ', ')));
    end if;
    if t ? 'from' and jsonb_typeof(t -> 'from') <> 'null' and (jsonb_typeof(t -> 'from') <> 'array' or jsonb_array_length(t -> 'from') = 0
       or exists (select 1 from jsonb_array_elements(t -> 'from') f where not (f #>> '{}') = any (option_keys))) then
      perform private.field_error(path || '.from', 'state', format('"from" lists states (%s), or is null for any state.', array_to_string(option_keys, ', ')));
    end if;
    -- the guard compiles against the fields (unknown fields, bad operators and values are refused here)
    if t ? 'guard' and jsonb_typeof(t -> 'guard') <> 'null' then
      begin
        perform private.compile_filter(p_tenant_id, p_fields, t -> 'guard');
      exception when sqlstate 'PGRST' then
        perform private.field_error(path || '.guard' || coalesce(nullif(substr(((sqlerrm::jsonb ->> 'details')::jsonb) ->> 'field', 7), ''), ''),
          ((sqlerrm::jsonb ->> 'details')::jsonb) ->> 'rule', (sqlerrm::jsonb) ->> 'message');
      end;
    end if;
    -- roles: ids of this tenant's roles (empty or absent: everyone who may change the entities)
    begin
      role_ids := array(select (r #>> '{}')::uuid from jsonb_array_elements(coalesce(t -> 'roles', '[]'::jsonb)) r);
    exception when others then
      perform private.field_error(path || '.roles', 'format', '"roles" lists role ids.');
    end;
    if exists (select 1 from unnest(role_ids) r where not exists (select 1 from public.roles x where x.id = r and x.tenant_id = p_tenant_id)) then
      perform private.field_error(path || '.roles', 'exists', '"roles" names a role that is not one of this tenant''s.');
    end if;
    -- inputs: field definitions of what the user supplies
    inputs := '[]'::jsonb;
    j := 0;
    for u in select value from jsonb_array_elements(coalesce(t -> 'inputs', '[]'::jsonb)) loop
      inputs := inputs || jsonb_build_array(private.check_field(p_tenant_id, p_blueprint_id, u, path || '.inputs.' || j));
      j := j + 1;
    end loop;
    if (select count(distinct x ->> 'key') from jsonb_array_elements(inputs) x) < jsonb_array_length(inputs) then
      perform private.field_error(path || '.inputs', 'duplicate', 'Two inputs have the same key.');
    end if;
    -- updates
    updates := '[]'::jsonb;
    j := 0;
    for u in select value from jsonb_array_elements(coalesce(t -> 'updates', '[]'::jsonb)) loop
      if u ->> 'field' = state_field ->> 'key' then
        perform private.field_error(path || '.updates.' || j || '.field', 'state_field', 'The state field is set by "to", not by an update.');
      end if;
      updates := updates || jsonb_build_array(private.check_flow_update(p_fields, inputs, u, path || '.updates.' || j));
      j := j + 1;
    end loop;
    transitions := transitions || jsonb_build_array(jsonb_build_object(
      'key', t ->> 'key', 'name', btrim(t ->> 'name'), 'from', case when jsonb_typeof(t -> 'from') = 'array' then t -> 'from' end,
      'to', t ->> 'to', 'guard', nullif(t -> 'guard', 'null'::jsonb), 'roles', to_jsonb(role_ids), 'updates', updates, 'inputs', inputs));
    i := i + 1;
  end loop;
  return jsonb_build_object('state_field', state_field ->> 'key', 'states', states, 'transitions', transitions);
end
$$;
revoke all on function private.check_flow(uuid, uuid, jsonb, jsonb) from public;

create or replace function private.save_flow(p_blueprint_id uuid, p_expected_version integer, p_flow jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  b public.blueprints := private.visible_blueprint(p_blueprint_id, false);
  refusal jsonb;
  fields jsonb;
  checked jsonb;
  f public.flows;
begin
  refusal := private.check_capability(b.tenant_id, 'manage_flows', 'save_flow', 'flows', b.id::text);
  if refusal is not null then
    return refusal;
  end if;
  if b.deleted_at is not null then
    perform private.raise_error(409, 'FOCON', format('The blueprint "%s" is in the trash.', b.name), 'blueprint_id', 'in_trash');
  end if;
  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = b.id and v.version = b.version;
  checked := private.check_flow(b.tenant_id, b.id, fields, p_flow);
  select * into f from public.flows where blueprint_id = b.id for update;
  if f.id is null then
    if p_expected_version is not null and p_expected_version <> 0 then
      perform private.raise_error(409, 'FOCON', 'This blueprint has no flow yet; save with expected_version 0 or null.', 'expected_version', 'stale');
    end if;
    insert into public.flows (tenant_id, blueprint_id, state_field, states, transitions, created_by, updated_by)
    values (b.tenant_id, b.id, checked ->> 'state_field', checked -> 'states', checked -> 'transitions', uid, uid)
    returning * into f;
  else
    if p_expected_version is distinct from f.version then
      perform private.raise_error(409, 'FOCON',
        format('The flow changed since you loaded it (it is at version %s). Reload it and apply your changes again.', f.version),
        'expected_version', 'stale');
    end if;
    update public.flows set state_field = checked ->> 'state_field', states = checked -> 'states', transitions = checked -> 'transitions',
      version = f.version + 1, updated_by = uid
    where id = f.id returning * into f;
  end if;
  return to_jsonb(f);
end
$$;
revoke all on function private.save_flow(uuid, integer, jsonb) from public;
grant execute on function private.save_flow(uuid, integer, jsonb) to authenticated;

create or replace function public.save_flow(p_blueprint_id uuid, p_expected_version integer, p_flow jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.save_flow(p_blueprint_id, p_expected_version, p_flow) $$;
comment on function public.save_flow is
  'Saves the flow of a blueprint whole: {state_field, states: [{key, x, y}], transitions: [{key, name, from, to, guard, roles, '
  'updates, inputs}]}. p_expected_version: the flow''s version (0 or null for a first save). Needs manage_flows.';
grant execute on function public.save_flow(uuid, integer, jsonb) to authenticated;

-- ----------------------------------------------------------------------------
-- Running a transition
-- ----------------------------------------------------------------------------

-- The value one update gives, from the entity's data, the inputs and the caller.
create or replace function private.flow_update_value(p_update jsonb, p_fields jsonb, p_data jsonb, p_input jsonb, p_inputs jsonb, p_timezone text)
returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  target jsonb := (select f from jsonb_array_elements(p_fields) f where f ->> 'key' = p_update ->> 'field');
  current numeric;
  operand numeric;
  result numeric;
begin
  if target is null then
    perform private.raise_error(409, 'FOCON', format('This entity''s blueprint version has no field "%s"; migrate it to the latest version first.',
      p_update ->> 'field'), p_update ->> 'field', 'blueprint_version');
  end if;
  case p_update ->> 'kind'
    when 'literal' then return p_update -> 'value';
    when 'now' then return private.field_default(jsonb_build_object('type', target ->> 'type', 'default', '{"kind": "now"}'::jsonb), p_timezone);
    when 'current_user' then return to_jsonb(auth.uid()::text);
    when 'copy' then
      return private.cast_value((select f from jsonb_array_elements(p_fields) f where f ->> 'key' = p_update ->> 'from'),
                                target, p_data -> (p_update ->> 'from'), p_timezone, target #>> '{currencies,0}');
    when 'input' then
      return private.cast_value((select f from jsonb_array_elements(p_inputs) f where f ->> 'key' = p_update ->> 'from'),
                                target, p_input -> (p_update ->> 'from'), p_timezone, target #>> '{currencies,0}');
    else
      current := coalesce(private.parse_decimal(case when target ->> 'type' = 'currency' then p_data -> (target ->> 'key') -> 'amount'
                                                     else p_data -> (target ->> 'key') end), 0);
      operand := case when p_update ? 'operand' then (p_update ->> 'operand')::numeric
                      else coalesce(private.parse_decimal(case when p_data -> (p_update ->> 'from') ? 'amount'
                                                               then p_data -> (p_update ->> 'from') -> 'amount'
                                                               else p_data -> (p_update ->> 'from') end), 0) end;
      result := case p_update ->> 'kind' when 'add' then current + operand when 'subtract' then current - operand else current * operand end;
      if target ->> 'type' = 'currency' then
        return jsonb_build_object('amount', result, 'currency', coalesce(p_data -> (target ->> 'key') ->> 'currency', target #>> '{currencies,0}', 'EUR'));
      end if;
      return to_jsonb(result);
  end case;
end
$$;
grant execute on function private.flow_update_value(jsonb, jsonb, jsonb, jsonb, jsonb, text) to authenticated, service_role;

-- Whether the caller's roles let them run a transition (its roles, or any writer when it names none).
create or replace function private.may_run_transition(p_tenant_id uuid, p_blueprint_id uuid, p_transition jsonb) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not private.entity_permission(p_tenant_id, p_blueprint_id, 'transition') then
    return false;
  end if;
  return jsonb_array_length(coalesce(p_transition -> 'roles', '[]'::jsonb)) = 0
    or exists (select 1 from public.member_roles mr
               where mr.tenant_id = p_tenant_id and mr.user_id = auth.uid() and (p_transition -> 'roles') ? mr.role_id::text);
end
$$;
revoke all on function private.may_run_transition(uuid, uuid, jsonb) from public;

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
  if t -> 'from' is not null and jsonb_typeof(t -> 'from') = 'array' and not (t -> 'from') ? coalesce(state, '') then
    perform private.raise_error(409, 'FOCON', format('"%s" runs from %s; this entity is %s.', t ->> 'name',
      (select string_agg(x, ' or ') from jsonb_array_elements_text(t -> 'from') x), coalesce(state, 'in no state')), f.state_field, 'from_state');
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
revoke all on function private.transition_entity(uuid, text, jsonb, integer) from public;
grant execute on function private.transition_entity(uuid, text, jsonb, integer) to authenticated;

create or replace function public.transition_entity(p_entity_id uuid, p_transition text, p_input jsonb default null,
                                                    p_expected_version integer default null) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.transition_entity(p_entity_id, p_transition, p_input, p_expected_version) $$;
comment on function public.transition_entity is
  'Runs a flow transition (by key) on an entity atomically: checks roles, from-state, guard and inputs, applies the state '
  'and the updates, validates, bumps the version, writes history and audit. p_expected_version is the entity''s version.';
grant execute on function public.transition_entity(uuid, text, jsonb, integer) to authenticated;

-- The transitions the caller could run on an entity now, and why the others are not possible.
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
begin
  perform private.require_user();
  e := private.visible_entity(p_entity_id, false);
  select * into f from public.flows where blueprint_id = e.blueprint_id;
  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = e.blueprint_id and v.version = e.blueprint_version;
  for t in select value from jsonb_array_elements(coalesce(f.transitions, '[]'::jsonb)) loop
    reason := null;
    if not private.may_run_transition(e.tenant_id, e.blueprint_id, t) then
      reason := 'role';
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
  return jsonb_build_object('state_field', f.state_field, 'state', e.data ->> f.state_field, 'transitions', result);
end
$$;
revoke all on function private.entity_transitions(uuid) from public;
grant execute on function private.entity_transitions(uuid) to authenticated;

create or replace function public.entity_transitions(p_entity_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.entity_transitions(p_entity_id) $$;
comment on function public.entity_transitions is
  'The flow transitions of an entity with whether the caller can run each now (reason: role, from_state, guard, blueprint_version).';
grant execute on function public.entity_transitions(uuid) to authenticated;
