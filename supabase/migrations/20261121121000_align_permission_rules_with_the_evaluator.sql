-- ============================================================================
-- Permission rules, aligned with the reference evaluator (packages/shared/src/
-- permissions) where docs/permissions.md was silent when 20261121120000/120100
-- were written:
--  * roles apply in builtin-then-key order and a refusal names the first written
--    field in byte order (collate "C"), whatever the database's collation;
--  * a member attribute that is an empty string is no value (the condition is false,
--    a preset writes null), and attributes compare with long text too;
--  * a variable is a condition's whole value: one inside an in/between list is
--    refused as variable_type; a variable whose name is not a string is
--    unknown_variable.
-- ============================================================================

create or replace function private.variable_condition_sql(
  p_tenant_id uuid, p_field jsonb, p_name text, p_op text, p_value jsonb, p_path text
) returns text
language plpgsql stable set search_path = ''
as $$
declare
  var text := p_value ->> 'var';
  kind text := p_field ->> 'type';
  expr text := p_field ->> 'sql';
  is_column boolean := coalesce((p_field ->> 'column')::boolean, false) or kind = 'id';
  src text;
  cmp text := case p_op when 'eq' then '=' when 'neq' then '<>' when 'lt' then '<' when 'lte' then '<='
                        when 'gt' then '>' when 'gte' then '>=' end;
  as_text text;
  fits boolean;
