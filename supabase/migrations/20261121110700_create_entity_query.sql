-- ============================================================================
-- Querying entities: the filter language of docs/entities.md compiled to SQL.
--
-- The compiler takes field names only from the blueprint (or the system fields,
-- or one reference hop), emits a fixed SQL expression per field type, and binds
-- every value through one jsonb parameter ($1 ->> n), so nothing the caller
-- sends becomes SQL text. It caps depth, size and list lengths, and explains a
-- bad filter with 422 FOVAL {field: "filter.and.0", rule}. The rules and paths
-- are those of packages/shared/src/filters/validate-filter.ts.
--
-- The compiled statement runs as dynamic SQL inside a security-definer function
-- that states the tenant and blueprint itself, so it is planned for the actual
-- values: the expression index of an indexed field (same expression, see
-- private.field_value_sql) is used, which a policy-filtered generic plan would
-- not do (docs/architecture.md, performance notes).
-- ============================================================================

-- The operators a field type takes (docs/entities.md; OPERATORS_BY_TYPE in packages/shared).
create or replace function private.filter_operators(p_type text) returns text[]
language sql immutable parallel safe
as $$
  select case
    when p_type in ('text', 'email', 'url', 'phone') then
      array['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'contains', 'starts_with', 'is_null']
    when p_type = 'long_text' then array['contains', 'starts_with', 'is_null']
    when p_type in ('number', 'integer', 'currency', 'date', 'datetime') then
      array['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'between', 'in', 'is_null']
    when p_type = 'boolean' then array['eq', 'neq', 'is_null']
    when p_type in ('single_select', 'status', 'reference', 'member') then array['eq', 'neq', 'in', 'is_null']
    when p_type = 'multi_select' then array['contains', 'in', 'is_null']
    when p_type = 'json' then array['is_null']
    when p_type = 'id' then array['eq', 'neq', 'in']
    else array[]::text[]
  end
$$;
grant execute on function private.filter_operators(text) to authenticated, service_role;

-- Immutable list helpers: with the parameter known at planning, `x = any (...)` folds to
-- a constant array an index can use.
create or replace function private.jsonb_text_array(p_list jsonb) returns text[]
language sql immutable parallel safe
as $$ select array(select jsonb_array_elements_text(p_list)) $$;
grant execute on function private.jsonb_text_array(jsonb) to authenticated, service_role;

create or replace function private.jsonb_numeric_array(p_list jsonb) returns numeric[]
language sql immutable parallel safe
as $$ select array(select (v #>> '{}')::numeric from jsonb_array_elements(p_list) v) $$;
grant execute on function private.jsonb_numeric_array(jsonb) to authenticated, service_role;

-- Stable (text to timestamptz is), so evaluated once when the scan starts.
create or replace function private.jsonb_timestamptz_array(p_list jsonb) returns timestamptz[]
language sql stable parallel safe
as $$ select array(select (v #>> '{}')::timestamptz from jsonb_array_elements(p_list) v) $$;
grant execute on function private.jsonb_timestamptz_array(jsonb) to authenticated, service_role;

create or replace function private.jsonb_uuid_array(p_list jsonb) returns uuid[]
language sql immutable parallel safe
as $$ select array(select (v #>> '{}')::uuid from jsonb_array_elements(p_list) v) $$;
grant execute on function private.jsonb_uuid_array(jsonb) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Fields
-- ----------------------------------------------------------------------------

-- What a field name in a filter or sort refers to: {sql, type, nullable, definition}.
-- p_fields are the blueprint's latest fields; "ref.field" reads the referenced entity's
-- field (one hop, live entities only). Anything else is unknown_field.
create or replace function private.resolve_filter_field(p_tenant_id uuid, p_fields jsonb, p_name jsonb, p_path text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  name text;
  head text;
  tail text;
  ref jsonb;
  target jsonb;
  target_fields jsonb;
  inner_sql text;
begin
  if jsonb_typeof(p_name) is distinct from 'string' then
    perform private.field_error(p_path, 'shape', 'A condition names its field as a string: {"field", "op", "value"}.');
  end if;
  name := p_name #>> '{}';
  case name
    when 'id' then return jsonb_build_object('sql', 'e.id', 'type', 'id', 'nullable', false);
    when 'created_at' then return jsonb_build_object('sql', 'e.created_at', 'type', 'datetime', 'nullable', false, 'column', true);
    when 'updated_at' then return jsonb_build_object('sql', 'e.updated_at', 'type', 'datetime', 'nullable', false, 'column', true);
    when 'created_by' then return jsonb_build_object('sql', 'e.created_by', 'type', 'member', 'nullable', true, 'column', true);
    when 'updated_by' then return jsonb_build_object('sql', 'e.updated_by', 'type', 'member', 'nullable', true, 'column', true);
    when 'version' then return jsonb_build_object('sql', 'e.version', 'type', 'integer', 'nullable', false, 'column', true);
    else null;
  end case;
  select f into target from jsonb_array_elements(p_fields) f where f ->> 'key' = name;
  if target is not null then
    return jsonb_build_object('sql', private.field_value_sql(target ->> 'type', name), 'type', target ->> 'type', 'nullable', true,
                              'key', name, 'definition', target, 'jsonb_sql', format('(e.data -> %L)', name));
  end if;
  head := split_part(name, '.', 1);
  tail := substr(name, length(head) + 2);
  select f into ref from jsonb_array_elements(p_fields) f where f ->> 'key' = head and f ->> 'type' = 'reference';
  if ref is null or tail = '' or tail like '%.%' then
    perform private.field_error(p_path, 'unknown_field', format('The blueprint has no field %s.', to_jsonb(left(name, 100))));
  end if;
  select v.fields into target_fields
  from public.blueprints b join public.blueprint_versions v on v.blueprint_id = b.id and v.version = b.version
  where b.id = (ref #>> '{reference,blueprint_id}')::uuid and b.tenant_id = p_tenant_id;
  target := private.resolve_filter_field(p_tenant_id, coalesce(target_fields, '[]'::jsonb), to_jsonb(tail), p_path);
  if target ->> 'type' = 'json' or target ? 'via' then
    perform private.field_error(p_path, 'unknown_field', format('The blueprint has no field %s.', to_jsonb(left(name, 100))));
  end if;
  inner_sql := replace(target ->> 'sql', 'e.', 'r.');
  return target || jsonb_build_object(
    'sql', format('(select %s from public.entities r where r.id = ((e.data ->> %L)::uuid) and r.tenant_id = e.tenant_id and r.deleted_at is null)',
                  inner_sql, head),
    'jsonb_sql', format('(select r.data -> %L from public.entities r where r.id = ((e.data ->> %L)::uuid) and r.tenant_id = e.tenant_id'
                        || ' and r.deleted_at is null)', tail, head),
    'nullable', true, 'via', head);
end
$$;
revoke all on function private.resolve_filter_field(uuid, jsonb, jsonb, text) from public;

-- The value a condition compares with, checked for the field's type (the stored form;
-- datetimes as any ISO 8601 instant with an offset). Returns it canonical.
create or replace function private.filter_value(p_field jsonb, p_value jsonb, p_path text, p_what text) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  kind text := p_field ->> 'type';
  s text := case when jsonb_typeof(p_value) = 'string' then p_value #>> '{}' end;
  ok boolean;
  expected text;
begin
  case kind
    when 'text' then ok := s is not null and s !~ '[\n\r]'; expected := 'one line of text';
    when 'email' then ok := private.has_value_format('email', s) and s = lower(s); expected := 'a lowercase email local@domain.tld';
    when 'url' then ok := private.has_value_format('url', s); expected := 'an http:// or https:// address with a host';
    when 'phone' then ok := private.has_value_format('phone', s); expected := 'a phone number';
    when 'number', 'currency' then ok := jsonb_typeof(p_value) = 'number'; expected := 'a number';
    when 'integer' then
      ok := jsonb_typeof(p_value) = 'number' and (p_value #>> '{}')::numeric = trunc((p_value #>> '{}')::numeric)
            and abs((p_value #>> '{}')::numeric) <= 9007199254740991;
      expected := 'a whole number within ±9007199254740991';
    when 'boolean' then ok := jsonb_typeof(p_value) = 'boolean'; expected := 'true or false';
    when 'date' then ok := private.parse_date(s) is not null; expected := 'a date YYYY-MM-DD';
    when 'datetime' then
      ok := s ~ '(Z|z|[+-]\d{2}(:?\d{2})?)$' and s ~ '[T ]' and private.parse_datetime(s, 'UTC') is not null;
      expected := 'an ISO 8601 instant with a time zone, such as 2026-01-31T09:30:00Z';
      if ok then
        return to_jsonb(private.parse_datetime(s, 'UTC'));
      end if;
    when 'single_select', 'multi_select', 'status' then
      ok := s is not null and exists (select 1 from jsonb_array_elements(p_field #> '{definition,options}') o where o ->> 'value' = s);
      expected := 'one of its options';
    when 'reference', 'member', 'id' then
      ok := private.has_value_format('uuid', s) and s = lower(s); expected := 'an id (a lowercase uuid)';
    else ok := false; expected := 'no value of this kind';
  end case;
  if not coalesce(ok, false) then
    perform private.field_error(p_path, 'value', format('"%s" %s takes %s (got %s).', p_field ->> 'name', p_what, expected,
      left(coalesce(p_value::text, 'nothing'), 60)));
  end if;
  return p_value;
end
$$;
grant execute on function private.filter_value(jsonb, jsonb, text, text) to authenticated, service_role;

-- The SQL of parameter n cast for comparing with the field.
create or replace function private.filter_param_sql(p_type text, p_n integer) returns text
language sql stable parallel safe
as $$
  select case
    when p_type in ('number', 'integer', 'currency') then format('(($1 ->> %s)::numeric)', p_n)
    when p_type = 'boolean' then format('(($1 ->> %s)::boolean)', p_n)
    when p_type = 'id' then format('(($1 ->> %s)::uuid)', p_n)
    else format('(($1 ->> %s) collate "C")', p_n)
  end
$$;
grant execute on function private.filter_param_sql(text, integer) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Conditions and groups
-- ----------------------------------------------------------------------------

-- Compiles a filter node. p_state carries {params: [...], conditions: n} across the tree;
-- returns {sql, state}. p_strict: inside a `not`, so an empty value must give false, not null.
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

-- The parameter cast for a field, with system columns in their own types.
create or replace function private.column_param_sql(p_field jsonb, p_n integer) returns text
language sql stable parallel safe
as $$
  select case
    when coalesce((p_field ->> 'column')::boolean, false) and p_field ->> 'type' = 'datetime' then format('(($1 ->> %s)::timestamptz)', p_n)
    when coalesce((p_field ->> 'column')::boolean, false) and p_field ->> 'type' = 'member' then format('(($1 ->> %s)::uuid)', p_n)
    when coalesce((p_field ->> 'column')::boolean, false) and p_field ->> 'type' = 'integer' then format('(($1 ->> %s)::integer)', p_n)
    else private.filter_param_sql(p_field ->> 'type', p_n)
  end
$$;
grant execute on function private.column_param_sql(jsonb, integer) to authenticated, service_role;

-- A whole filter (null or {} = everything): {sql, params}.
create or replace function private.compile_filter(p_tenant_id uuid, p_fields jsonb, p_filter jsonb) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  r jsonb;
begin
  if p_filter is null or jsonb_typeof(p_filter) = 'null' or p_filter = '{}'::jsonb then
    return jsonb_build_object('sql', 'true', 'params', '[]'::jsonb);
  end if;
  r := private.compile_filter_node(p_tenant_id, p_fields, p_filter, 'filter', 1, false,
    jsonb_build_object('params', '[]'::jsonb, 'conditions', 0));
  return jsonb_build_object('sql', r ->> 'sql', 'params', r #> '{state,params}');
end
$$;
revoke all on function private.compile_filter(uuid, jsonb, jsonb) from public;

-- ----------------------------------------------------------------------------
-- Sorting and pages
-- ----------------------------------------------------------------------------

-- The resolved sort keys [{sql, dir, nullable, field}] (default: created_at desc).
create or replace function private.compile_sort(p_tenant_id uuid, p_fields jsonb, p_sort jsonb) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  result jsonb := '[]'::jsonb;
  k jsonb;
  i integer := 0;
  field jsonb;
begin
  if p_sort is null or jsonb_typeof(p_sort) = 'null' then
    p_sort := '[{"field": "created_at", "direction": "desc"}]';
  end if;
  if jsonb_typeof(p_sort) <> 'array' or jsonb_array_length(p_sort) not between 1 and 5 then
    perform private.field_error('sort', 'size', 'Sort by 1 to 5 fields: [{"field", "direction"}].');
  end if;
  for k in select value from jsonb_array_elements(p_sort) loop
    if jsonb_typeof(k) is distinct from 'object' or exists (select 1 from jsonb_object_keys(k) x where x not in ('field', 'direction'))
       or coalesce(k ->> 'direction', '') not in ('asc', 'desc') then
      perform private.field_error('sort.' || i, 'shape', 'A sort key is {"field": ..., "direction": "asc" | "desc"}.');
    end if;
    field := private.resolve_filter_field(p_tenant_id, p_fields, k -> 'field', 'sort.' || i);
    if field ->> 'type' in ('long_text', 'json', 'multi_select') then
      perform private.field_error('sort.' || i, 'operator', format('"%s" (%s) cannot be sorted.', k ->> 'field', replace(field ->> 'type', '_', ' ')));
    end if;
    result := result || jsonb_build_array(field || jsonb_build_object('dir', k ->> 'direction',
      'nullable', field ->> 'sql' not in ('e.id', 'e.created_at', 'e.updated_at', 'e.version')));
    i := i + 1;
  end loop;
  return result;
end
$$;
revoke all on function private.compile_sort(uuid, jsonb, jsonb) from public;

-- ORDER BY for the keys, empty values last, the id last in the last key's direction.
create or replace function private.order_by_sql(p_keys jsonb) returns text
language plpgsql immutable parallel safe set search_path = ''
as $$
begin
  return (
  select string_agg(format('%s %s%s', k ->> 'sql', k ->> 'dir',
                             case when (k ->> 'nullable')::boolean and k ->> 'dir' = 'desc' then ' nulls last' else '' end), ', ' order by i)
           || ', e.id ' || (p_keys -> -1 ->> 'dir')
    from jsonb_array_elements(p_keys) with ordinality as x(k, i)
  );
end
$$;
grant execute on function private.order_by_sql(jsonb) to authenticated, service_role;

-- The keyset condition "after the cursor" for the keys; binds the cursor's values as
-- parameters from p_first on. Non-empty keys in one direction use a row comparison
-- (an index range); otherwise the general expansion with empty-last semantics.
create or replace function private.after_cursor_sql(p_keys jsonb, p_cursor jsonb, p_first integer) returns text
language plpgsql immutable set search_path = ''
as $$
declare
  n integer := jsonb_array_length(p_keys);
  terms text[] := '{}';
  equal text[] := '{}';
  k jsonb;
  c jsonb;
  i integer;
  cmp text;
  param text;
  idp text := format('(($1 ->> %s)::uuid)', p_first + n);
  last_dir text := p_keys -> -1 ->> 'dir';
begin
  if not exists (select 1 from jsonb_array_elements(p_keys) x where (x ->> 'nullable')::boolean)
     and (select count(distinct x ->> 'dir') from jsonb_array_elements(p_keys) x) = 1 then
    return format('((%s, e.id) %s (%s, %s))',
      (select string_agg(x ->> 'sql', ', ' order by o) from jsonb_array_elements(p_keys) with ordinality as y(x, o)),
      case last_dir when 'asc' then '>' else '<' end,
      (select string_agg(private.column_param_sql(x, p_first + (o - 1)::integer), ', ' order by o)
       from jsonb_array_elements(p_keys) with ordinality as y(x, o)),
      idp);
  end if;
  for i in 0 .. n - 1 loop
    k := p_keys -> i;
    c := p_cursor -> i;
    param := private.column_param_sql(k, p_first + i);
    cmp := case k ->> 'dir' when 'asc' then '>' else '<' end;
    if jsonb_typeof(c) <> 'null' then
      terms := terms || array_to_string(equal || case when (k ->> 'nullable')::boolean
        then format('(%s %s %s or %s is null)', k ->> 'sql', cmp, param, k ->> 'sql')
        else format('%s %s %s', k ->> 'sql', cmp, param) end, ' and ');
      equal := equal || format('%s = %s', k ->> 'sql', param);
    else
      equal := equal || format('%s is null', k ->> 'sql');
    end if;
  end loop;
  terms := terms || array_to_string(equal || format('e.id %s %s', case last_dir when 'asc' then '>' else '<' end, idp), ' and ');
  return '((' || array_to_string(terms, ') or (') || '))';
end
$$;
grant execute on function private.after_cursor_sql(jsonb, jsonb, integer) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- The query RPC
-- ----------------------------------------------------------------------------

-- An entity as a page lists it; the composite turns into JSON with these keys.
create type private.entity_row as (
  id uuid, blueprint_version integer, version integer, data jsonb,
  created_at timestamptz, created_by uuid, updated_at timestamptz, updated_by uuid
);

create or replace function private.query_entities(
  p_blueprint_id uuid,
  p_filter jsonb,
  p_sort jsonb,
  p_limit integer,
  p_cursor text,
  p_offset integer,
  p_count boolean,
  p_count_cap integer,
  p_search text
) returns json
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a record;
  refusal jsonb;
  b public.blueprints;
  fields jsonb;
  compiled jsonb;
  keys jsonb;
  params jsonb;
  cursor_values jsonb;
  where_sql text;
  page_sql text;
  rows json;
  fetched integer;
  last_cursor jsonb;
  total bigint;
  estimate double precision;
begin
  if auth.uid() is null then
    perform private.raise_error(401, 'FOAUT', 'Sign in first.', null, 'signed_in');
  end if;
  a := private.blueprint_for_action(p_blueprint_id, 'read');
  b := a.blueprint;
  refusal := a.refusal;
  if refusal is not null then
    return refusal::json;
  end if;
  if p_limit is null or p_limit not between 1 and 200 then
    perform private.raise_error(422, 'FOVAL', 'The page size (limit) must be between 1 and 200.', 'limit', 'range');
  end if;
  if p_offset is not null and (p_offset not between 0 and 10000 or p_cursor is not null) then
    perform private.raise_error(422, 'FOVAL', 'The offset is 0 to 10000, and not combined with a cursor (use one or the other).', 'offset', 'range');
  end if;
  if p_count_cap is null or p_count_cap not between 1 and 100000 then
    perform private.raise_error(422, 'FOVAL', 'The count cap is between 1 and 100000.', 'count_cap', 'range');
  end if;
  if length(p_search) > 200 then
    perform private.raise_error(422, 'FOVAL', 'The search text is at most 200 characters.', 'search', 'length');
  end if;

  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = b.id and v.version = b.version;
  compiled := private.compile_filter(b.tenant_id, fields, p_filter);
  keys := private.compile_sort(b.tenant_id, fields, p_sort);
  params := compiled -> 'params';
  -- The blueprint as a literal (not $2), so a generic plan can still prove the indexed
  -- field's partial index predicate.
  where_sql := format('e.blueprint_id = %L::uuid and e.deleted_at is null and ', b.id) || (compiled ->> 'sql');
  if nullif(btrim(p_search), '') is not null then
    params := params || jsonb_build_array('%' || replace(replace(replace(lower(btrim(p_search)), '\', '\\'), '%', '\%'), '_', '\_') || '%');
    where_sql := where_sql || format(' and e.search_text like ($1 ->> %s)', jsonb_array_length(params) - 1);
  end if;

  page_sql := where_sql;
  if p_cursor is not null then
    begin
      cursor_values := convert_from(decode(translate(p_cursor, '-_', '+/') || repeat('=', (4 - length(p_cursor) % 4) % 4), 'base64'), 'UTF8')::jsonb;
    exception when others then
      cursor_values := null;
    end;
    if jsonb_typeof(cursor_values) is distinct from 'array' or jsonb_array_length(cursor_values) <> jsonb_array_length(keys) + 1
       or coalesce(cursor_values ->> -1, '') !~ '^[0-9a-f-]{36}$' then
      perform private.raise_error(422, 'FOVAL', 'The cursor does not belong to this sort; start again from the first page.', 'cursor', 'format');
    end if;
    page_sql := page_sql || ' and ' || private.after_cursor_sql(keys, cursor_values, jsonb_array_length(params));
    params := params || cursor_values;
  end if;

  -- One page plus one row (is there more?), in order; rows become JSON straight from a
  -- composite (much cheaper than building jsonb objects); the cursor is the last row's keys.
  execute format('execute %I(%L, %L, %s, %s)', private.prepared_statement(format(
    'select coalesce(json_agg(x.r) filter (where x.n <= %s), ''[]''::json), count(*)::integer,'
    || ' (array_agg(x.cur) filter (where x.n = %s))[1]'
    -- numbered after the offset, in the page's order (the subquery's)
    || ' from (select p.r, p.cur, row_number() over () as n from ('
    || 'select row(e.id, e.blueprint_version, e.version, e.data, e.created_at, e.created_by, e.updated_at, e.updated_by)'
    || '::private.entity_row as r, jsonb_build_array(%s, e.id) as cur'
    || ' from public.entities e where %s order by %s limit %s offset $4) p) x',
    p_limit, p_limit,
    (select string_agg(k ->> 'sql', ', ' order by i) from jsonb_array_elements(keys) with ordinality as y(k, i)),
    page_sql, private.order_by_sql(keys), p_limit + 1), 'jsonb, uuid, integer, integer'), params, b.id, p_limit, coalesce(p_offset, 0))
  into rows, fetched, last_cursor;

  if p_count then
    -- The first cap + 1 matches, through an index of the blueprint: a bitmap scan would
    -- collect every match first (all 200,000 for a common value), and a sequential scan
    -- may start anywhere in the table (synchronized scans) and cross other tenants' rows.
    perform set_config('enable_bitmapscan', 'off', true), set_config('enable_seqscan', 'off', true);
    execute format('select count(*) from (select 1 from public.entities e where %s limit %s) c', where_sql, p_count_cap + 1)
    into total using params;
    perform set_config('enable_bitmapscan', 'on', true), set_config('enable_seqscan', 'on', true);
    if total > p_count_cap then
      execute format('explain (format json) execute %I(%L, %L, 0, 0)', private.prepared_statement(
        format('select 1 from public.entities e where %s', where_sql), 'jsonb, uuid, integer, integer'), params, b.id)
      into compiled;
      estimate := (compiled -> 0 -> 'Plan' ->> 'Plan Rows')::double precision;
    end if;
  end if;

  return json_build_object(
    'entities', rows,
    'next_cursor', case when fetched > p_limit then
      rtrim(translate(encode(convert_to(last_cursor::text, 'UTF8'), 'base64'), E'+/\n', '-_'), '=') end,
    'count', case when p_count then
      case when total <= p_count_cap then json_build_object('value', total, 'exact', true)
           else json_build_object('value', greatest(round(estimate)::bigint, p_count_cap + 1), 'exact', false, 'at_least', p_count_cap + 1) end end,
    'blueprint_version', b.version
  );
end
$$;
revoke all on function private.query_entities(uuid, jsonb, jsonb, integer, text, integer, boolean, integer, text) from public;
grant execute on function private.query_entities(uuid, jsonb, jsonb, integer, text, integer, boolean, integer, text) to authenticated;

create or replace function public.query_entities(
  p_blueprint_id uuid,
  p_filter jsonb default null,
  p_sort jsonb default null,
  p_limit integer default 50,
  p_cursor text default null,
  p_offset integer default null,
  p_count boolean default false,
  p_count_cap integer default 1000,
  p_search text default null
) returns json
language sql volatile security invoker set search_path = ''
as $$ select private.query_entities(p_blueprint_id, p_filter, p_sort, p_limit, p_cursor, p_offset, p_count, p_count_cap, p_search) $$;
comment on function public.query_entities is
  'Lists live entities of a blueprint: filter (docs/entities.md), sort (default created_at desc), limit 1-200, keyset '
  'pages (next_cursor -> p_cursor) or p_offset, trigram p_search; p_count: exact up to p_count_cap, estimated beyond.';
grant execute on function public.query_entities(uuid, jsonb, jsonb, integer, text, integer, boolean, integer, text) to authenticated;
