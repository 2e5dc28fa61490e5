-- ============================================================================
-- Permission grants (docs/permissions.md): per tenant role and blueprint, which
-- actions (read, create, update, delete, transition), on which rows (a row rule in
-- the filter language, with variables such as the member's attributes), with
-- which fields, under which validation, with which presets on create.
--
--  * public.permission_sets: the grants an Admin saved for a (role, blueprint), as
--    saved (what the permission editor shows); members with manage_roles read it.
--  * private.compiled_grants: the same grants compiled to SQL when saved (row rule
--    and validation as SQL predicates over an entity `e`), the only form the
--    request path reads. Recompiled when the blueprint changes; a grant that no
--    longer compiles fails closed (matches no row) and says why.
-- Variables compile to reads of private.permission_vars(tenant), wrapped in a scalar
-- subquery so Postgres evaluates it once per statement.
-- ============================================================================

create table public.permission_sets (
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  role_id uuid not null references public.roles (id) on delete cascade,
  blueprint_id uuid not null references public.blueprints (id) on delete cascade,
  grants jsonb not null default '[]'::jsonb,
  updated_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null,
  primary key (role_id, blueprint_id),
  constraint permission_sets_grants_array check (jsonb_typeof(grants) = 'array')
);
comment on table public.permission_sets is
  'The grants of a role on a blueprint, as an Admin saved them (docs/permissions.md); no row = the role''s default.';
create index permission_sets_tenant_idx on public.permission_sets (tenant_id);
create index permission_sets_blueprint_idx on public.permission_sets (blueprint_id);
create index permission_sets_updated_by_idx on public.permission_sets (updated_by);
alter table public.permission_sets enable row level security;
revoke insert, update, delete, truncate, references, trigger on public.permission_sets from anon, authenticated;
grant select on public.permission_sets to authenticated;

-- SELECT(permission_sets): those who manage roles see every role's grants.
create policy permission_sets_select_manager on public.permission_sets
  for select to authenticated
  using (private.has_capability(tenant_id, 'manage_roles'));

select private.enable_audit('public.permission_sets');

create table private.compiled_grants (
  role_id uuid not null,
  blueprint_id uuid not null,
  position integer not null,
  action text not null,
  transition text,
  row_sql text,
  fields text[],
  validation_sql text,
  presets jsonb,
  broken text,
  primary key (role_id, blueprint_id, position),
  foreign key (role_id, blueprint_id) references public.permission_sets (role_id, blueprint_id) on delete cascade,
  constraint compiled_grants_action_known check (action in ('read', 'create', 'update', 'delete', 'transition'))
);
comment on table private.compiled_grants is
  'permission_sets compiled: row rule and validation as SQL over an entity e (null = no rule); broken: why a grant fails closed.';
create index compiled_grants_blueprint_idx on private.compiled_grants (blueprint_id);

-- ----------------------------------------------------------------------------
-- Variables
-- ----------------------------------------------------------------------------

-- The caller's variables in a tenant, flat: user.id, user.email, user.roles (role keys),
-- member.<attribute>, now (canonical UTC) and today (the tenant's date). Definer code
-- evaluating rules for another member (private.matches_as) names them in the
-- transaction-local setting flexoffice.rules_for_user; nothing else sets it.
create or replace function private.permission_vars(p_tenant_id uuid) returns jsonb
language plpgsql stable parallel safe security definer set search_path = ''
as $$
declare
  uid uuid := coalesce(nullif(current_setting('flexoffice.rules_for_user', true), '')::uuid, auth.uid());
  vars jsonb;
begin
  select jsonb_build_object(
           'user.id', uid,
           'user.email', lower(u.email),
           'user.roles', coalesce((select jsonb_agg(r.key order by r.key) from public.member_roles mr join public.roles r on r.id = mr.role_id
                                   where mr.tenant_id = p_tenant_id and mr.user_id = uid), '[]'::jsonb),
           'now', private.canonical_datetime(now()),
           'today', to_char(now() at time zone t.timezone, 'YYYY-MM-DD'))
         || coalesce((select jsonb_object_agg('member.' || a.key, a.value) from jsonb_each(m.attributes) a), '{}'::jsonb)
  into vars
  from public.tenants t
  left join public.tenant_members m on m.tenant_id = t.id and m.user_id = uid
  left join auth.users u on u.id = uid
  where t.id = p_tenant_id;
  return coalesce(vars, '{}'::jsonb);
end
$$;
comment on function private.permission_vars is 'The variables of row rules for the caller in a tenant (docs/permissions.md, Variables).';
grant execute on function private.permission_vars(uuid) to authenticated, service_role;

-- A LIKE pattern for contains / starts_with on text (lowercased, wildcards escaped).
create or replace function private.like_pattern(p_text text, p_op text) returns text
language sql immutable parallel safe
as $$
  select case when p_text is not null then
    case p_op when 'contains' then '%' else '' end
    || replace(replace(replace(lower(p_text), '\', '\\'), '%', '\%'), '_', '\_') || '%' end
$$;
grant execute on function private.like_pattern(text, text) to authenticated, service_role;

-- The SQL of a condition whose value is a variable {"var": name}; the field and operator
-- were checked by the caller. Unknown variables and variables the field or operator do
-- not take are refused here (unknown_variable, variable_type). A variable without a
-- usable value yields null, which the filter treats as false.
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

-- ----------------------------------------------------------------------------
-- The filter compiler, now with variables (same as 20261121110700 otherwise)
-- ----------------------------------------------------------------------------

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

-- A row rule or validation compiled to one SQL predicate over an entity `e`, with its
-- literal values inlined as one jsonb constant (the rule is stored, not re-bound) and
-- its variables read from private.permission_vars. Null for no rule.
create or replace function private.compile_rule(p_tenant_id uuid, p_fields jsonb, p_rule jsonb, p_path text) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  r jsonb;
begin
  if p_rule is null or jsonb_typeof(p_rule) = 'null' then
    return null;
  end if;
  r := private.compile_filter_node(p_tenant_id, p_fields, p_rule, p_path, 1, false,
    jsonb_build_object('params', '[]'::jsonb, 'conditions', 0, 'variables', true));
  -- The compiler emits values only as "$1 -> n" / "$1 ->> n" reads of its parameter list.
  return replace(r ->> 'sql', '$1', format('(%L::jsonb)', (r #> '{state,params}')::text));
end
$$;
revoke all on function private.compile_rule(uuid, jsonb, jsonb, text) from public;

-- A preset value for a field: a literal in the field's stored form, or a variable
-- (user.id for member fields, user.email for text/email, member.<attribute>, now for
-- date and date-time fields). Returns it as saved.
create or replace function private.check_preset(p_tenant_id uuid, p_field jsonb, p_value jsonb, p_path text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  var text := p_value ->> 'var';
  kind text := p_field ->> 'type';
  fits boolean;
begin
  if jsonb_typeof(p_value) = 'object' and p_value ? 'var' then
    if (select count(*) from jsonb_object_keys(p_value)) <> 1 then
      perform private.field_error(p_path, 'shape', 'A variable is {"var": name}, e.g. {"var": "user.id"}.');
    end if;
    if jsonb_typeof(p_value -> 'var') is distinct from 'string'
       or not (var in ('user.id', 'user.email', 'user.roles', 'now') or var ~ '^member\.[a-z][a-z0-9_]{0,39}$') then
      perform private.field_error(p_path, 'unknown_variable', format(
        'Unknown variable %s: use user.id, user.email, member.<attribute> or now.', left((p_value -> 'var')::text, 60)));
    end if;
    fits := case
      when var = 'user.id' then kind = 'member'
      when var = 'user.email' then kind in ('text', 'email')
      when var = 'user.roles' then false -- a list: it presets no field
      when var = 'now' then kind in ('date', 'datetime')
      else kind in ('text', 'email', 'url', 'phone', 'long_text', 'single_select', 'status', 'number', 'integer', 'boolean')
    end;
    if not fits then
      perform private.field_error(p_path, 'variable_type', format('"%s" (%s) cannot be preset to %s.', p_field ->> 'key',
        replace(kind, '_', ' '), var));
    end if;
    return p_value;
  end if;
  if p_value is null or jsonb_typeof(p_value) = 'null' then
    perform private.field_error(p_path, 'preset', format('Preset: "%s" needs a value (leave the field out to preset nothing).',
      p_field ->> 'key'));
  end if;
  begin
    return private.normalize_value(p_field, p_value, 'UTC');
  exception when sqlstate 'PGRST' then
    perform private.field_error(p_path, 'preset', 'Preset: ' || coalesce((sqlerrm::jsonb) ->> 'message', sqlerrm));
  end;
  return null;
end
$$;
revoke all on function private.check_preset(uuid, jsonb, jsonb, text) from public;

-- Checks and compiles a grant list for a blueprint: [{position, action, transition,
-- row_sql, fields, validation_sql, presets}] plus the grants as saved (normalized).
create or replace function private.compile_grants(p_blueprint public.blueprints, p_grants jsonb, p_path text default 'grants')
returns table (saved jsonb, compiled jsonb)
language plpgsql stable security definer set search_path = ''
as $$
declare
  fields jsonb;
  transitions jsonb;
  g jsonb;
  i integer := 0;
  path text;
  action text;
  allowed_keys text[];
  k text;
  seen text[] := '{}';
  field_list text[];
  f jsonb;
  n integer;
  presets jsonb;
  out_saved jsonb := '[]'::jsonb;
  out_compiled jsonb := '[]'::jsonb;
begin
  if jsonb_typeof(p_grants) is distinct from 'array' then
    perform private.field_error(p_path, 'shape', 'Grants are a list: [{"action": "read", "rows": ..., "fields": [...]}, ...].');
  end if;
  if jsonb_array_length(p_grants) > 50 then
    perform private.field_error(p_path, 'size', 'A role has at most 50 grants on a blueprint.');
  end if;
  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = p_blueprint.id and v.version = p_blueprint.version;
  select coalesce(fl.transitions, '[]'::jsonb) into transitions from public.flows fl where fl.blueprint_id = p_blueprint.id;
  transitions := coalesce(transitions, '[]'::jsonb);

  for g in select value from jsonb_array_elements(p_grants) loop
    path := p_path || '.' || i;
    if jsonb_typeof(g) is distinct from 'object' then
      perform private.field_error(path, 'shape', 'A grant is {"action", ...}.');
    end if;
    action := g ->> 'action';
    if jsonb_typeof(g -> 'action') is distinct from 'string' or action not in ('read', 'create', 'update', 'delete', 'transition') then
      perform private.field_error(path || '.action', 'action', 'The action is read, create, update, delete or transition.');
    end if;
    allowed_keys := case action
      when 'read' then array['action', 'rows', 'fields']
      when 'create' then array['action', 'fields', 'validation', 'presets']
      when 'update' then array['action', 'rows', 'fields', 'validation']
      when 'delete' then array['action', 'rows']
      else array['action', 'transition', 'rows'] end;
    for k in select jsonb_object_keys(g) loop
      if not k = any (allowed_keys) then
        perform private.field_error(path || '.' || k, 'action', format('A %s grant takes %s, not "%s".', action,
          array_to_string(allowed_keys[2:], ', '), left(k, 40)));
      end if;
    end loop;
    if action = 'transition' and jsonb_typeof(g -> 'transition') not in ('null') then
      if jsonb_typeof(g -> 'transition') <> 'string'
         or not exists (select 1 from jsonb_array_elements(transitions) t where t ->> 'key' = g ->> 'transition') then
        perform private.field_error(path || '.transition', 'unknown_transition',
          format('The flow of "%s" has no transition %s.', p_blueprint.name, left(coalesce(g -> 'transition', 'null'::jsonb)::text, 60)));
      end if;
    end if;
    k := action || ':' || coalesce(g ->> 'transition', '*');
    if k = any (seen) then
      perform private.field_error(path, 'duplicate', format('Another grant already covers %s%s; merge them into one.', action,
        coalesce(' "' || (g ->> 'transition') || '"', '')));
    end if;
    seen := seen || k;

    field_list := null;
    if jsonb_typeof(g -> 'fields') = 'array' then
      if jsonb_array_length(g -> 'fields') > 500 then
        perform private.field_error(path || '.fields', 'size', 'A grant lists at most 500 fields.');
      end if;
      field_list := '{}';
      for f, n in select x.value, x.n - 1 from jsonb_array_elements(g -> 'fields') with ordinality as x(value, n) loop
        if jsonb_typeof(f) <> 'string' or not exists (select 1 from jsonb_array_elements(fields) x where x ->> 'key' = f #>> '{}') then
          perform private.field_error(path || '.fields.' || n, 'unknown_field',
            format('The blueprint has no field %s.', left(f::text, 60)));
        end if;
        if not (f #>> '{}') = any (field_list) then
          field_list := field_list || (f #>> '{}');
        end if;
      end loop;
    elsif g ? 'fields' and jsonb_typeof(g -> 'fields') <> 'null' then
      perform private.field_error(path || '.fields', 'shape', 'fields is a list of field keys (or null for every field).');
    end if;

    presets := null;
    if g ? 'presets' and jsonb_typeof(g -> 'presets') <> 'null' then
      if jsonb_typeof(g -> 'presets') <> 'object' then
        perform private.field_error(path || '.presets', 'shape', 'presets is {field key: value}.');
      end if;
      presets := '{}'::jsonb;
      for k, f in select e.key, e.value from jsonb_each(g -> 'presets') e order by e.key collate "C" loop
        if not exists (select 1 from jsonb_array_elements(fields) x where x ->> 'key' = k) then
          perform private.field_error(path || '.presets.' || left(k, 40), 'unknown_field', format('The blueprint has no field %s.', to_jsonb(left(k, 60))));
        end if;
        presets := presets || jsonb_build_object(k, private.check_preset(p_blueprint.tenant_id,
          (select x from jsonb_array_elements(fields) x where x ->> 'key' = k), f, path || '.presets.' || k));
      end loop;
    end if;

    out_compiled := out_compiled || jsonb_build_array(jsonb_build_object(
      'position', i, 'action', action, 'transition', g ->> 'transition',
      'row_sql', private.compile_rule(p_blueprint.tenant_id, fields, g -> 'rows', path || '.rows'),
      'fields', to_jsonb(field_list),
      'validation_sql', private.compile_rule(p_blueprint.tenant_id, fields, g -> 'validation', path || '.validation'),
      'presets', presets));
    out_saved := out_saved || jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
      'action', action, 'transition', g ->> 'transition',
      'rows', case when jsonb_typeof(g -> 'rows') <> 'null' then g -> 'rows' end,
      'fields', to_jsonb(field_list),
      'validation', case when jsonb_typeof(g -> 'validation') <> 'null' then g -> 'validation' end,
      'presets', presets)));
    i := i + 1;
  end loop;
  saved := out_saved;
  compiled := out_compiled;
  return next;
end
$$;
revoke all on function private.compile_grants(public.blueprints, jsonb, text) from public;

-- Writes the compiled form of a role's grants on a blueprint (replacing the old one).
create or replace function private.store_compiled_grants(p_role_id uuid, p_blueprint_id uuid, p_compiled jsonb, p_broken text)
returns void
language plpgsql volatile security definer set search_path = ''
as $$
begin
  delete from private.compiled_grants c where c.role_id = p_role_id and c.blueprint_id = p_blueprint_id;
  insert into private.compiled_grants (role_id, blueprint_id, position, action, transition, row_sql, fields, validation_sql, presets, broken)
  select p_role_id, p_blueprint_id, (c ->> 'position')::integer, c ->> 'action', c ->> 'transition',
         -- a broken grant matches no row and allows no field
         case when p_broken is null then c ->> 'row_sql' else 'false' end,
         case when p_broken is not null then '{}'::text[]
              when jsonb_typeof(c -> 'fields') = 'array' then array(select jsonb_array_elements_text(c -> 'fields')) end,
         case when p_broken is null then c ->> 'validation_sql' else 'false' end,
         c -> 'presets', p_broken
  from jsonb_array_elements(p_compiled) c;
end
$$;
revoke all on function private.store_compiled_grants(uuid, uuid, jsonb, text) from public;

-- ----------------------------------------------------------------------------
-- Saving
-- ----------------------------------------------------------------------------

-- The role and live blueprint a permission change targets, and the audited refusal when
-- the caller may not change that role's permissions: it needs manage_roles; Admins always
-- have everything (nothing to grant); a non-Admin cannot change a role they hold (that
-- would widen their own access).
create or replace function private.permission_target(p_role_id uuid, p_blueprint_id uuid, p_action text,
                                                     out role public.roles, out blueprint public.blueprints, out refusal jsonb)
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform private.require_user();
  role := private.visible_role(p_role_id);
  refusal := private.check_capability(role.tenant_id, 'manage_roles', p_action, 'role', role.id::text);
  if refusal is not null then
    return;
  end if;
  if role.builtin and role.key = 'admin' then
    perform private.raise_error(422, 'FOVAL', 'Admins always have every permission; grants apply to other roles.', 'role_id', 'admin_role');
  end if;
  if not private.has_role_on_tenant(role.tenant_id, 'admin')
     and exists (select 1 from public.member_roles mr where mr.role_id = role.id and mr.user_id = auth.uid()) then
    refusal := private.deny(role.tenant_id, p_action, 'role', role.id::text,
      format('you hold the role "%s"; only an Admin may change its permissions', role.name));
    return;
  end if;
  select * into blueprint from public.blueprints b
  where b.id = p_blueprint_id and b.tenant_id = role.tenant_id and b.deleted_at is null;
  if blueprint.id is null then
    perform private.raise_error(404, 'FONF0', 'No such blueprint in this tenant.', 'blueprint_id', 'exists');
  end if;
end
$$;
revoke all on function private.permission_target(uuid, uuid, text) from public;

create or replace function private.set_role_permissions(p_role_id uuid, p_blueprint_id uuid, p_grants jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  t record := private.permission_target(p_role_id, p_blueprint_id, 'set_role_permissions');
  target_role public.roles := t.role;
  target_blueprint public.blueprints := t.blueprint;
  c record;
begin
  if t.refusal is not null then
    return t.refusal;
  end if;
  select * into c from private.compile_grants(target_blueprint, p_grants);
  insert into public.permission_sets as s (tenant_id, role_id, blueprint_id, grants, updated_by)
  values (target_role.tenant_id, target_role.id, target_blueprint.id, c.saved, auth.uid())
  on conflict (role_id, blueprint_id) do update set grants = excluded.grants, updated_at = now(), updated_by = excluded.updated_by;
  perform private.store_compiled_grants(target_role.id, target_blueprint.id, c.compiled, null);
  return jsonb_build_object('role_id', target_role.id, 'blueprint_id', target_blueprint.id, 'grants', c.saved, 'default', false);
end
$$;
revoke all on function private.set_role_permissions(uuid, uuid, jsonb) from public;
grant execute on function private.set_role_permissions(uuid, uuid, jsonb) to authenticated;

create or replace function public.set_role_permissions(p_role_id uuid, p_blueprint_id uuid, p_grants jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.set_role_permissions(p_role_id, p_blueprint_id, p_grants) $$;
comment on function public.set_role_permissions is
  'Replaces a role''s grants on a blueprint (docs/permissions.md): [{action, transition, rows, fields, validation, presets}]; '
  '[] = nothing on this blueprint. Needs manage_roles; checked and compiled when saved; applies on the next request.';
grant execute on function public.set_role_permissions(uuid, uuid, jsonb) to authenticated;

create or replace function private.reset_role_permissions(p_role_id uuid, p_blueprint_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  t record := private.permission_target(p_role_id, p_blueprint_id, 'reset_role_permissions');
  target_role public.roles := t.role;
  target_blueprint public.blueprints := t.blueprint;
begin
  if t.refusal is not null then
    return t.refusal;
  end if;
  delete from public.permission_sets s where s.role_id = target_role.id and s.blueprint_id = target_blueprint.id;
  return jsonb_build_object('role_id', target_role.id, 'blueprint_id', target_blueprint.id, 'grants', null, 'default', true);
end
$$;
revoke all on function private.reset_role_permissions(uuid, uuid) from public;
grant execute on function private.reset_role_permissions(uuid, uuid) to authenticated;

create or replace function public.reset_role_permissions(p_role_id uuid, p_blueprint_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.reset_role_permissions(p_role_id, p_blueprint_id) $$;
comment on function public.reset_role_permissions is
  'Returns a role to its default on a blueprint (Editor: everything, Viewer: read, custom roles: nothing). Needs manage_roles.';
grant execute on function public.reset_role_permissions(uuid, uuid) to authenticated;

-- ----------------------------------------------------------------------------
-- A blueprint changed: compile its grants again against the new version
-- ----------------------------------------------------------------------------

create or replace function private.recompile_permissions(p_blueprint_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  b public.blueprints;
  s public.permission_sets;
  c record;
begin
  select * into b from public.blueprints where id = p_blueprint_id;
  for s in select * from public.permission_sets ps where ps.blueprint_id = p_blueprint_id loop
    begin
      select * into c from private.compile_grants(b, s.grants);
      perform private.store_compiled_grants(s.role_id, s.blueprint_id, c.compiled, null);
    exception when sqlstate 'PGRST' then
      -- Fail closed: the grants no longer fit the blueprint (a field they name is gone or
      -- changed type); they allow nothing until an Admin saves them again.
      perform private.store_compiled_grants(s.role_id, s.blueprint_id,
        (select coalesce(jsonb_agg(jsonb_build_object('position', i - 1, 'action', g ->> 'action', 'transition', g ->> 'transition')
                                   order by i), '[]'::jsonb)
         from jsonb_array_elements(s.grants) with ordinality as x(g, i)),
        coalesce((sqlerrm::jsonb) ->> 'message', sqlerrm));
    end;
  end loop;
end
$$;
revoke all on function private.recompile_permissions(uuid) from public;

-- A row naming a blueprint changed what its grants compile against: a new blueprint
-- version (its fields are in place: the version row is inserted after blueprints.version
-- changes) or its flow's transitions.
create or replace function private.recompile_permissions_of_row() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.recompile_permissions(new.blueprint_id);
  return null;
end
$$;
revoke all on function private.recompile_permissions_of_row() from public;
create trigger blueprint_versions_recompile_permissions
  after insert on public.blueprint_versions
  for each row execute function private.recompile_permissions_of_row();
create trigger flows_recompile_permissions
  after insert or update of transitions on public.flows
  for each row execute function private.recompile_permissions_of_row();