begin
  if (select count(*) from jsonb_object_keys(p_value)) <> 1 then
    perform private.field_error(p_path, 'shape', 'A variable is {"var": name}, e.g. {"var": "member.region"}.');
  end if;
  if jsonb_typeof(p_value -> 'var') is distinct from 'string' or not (var in ('user.id', 'user.email', 'user.roles', 'now') or var ~ '^member\.[a-z][a-z0-9_]{0,39}$') then
    perform private.field_error(p_path, 'unknown_variable', format(
      'Unknown variable %s: use user.id, user.email, user.roles, member.<attribute> or now.', to_jsonb(left(var, 60))));
  end if;
  src := format('((select private.permission_vars(%L::uuid)) -> %L)', p_tenant_id, var);
  -- an empty attribute is no value, like an empty field
  as_text := format('(case when jsonb_typeof(%1$s) = ''string'' then nullif(%1$s #>> ''{}'', '''') end)', src);
  fits := case
    when var = 'user.id' then kind = 'member' and p_op in ('eq', 'neq')
    when var = 'user.email' then kind in ('text', 'email') and p_op in ('eq', 'neq', 'contains', 'starts_with')
    when var = 'user.roles' then kind in ('text', 'single_select', 'status', 'multi_select') and p_op = 'in'
    when var = 'now' then kind in ('date', 'datetime') and p_op in ('eq', 'neq', 'lt', 'lte', 'gt', 'gte')
    else kind in ('text', 'email', 'url', 'phone', 'long_text', 'single_select', 'status', 'multi_select', 'number', 'integer',
                  'currency', 'boolean')
         and p_op in ('eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'contains', 'starts_with')
  end;
  if not fits then
    perform private.field_error(p_path, 'variable_type', format('"%s" (%s) %s does not take the variable %s (docs/permissions.md, Variables).',
      p_name, replace(kind, '_', ' '), p_op, var));
  end if;

  if var = 'user.roles' then
    if kind = 'multi_select' then
      return format('(%s ?| private.jsonb_text_array(%s))', p_field ->> 'jsonb_sql', src);
    end if;
    return format('(%s = any (private.jsonb_text_array(%s)::text[] collate "C"))', expr, src);
  end if;
  if var = 'now' then
    if kind = 'date' then
      return format('(%s %s ((%s #>> ''{}'') collate "C"))', expr, cmp,
        format('((select private.permission_vars(%L::uuid)) -> ''today'')', p_tenant_id));
    end if;
    if is_column then
      return format('(%s %s ((%s #>> ''{}'')::timestamptz))', expr, cmp, src);
    end if;
    return format('(%s %s ((%s #>> ''{}'') collate "C"))', expr, cmp, src);
  end if;
  if var = 'user.id' and is_column then
    return format('(%s %s ((%s #>> ''{}'')::uuid))', expr, cmp, src);
  end if;
  -- user.id on a member field, user.email, member.<attribute>
  if kind in ('number', 'integer', 'currency') then
    return format('(%1$s %2$s (case when jsonb_typeof(%3$s) = ''number'' then (%3$s #>> ''{}'')::numeric end))', expr, cmp, src);
  end if;
  if kind = 'boolean' then
    return format('(%1$s %2$s (case when jsonb_typeof(%3$s) = ''boolean'' then (%3$s #>> ''{}'')::boolean end))', expr, cmp, src);
  end if;
  if kind = 'multi_select' then
    if p_op <> 'contains' then
      perform private.field_error(p_path, 'variable_type', format('"%s" (multi select) takes a variable only with contains.', p_name));
    end if;
    return format('(%s ? %s)', p_field ->> 'jsonb_sql', as_text);
  end if;
  if p_op in ('contains', 'starts_with') then
    return format('(lower((%s)::text collate "default") like private.like_pattern(%s, %L))', expr, as_text, p_op);
  end if;
  return format('(%s %s (%s collate "C"))', expr, cmp, as_text);
end
$$;
revoke all on function private.variable_condition_sql(uuid, jsonb, text, text, jsonb, text) from public;

create or replace function private.compile_filter_node(
  p_tenant_id uuid, p_fields jsonb, p_node jsonb, p_path text, p_depth integer, p_strict boolean, p_state jsonb
) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  state jsonb := p_state;
  keys text[];
  group_op text;
  parts text[] := '{}';
  child jsonb;
  i integer := 0;
  field jsonb;
  op text;
  val jsonb;
  expr text;
  n integer;
  cast_type text;
  sql text;
  is_column boolean;
  has_value text;
begin
  if p_depth > 6 then
    perform private.field_error(p_path, 'depth', 'A filter nests at most 6 levels deep.');
  end if;
  if jsonb_typeof(p_node) is distinct from 'object' then
    perform private.field_error(p_path, 'shape', 'A filter is {"and": [...]}, {"or": [...]}, {"not": ...} or {"field", "op", "value"}.');
  end if;
  keys := array(select jsonb_object_keys(p_node) order by 1);

  -- and / or / not
  if keys in (array['and'], array['or']) then
    group_op := keys[1];
    if jsonb_typeof(p_node -> group_op) is distinct from 'array' then
      perform private.field_error(p_path, 'shape', format('"%s" takes a list of filters.', group_op));
    end if;
    if jsonb_array_length(p_node -> group_op) not between 1 and 50 then
      perform private.field_error(p_path, 'size', format('"%s" takes 1 to 50 filters.', group_op));
    end if;
    for child in select value from jsonb_array_elements(p_node -> group_op) loop
      expr := null;
      select r ->> 'sql', r -> 'state' into expr, state
      from private.compile_filter_node(p_tenant_id, p_fields, child, format('%s.%s.%s', p_path, group_op, i), p_depth + 1, p_strict, state) r;
      parts := parts || expr;
      i := i + 1;
    end loop;
    return jsonb_build_object('sql', '(' || array_to_string(parts, case group_op when 'and' then ' and ' else ' or ' end) || ')', 'state', state);
  end if;
  if keys = array['not'] then
    select r ->> 'sql', r -> 'state' into expr, state
    from private.compile_filter_node(p_tenant_id, p_fields, p_node -> 'not', p_path || '.not', p_depth + 1, true, state) r;
    return jsonb_build_object('sql', '(not ' || expr || ')', 'state', state);
  end if;

  -- a condition
  if not (keys <@ array['field', 'op', 'value'] and 'field' = any (keys) and 'op' = any (keys)) then
    perform private.field_error(p_path, 'shape', 'A filter is {"and": [...]}, {"or": [...]}, {"not": ...} or {"field", "op", "value"}.');
  end if;
  n := coalesce((state ->> 'conditions')::integer, 0) + 1;
  if n > 100 then
    perform private.field_error(p_path, 'size', 'A filter has at most 100 conditions.');
  end if;
  state := jsonb_set(state, '{conditions}', to_jsonb(n));
  field := private.resolve_filter_field(p_tenant_id, p_fields, p_node -> 'field', p_path);
  field := field || jsonb_build_object('name', p_node ->> 'field');
  op := p_node ->> 'op';
  if jsonb_typeof(p_node -> 'op') is distinct from 'string' or not op = any (private.filter_operators(field ->> 'type')) then
    perform private.field_error(p_path, 'operator', format('"%s" is %s: use %s.', p_node ->> 'field', replace(field ->> 'type', '_', ' '),
      array_to_string(private.filter_operators(field ->> 'type'), ', ')));
  end if;
  if not p_node ? 'value' then
    perform private.field_error(p_path, 'value', format('"%s" %s needs a value.', p_node ->> 'field', op));
  end if;
  val := p_node -> 'value';
  expr := field ->> 'sql';
  cast_type := field ->> 'type';
  is_column := coalesce((field ->> 'column')::boolean, false) or cast_type = 'id';
  -- a variable (row rules and validations only): compiled to a read of the request's
  -- variables, private.permission_vars(tenant), evaluated once per statement.
  if coalesce((state ->> 'variables')::boolean, false) and jsonb_typeof(val) = 'array'
     and exists (select 1 from jsonb_array_elements(val) x where jsonb_typeof(x) = 'object' and x ? 'var') then
    perform private.field_error(p_path, 'variable_type', 'A variable is the whole value of a condition, not an item of a list.');
  end if;
  if jsonb_typeof(val) = 'object' and val ? 'var' then
    if not coalesce((state ->> 'variables')::boolean, false) then
      perform private.field_error(p_path, 'value', format('"%s" %s takes a value, not a variable (variables belong in permission rules).',
        p_node ->> 'field', op));
    end if;
    sql := private.variable_condition_sql(p_tenant_id, field, p_node ->> 'field', op, val, p_path);
    if p_strict then
      sql := format('coalesce(%s, false)', sql);
    end if;
    return jsonb_build_object('sql', sql, 'state', state);
  end if;
  -- whether the value is present, for is_null and strict mode
  has_value := case
    when field ? 'via' or is_column then format('(%s is not null)', expr)
    else format('(e.data ? %L)', field ->> 'key') end;

  if op = 'is_null' then
    if jsonb_typeof(val) is distinct from 'boolean' then
      perform private.field_error(p_path, 'value', format('"%s" is_null takes true (is empty) or false (has a value).', p_node ->> 'field'));
    end if;
    return jsonb_build_object('sql', case when val = 'true' then '(not ' || has_value || ')' else has_value end, 'state', state);
  end if;

  if op = 'in' then
    if jsonb_typeof(val) is distinct from 'array' then
      perform private.field_error(p_path, 'value', format('"%s" in takes a list of values.', p_node ->> 'field'));
    end if;
    if jsonb_array_length(val) not between 1 and 500 then
      perform private.field_error(p_path, 'list_size', format('"%s" in takes 1 to 500 values (got %s).', p_node ->> 'field', jsonb_array_length(val)));
    end if;
    val := (select jsonb_agg(private.filter_value(field, v, p_path, 'in') order by k) from jsonb_array_elements(val) with ordinality as x(v, k));
    n := jsonb_array_length(state -> 'params');
    state := jsonb_set(state, '{params}', (state -> 'params') || jsonb_build_array(val));
    sql := case
      when cast_type = 'multi_select' then format('(%s ?| private.jsonb_text_array($1 -> %s))', field ->> 'jsonb_sql', n)
      when cast_type = 'datetime' and coalesce((field ->> 'column')::boolean, false)
        then format('(%s = any (private.jsonb_timestamptz_array($1 -> %s)))', expr, n)
      when cast_type in ('number', 'integer', 'currency') then format('(%s = any (private.jsonb_numeric_array($1 -> %s)))', expr, n)
      when cast_type = 'id' or (is_column and cast_type = 'member') then format('(%s = any (private.jsonb_uuid_array($1 -> %s)))', expr, n)
      else format('(%s = any (private.jsonb_text_array($1 -> %s)::text[] collate "C"))', expr, n)
    end;
  elsif op in ('contains', 'starts_with') and cast_type <> 'multi_select' then
    if jsonb_typeof(val) is distinct from 'string' then
      perform private.field_error(p_path, 'value', format('"%s" %s takes a string.', p_node ->> 'field', op));
    end if;
    if length(val #>> '{}') not between 1 and 200 then
      perform private.field_error(p_path, 'text_length', format('"%s" %s takes 1 to 200 characters.', p_node ->> 'field', op));
    end if;
    n := jsonb_array_length(state -> 'params');
    state := jsonb_set(state, '{params}', (state -> 'params') || jsonb_build_array(
      case op when 'contains' then '%' else '' end
      || replace(replace(replace(lower(val #>> '{}'), '\', '\\'), '%', '\%'), '_', '\_') || '%'));
    -- lower() in the C collation folds ASCII only: fold with the database's own.
    sql := format('(lower((%s)::text collate "default") like ($1 ->> %s))', expr, n);
  elsif op = 'contains' then
    val := private.filter_value(field, val, p_path, op);
    n := jsonb_array_length(state -> 'params');
    state := jsonb_set(state, '{params}', (state -> 'params') || jsonb_build_array(val));
    sql := format('(%s ? ($1 ->> %s))', field ->> 'jsonb_sql', n);
  elsif op = 'between' then
    if jsonb_typeof(val) is distinct from 'array' or jsonb_array_length(val) <> 2 then
      perform private.field_error(p_path, 'value', format('"%s" between takes [low, high].', p_node ->> 'field'));
    end if;
    n := jsonb_array_length(state -> 'params');
    state := jsonb_set(state, '{params}', (state -> 'params')
      || jsonb_build_array(private.filter_value(field, val -> 0, p_path, op), private.filter_value(field, val -> 1, p_path, op)));
    sql := format('(%s between %s and %s)', expr, private.column_param_sql(field, n), private.column_param_sql(field, n + 1));
  else
    val := private.filter_value(field, val, p_path, op);
    n := jsonb_array_length(state -> 'params');
    state := jsonb_set(state, '{params}', (state -> 'params') || jsonb_build_array(val));
    sql := format('(%s %s %s)', expr,
      case op when 'eq' then '=' when 'neq' then '<>' when 'lt' then '<' when 'lte' then '<=' when 'gt' then '>' when 'gte' then '>=' end,
      private.column_param_sql(field, n));
  end if;
  if p_strict then
    sql := format('coalesce(%s, false)', sql);
  end if;
  return jsonb_build_object('sql', sql, 'state', state);
end
$$;
revoke all on function private.compile_filter_node(uuid, jsonb, jsonb, text, integer, boolean, jsonb) from public;

create or replace function private.entity_access_for(p_user_id uuid, p_blueprint_id uuid, p_tenant_id uuid) returns jsonb
language plpgsql stable parallel safe security definer set search_path = ''
as $$
declare
  r record;
  g record;
  everything constant jsonb := '[{}]'::jsonb;
  acc jsonb := '{"read": [], "create": [], "update": [], "delete": [], "transition": []}'::jsonb;
begin
  for r in
    select ro.id, ro.key, ro.builtin,
           exists (select 1 from public.permission_sets s where s.role_id = ro.id and s.blueprint_id = p_blueprint_id) as saved
    from public.member_roles mr join public.roles ro on ro.id = mr.role_id
    where mr.tenant_id = p_tenant_id and mr.user_id = p_user_id
    order by ro.builtin desc, ro.key collate "C"
  loop
    if r.builtin and r.key = 'admin' then
      return jsonb_build_object('read', everything, 'create', everything, 'update', everything, 'delete', everything,
                                'transition', everything, 'admin', true);
    end if;
    if not r.saved then
      if r.builtin and r.key = 'editor' then
        acc := jsonb_build_object('read', acc -> 'read' || '[{"role": "editor"}]', 'create', acc -> 'create' || '[{"role": "editor"}]',
          'update', acc -> 'update' || '[{"role": "editor"}]', 'delete', acc -> 'delete' || '[{"role": "editor"}]',
          'transition', acc -> 'transition' || '[{"role": "editor"}]');
      elsif r.builtin and r.key = 'viewer' then
        acc := jsonb_set(acc, '{read}', acc -> 'read' || '[{"role": "viewer"}]');
      end if;
      continue;
    end if;
    for g in select * from private.compiled_grants c where c.role_id = r.id and c.blueprint_id = p_blueprint_id order by c.position loop
      acc := jsonb_set(acc, array[g.action], (acc -> g.action) || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
        'role', r.key, 'rows', g.row_sql, 'fields', to_jsonb(g.fields), 'validation', g.validation_sql, 'presets', g.presets,
        'transition', g.transition, 'broken', g.broken))));
    end loop;
  end loop;
  return acc;
end
$$;

create or replace function private.resolve_presets(p_presets jsonb, p_fields jsonb, p_vars jsonb) returns jsonb
language sql stable parallel safe
as $$
  select coalesce(jsonb_object_agg(p.key, case
    when jsonb_typeof(p.value) = 'object' and p.value ? 'var' then
      case when p.value ->> 'var' = 'now' and exists (select 1 from jsonb_array_elements(p_fields) f
                                                       where f ->> 'key' = p.key and f ->> 'type' = 'date')
           then p_vars -> 'today'
           -- a variable without a usable value (absent, empty, not a scalar) presets null
           else case when jsonb_typeof(p_vars -> (p.value ->> 'var')) in ('number', 'boolean')
                       or (jsonb_typeof(p_vars -> (p.value ->> 'var')) = 'string' and p_vars ->> (p.value ->> 'var') <> '')
                     then p_vars -> (p.value ->> 'var') else 'null'::jsonb end end
    else p.value end), '{}'::jsonb)
  from jsonb_each(coalesce(p_presets, '{}'::jsonb)) p
$$;

create or replace function private.create_decision(p_blueprint public.blueprints, p_fields jsonb, p_timezone text, p_data jsonb,
                                                   p_access jsonb, p_vars jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  g jsonb;
  written text[] := array(select k from jsonb_object_keys(coalesce(p_data, '{}'::jsonb)) k order by k collate "C");
  outside text;
  data jsonb;
  failure text;
  failed_field text;
begin
  if jsonb_typeof(p_data) is distinct from 'object' then
    return jsonb_build_object('data', p_data); -- insert_entity explains the shape
  end if;
  for g in select value from jsonb_array_elements(coalesce(p_access -> 'create', '[]'::jsonb)) loop
    if g ? 'fields' then
      select w into outside from unnest(written) w where not (g -> 'fields') ? w limit 1;
      if outside is not null then
        if failure is null then
          failure := 'field_not_writable';
          failed_field := outside;
        end if;
        continue;
      end if;
    end if;
    data := p_data || private.resolve_presets(g -> 'presets', p_fields, p_vars);
    if g ? 'validation' and not private.entity_matches(
         private.draft_entity(p_blueprint, private.prepare_entity_data(p_fields, data, null, p_timezone)), g ->> 'validation') then
      failure := 'validation';
      failed_field := null;
      continue;
    end if;
    return jsonb_build_object('data', data);
  end loop;
  return jsonb_build_object('refusal', private.deny_entity(p_blueprint.tenant_id, 'create_entity', null,
    case failure
      when 'field_not_writable' then format('your roles may not write "%s" of "%s"', failed_field, p_blueprint.name)
      when 'validation' then format('the entity does not satisfy the rules your roles have for creating "%s"', p_blueprint.name)
      else format('your roles do not allow create of entities of "%s"', p_blueprint.name) end,
    failed_field, coalesce(failure, 'permission')));
end
$$;

create or replace function private.update_refusal(p_entity public.entities, p_blueprint public.blueprints, p_changes jsonb,
                                                  p_access jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  g jsonb;
  written text[] := case when jsonb_typeof(p_changes) = 'object'
                         then array(select k from jsonb_object_keys(p_changes) k order by k collate "C") else '{}' end;
  outside text;
  draft public.entities;
  fields jsonb;
  timezone text;
  stage integer := 0; -- how far the best grant got: 1 row rule, 2 fields, 3 validation
  failed_field text;
begin
  for g in select value from jsonb_array_elements(coalesce(p_access -> 'update', '[]'::jsonb)) loop
    if not private.entity_matches(p_entity, g ->> 'rows') then
      stage := greatest(stage, 1);
      continue;
    end if;
    if g ? 'fields' then
      select w into outside from unnest(written) w where not (g -> 'fields') ? w limit 1;
      if outside is not null then
        if stage < 2 then
          failed_field := outside;
        end if;
        stage := greatest(stage, 2);
        continue;
      end if;
    end if;
    if g ? 'validation' then
      if draft.id is null then
        select v.fields into fields from public.blueprint_versions v
        where v.blueprint_id = p_entity.blueprint_id and v.version = p_entity.blueprint_version;
        select t.timezone into timezone from public.tenants t where t.id = p_entity.tenant_id;
        draft := p_entity;
        draft.data := private.prepare_entity_data(fields, coalesce(p_changes, '{}'::jsonb), p_entity.data, timezone);
        draft.version := p_entity.version + 1;
        draft.updated_at := now();
        draft.updated_by := auth.uid();
      end if;
      if not private.entity_matches(draft, g ->> 'validation') then
        stage := 3;
        failed_field := null;
        continue;
      end if;
    end if;
    return null;
  end loop;
  return private.deny_entity(p_blueprint.tenant_id, 'update_entity', p_entity.id::text,
    case stage
      when 2 then format('your roles may not write "%s" of "%s"', failed_field, p_blueprint.name)
      when 3 then format('the entity would not satisfy the rules your roles have for changing "%s"', p_blueprint.name)
      else format('your roles do not allow update of this entity of "%s" (row rule)', p_blueprint.name) end,
    case when stage = 2 then failed_field end,
    case stage when 2 then 'field_not_writable' when 3 then 'validation' else 'row_rule' end);
end
$$;
