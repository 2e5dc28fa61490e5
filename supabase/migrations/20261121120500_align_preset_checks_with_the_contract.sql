-- ============================================================================
-- Preset checks as docs/permissions.md ("Presets", "Errors at save time") and the
-- reference evaluator (packages/shared/src/permissions/presets.ts) have them; found by
-- supabase/tests/511_permission_rule_errors. 20261121120000's check_preset:
--  * saved a null preset (dropping it silently): now refused, rule "preset";
--  * refused member.<key> on a long text field and took it on a currency field (an
--    attribute is a string, number or boolean, never {amount, currency}): now the
--    other way round;
--  * answered user.roles with unknown_variable (it is a known variable that presets
--    no field: variable_type), and a non-string "var" with shape (unknown_variable);
--  * checked presets in the database collation's key order, not byte order.
-- ============================================================================

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

-- Checks and compiles a grant list for a blueprint (as 20261121120300, presets checked
-- in byte order of their keys whatever the database's collation).
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
