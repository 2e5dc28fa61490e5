-- ============================================================================
-- Blueprint RPCs: create, edit (a new version from a declared change list),
-- details. Who: members holding manage_blueprints (Admin, Editor); everyone else
-- gets the audited 403. A blueprint of another tenant is 404, as an unknown one.
-- Trash (delete, restore, purge) follows with the entity writers.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Lookups
-- ----------------------------------------------------------------------------

-- The blueprint, locked when p_lock, if the caller is a member of its tenant; 404 otherwise
-- (an unknown id and another tenant's blueprint get the same answer).
create or replace function private.visible_blueprint(p_blueprint_id uuid, p_lock boolean) returns public.blueprints
language plpgsql volatile security definer set search_path = ''
as $$
declare
  b public.blueprints;
begin
  if p_lock then
    select * into b from public.blueprints where id = p_blueprint_id for update;
  else
    select * into b from public.blueprints where id = p_blueprint_id;
  end if;
  if b.id is null or not exists (select 1 from private.tenant_ids_for_user() t where t = b.tenant_id) then
    perform private.raise_error(404, 'FONF0', 'No such blueprint.', 'blueprint_id', 'exists');
  end if;
  return b;
end
$$;
revoke all on function private.visible_blueprint(uuid, boolean) from public;

-- A blueprint as the API shows it: its row and the fields of its latest version.
create or replace function private.blueprint_json(p_blueprint public.blueprints) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select to_jsonb(p_blueprint) || jsonb_build_object('fields', v.fields)
  from public.blueprint_versions v
  where v.blueprint_id = p_blueprint.id and v.version = p_blueprint.version
$$;
revoke all on function private.blueprint_json(public.blueprints) from public;

-- ----------------------------------------------------------------------------
-- Details: name, key, description, icon
-- ----------------------------------------------------------------------------

create or replace function private.check_blueprint_name(p_tenant_id uuid, p_blueprint_id uuid, p_name text) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  wanted text := btrim(p_name);
begin
  if wanted is null or length(wanted) not between 1 and 100 then
    perform private.raise_error(422, 'FOVAL', 'A blueprint name is 1 to 100 characters.', 'name', 'length');
  end if;
  if exists (select 1 from public.blueprints b where b.tenant_id = p_tenant_id and lower(b.name) = lower(wanted)
             and b.deleted_at is null and b.id is distinct from p_blueprint_id) then
    perform private.raise_error(409, 'FOCON', format('This tenant already has a blueprint named "%s".', wanted), 'name', 'unique');
  end if;
  return wanted;
end
$$;
revoke all on function private.check_blueprint_name(uuid, uuid, text) from public;

-- A key from a name: lowercase words joined by _, made unique with _2, _3, ...
create or replace function private.suggest_blueprint_key(p_tenant_id uuid, p_name text) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  base text := left(btrim(regexp_replace(lower(coalesce(p_name, '')), '[^a-z0-9]+', '_', 'g'), '_'), 50);
  candidate text;
  n integer := 1;
begin
  if base = '' or base !~ '^[a-z]' then
    base := 'b_' || base;
  end if;
  base := rtrim(base, '_');
  candidate := base;
  while exists (select 1 from public.blueprints b where b.tenant_id = p_tenant_id and b.key = candidate and b.deleted_at is null) loop
    n := n + 1;
    candidate := base || '_' || n;
  end loop;
  return candidate;
end
$$;
revoke all on function private.suggest_blueprint_key(uuid, text) from public;

create or replace function private.check_blueprint_details(p_description text, p_icon text) returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if length(p_description) > 1000 then
    perform private.raise_error(422, 'FOVAL', 'A blueprint description is at most 1000 characters.', 'description', 'length');
  end if;
  if p_icon is not null and p_icon !~ '^[a-z0-9][a-z0-9-]{0,63}$' then
    perform private.raise_error(422, 'FOVAL', 'An icon is a name such as "truck" or "file-text" (lowercase letters, digits, -).', 'icon', 'format');
  end if;
end
$$;
revoke all on function private.check_blueprint_details(text, text) from public;

-- ----------------------------------------------------------------------------
-- Create
-- ----------------------------------------------------------------------------

-- p_id: the new blueprint's id when the caller chose it (templates, so a field can
-- reference its own blueprint); null for a new one.
create or replace function private.create_blueprint(
  p_tenant_id uuid,
  p_name text,
  p_fields jsonb,
  p_key text,
  p_description text,
  p_icon text,
  p_id uuid default null
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  refusal jsonb;
  new_id uuid := coalesce(p_id, gen_random_uuid());
  new_name text;
  new_key text := nullif(btrim(p_key), '');
  fields jsonb;
  b public.blueprints;
begin
  refusal := private.check_capability(p_tenant_id, 'manage_blueprints', 'create_blueprint', 'blueprints', null);
  if refusal is not null then
    return refusal;
  end if;
  new_name := private.check_blueprint_name(p_tenant_id, null, p_name);
  if new_key is null then
    new_key := private.suggest_blueprint_key(p_tenant_id, new_name);
  elsif new_key !~ '^[a-z][a-z0-9_]{0,62}$' then
    perform private.raise_error(422, 'FOVAL',
      'A blueprint key starts with a lowercase letter and has only lowercase letters, digits and _ (at most 63).', 'key', 'format');
  elsif exists (select 1 from public.blueprints x where x.tenant_id = p_tenant_id and x.key = new_key and x.deleted_at is null) then
    perform private.raise_error(409, 'FOCON', format('This tenant already has a blueprint with the key "%s".', new_key), 'key', 'unique');
  end if;
  perform private.check_blueprint_details(p_description, p_icon);
  fields := private.check_fields(p_tenant_id, new_id, p_fields);

  insert into public.blueprints (id, tenant_id, key, name, description, icon, version, created_by, updated_by)
  values (new_id, p_tenant_id, new_key, new_name, nullif(btrim(p_description), ''), p_icon, 1, uid, uid)
  returning * into b;
  insert into public.blueprint_versions (blueprint_id, version, tenant_id, fields, changes, created_by)
  values (new_id, 1, p_tenant_id, fields, '[{"op": "create"}]'::jsonb, uid);
  perform private.sync_blueprint_indexes(b.id);
  perform private.record_audit_event(p_tenant_id, 'create_blueprint_version', 'blueprints', new_id::text, 'success', null,
    jsonb_build_object('version', 1, 'fields', fields));
  return private.blueprint_json(b);
end
$$;
revoke all on function private.create_blueprint(uuid, text, jsonb, text, text, text, uuid) from public;
grant execute on function private.create_blueprint(uuid, text, jsonb, text, text, text, uuid) to authenticated;

create or replace function public.create_blueprint(
  p_tenant_id uuid,
  p_name text,
  p_fields jsonb,
  p_key text default null,
  p_description text default null,
  p_icon text default null
) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.create_blueprint(p_tenant_id, p_name, p_fields, p_key, p_description, p_icon) $$;
comment on function public.create_blueprint is
  'Creates a blueprint (version 1) with its ordered field definitions (docs/entities.md). Needs manage_blueprints.';
grant execute on function public.create_blueprint(uuid, text, jsonb, text, text, text) to authenticated;

-- ----------------------------------------------------------------------------
-- Edit: a new version from a declared change list
-- ----------------------------------------------------------------------------

-- Which type changes have a cast rule (docs/entities.md, "Changing a field's type").
create or replace function private.can_cast(p_from text, p_to text) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select p_from = p_to or case
    when p_to in ('text', 'long_text') then p_from in ('text', 'long_text', 'email', 'url', 'phone', 'number', 'integer', 'boolean',
                                                        'date', 'datetime', 'single_select', 'status', 'currency')
    when p_to in ('email', 'url', 'phone') then p_from in ('text', 'long_text', 'email', 'url', 'phone')
    when p_to in ('number', 'integer') then p_from in ('text', 'long_text', 'number', 'integer', 'currency', 'single_select', 'status')
    when p_to = 'currency' then p_from in ('number', 'integer')
    when p_to = 'boolean' then p_from in ('text', 'long_text')
    when p_to in ('date', 'datetime') then p_from in ('text', 'long_text', 'date', 'datetime')
    when p_to in ('single_select', 'status') then p_from in ('text', 'long_text', 'single_select', 'status', 'multi_select')
    when p_to = 'multi_select' then p_from in ('single_select', 'status')
    when p_to = 'json' then true
    else false
  end
$$;
grant execute on function private.can_cast(text, text) to authenticated, service_role;

-- The position of a field key in a field list (0-based), or null.
create or replace function private.field_position(p_fields jsonb, p_key text) returns integer
language sql immutable parallel safe set search_path = ''
as $$ select (i - 1)::integer from jsonb_array_elements(p_fields) with ordinality as x(f, i) where f ->> 'key' = p_key $$;
grant execute on function private.field_position(jsonb, text) to authenticated, service_role;

-- Inserts a field after the field p_after (null: first; absent: last).
create or replace function private.insert_field(p_fields jsonb, p_field jsonb, p_change jsonb, p_path text) returns jsonb
language plpgsql immutable set search_path = ''
as $$
declare
  pos integer;
begin
  if not p_change ? 'after' then
    return p_fields || jsonb_build_array(p_field);
  end if;
  if jsonb_typeof(p_change -> 'after') = 'null' then
    return jsonb_build_array(p_field) || p_fields;
  end if;
  pos := private.field_position(p_fields, p_change ->> 'after');
  if pos is null then
    perform private.field_error(p_path || '.after', 'unknown_field', format('There is no field "%s" to place it after.', p_change ->> 'after'));
  end if;
  return (select jsonb_agg(f order by i) from (
    select f, i::numeric from jsonb_array_elements(p_fields) with ordinality as x(f, i)
    union all select p_field, pos + 1.5
  ) y);
end
$$;
grant execute on function private.insert_field(jsonb, jsonb, jsonb, text) to authenticated, service_role;

-- Applies one declared change to a field list. Returns {fields, change}: the new list,
-- and the change as stored, completed with what a backward migration needs (the
-- definition a field had before). Field definitions are checked as a whole afterwards.
create or replace function private.apply_blueprint_change(p_tenant_id uuid, p_blueprint_id uuid, p_fields jsonb, p_change jsonb, p_path text)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  op text := p_change ->> 'op';
  key text := coalesce(p_change ->> 'key', p_change ->> 'from');
  pos integer;
  old jsonb;
  new jsonb;
  fields jsonb := p_fields;
  allowed text[];
  extra text;
  opts jsonb;
begin
  if jsonb_typeof(p_change) is distinct from 'object' then
    perform private.field_error(p_path, 'shape', 'Each change is an object with an "op".');
  end if;
  allowed := case op
    when 'set_details' then array['op', 'name', 'description', 'icon']
    when 'add_field' then array['op', 'field', 'after']
    when 'remove_field' then array['op', 'key']
    when 'rename_field' then array['op', 'from', 'to']
    when 'update_field' then array['op', 'key', 'field']
    when 'change_type' then array['op', 'key', 'field', 'currency']
    when 'rename_option' then array['op', 'key', 'from', 'to']
    when 'merge_options' then array['op', 'key', 'from', 'into']
    when 'move_field' then array['op', 'key', 'after']
  end;
  if allowed is null then
    perform private.field_error(p_path || '.op', 'op', 'A change is one of: set_details, add_field, remove_field, rename_field, '
      || 'update_field, change_type, rename_option, merge_options, move_field.');
  end if;
  select k into extra from jsonb_object_keys(p_change) k where not k = any (allowed) limit 1;
  if extra is not null then
    perform private.field_error(p_path || '.' || extra, 'not_allowed', format('A %s change has no "%s".', op, extra));
  end if;

  if op not in ('set_details', 'add_field') then
    pos := private.field_position(fields, key);
    if pos is null then
      perform private.field_error(p_path || case when op = 'rename_field' then '.from' else '.key' end, 'unknown_field',
        format('The blueprint has no field "%s".', coalesce(key, '')));
    end if;
    old := fields -> pos;
  end if;

  case op
    when 'set_details' then
      null; -- applied to the blueprint row by the caller
    when 'add_field' then
      new := private.check_field(p_tenant_id, p_blueprint_id, p_change -> 'field', p_path || '.field');
      fields := private.insert_field(fields, new, p_change, p_path);
      p_change := jsonb_set(p_change, '{field}', new);
    when 'remove_field' then
      fields := fields - pos;
      p_change := p_change || jsonb_build_object('field', old);
    when 'rename_field' then
      new := jsonb_set(old, '{key}', coalesce(p_change -> 'to', 'null'::jsonb));
      new := private.check_field(p_tenant_id, p_blueprint_id, new, p_path || '.to');
      fields := jsonb_set(fields, array[pos::text], new);
    when 'update_field', 'change_type' then
      new := private.check_field(p_tenant_id, p_blueprint_id, p_change -> 'field', p_path || '.field');
      if new ->> 'key' <> key then
        perform private.field_error(p_path || '.field.key', 'rename', format('Rename "%s" with a rename_field change.', key));
      end if;
      if op = 'update_field' and new ->> 'type' <> old ->> 'type' then
        perform private.field_error(p_path || '.field.type', 'type', format('Change the type of "%s" with a change_type change.', key));
      end if;
      if op = 'change_type' then
        if new ->> 'type' = old ->> 'type' then
          perform private.field_error(p_path || '.field.type', 'type', format('"%s" already is %s.', key, old ->> 'type'));
        end if;
        if not private.can_cast(old ->> 'type', new ->> 'type') then
          perform private.field_error(p_path || '.field.type', 'cast',
            format('"%s" cannot change from %s to %s: no cast rule converts those values.', key, old ->> 'type', new ->> 'type'));
        end if;
        if new ->> 'type' = 'currency' and coalesce(p_change ->> 'currency', '') !~ '^[A-Z]{3}$' then
          perform private.field_error(p_path || '.currency', 'currency',
            format('Turning "%s" into a currency needs the code of its amounts, such as "currency": "EUR".', key));
        end if;
      end if;
      fields := jsonb_set(fields, array[pos::text], new);
      p_change := jsonb_set(p_change, '{field}', new) || jsonb_build_object('before', old);
    when 'rename_option', 'merge_options' then
      if old ->> 'type' not in ('single_select', 'multi_select', 'status') then
        perform private.field_error(p_path || '.key', 'type', format('"%s" has no options.', key));
      end if;
      opts := old -> 'options';
      if op = 'rename_option' then
        if not exists (select 1 from jsonb_array_elements(opts) o where o ->> 'value' = p_change ->> 'from') then
          perform private.field_error(p_path || '.from', 'option', format('"%s" has no option %s.', key, coalesce(p_change -> 'from', 'null'::jsonb)));
        end if;
        opts := (select jsonb_agg(case when o ->> 'value' = p_change ->> 'from'
                                       then jsonb_set(o, '{value}', coalesce(p_change -> 'to', 'null'::jsonb)) else o end order by i)
                 from jsonb_array_elements(opts) with ordinality as x(o, i));
      else
        if jsonb_typeof(p_change -> 'from') is distinct from 'array' or jsonb_array_length(p_change -> 'from') = 0
           or exists (select 1 from jsonb_array_elements(p_change -> 'from') v
                      where not exists (select 1 from jsonb_array_elements(opts) o where o -> 'value' = v)) then
          perform private.field_error(p_path || '.from', 'option', format('"from" lists options of "%s" to merge (at least one).', key));
        end if;
        if not exists (select 1 from jsonb_array_elements(opts) o where o ->> 'value' = p_change ->> 'into')
           or (p_change -> 'from') ? (p_change ->> 'into') then
          perform private.field_error(p_path || '.into', 'option', format('"into" is another option of "%s" that the merged ones become.', key));
        end if;
        opts := (select jsonb_agg(o order by i) from jsonb_array_elements(opts) with ordinality as x(o, i)
                 where not (p_change -> 'from') ? (o ->> 'value'));
      end if;
      new := jsonb_set(old, '{options}', opts);
      if new ? 'default' and new #>> '{default,kind}' = 'literal' then
        new := new - 'default'; -- re-checked below against the new options
        if old #> '{default,value}' is not null then
          new := jsonb_set(new, '{default}', jsonb_build_object('kind', 'literal', 'value',
            private.option_after_change(old #> '{default,value}', p_change)));
        end if;
      end if;
      new := private.check_field(p_tenant_id, p_blueprint_id, new, p_path);
      fields := jsonb_set(fields, array[pos::text], new);
      p_change := p_change || jsonb_build_object('field', new);
    when 'move_field' then
      fields := private.insert_field(fields - pos, old, p_change, p_path);
  end case;
  return jsonb_build_object('fields', fields, 'change', p_change);
end
$$;
revoke all on function private.apply_blueprint_change(uuid, uuid, jsonb, jsonb, text) from public;

-- A select value (or list of values) after a rename_option or merge_options change.
create or replace function private.option_after_change(p_value jsonb, p_change jsonb) returns jsonb
language sql immutable parallel safe set search_path = ''
as $$
  select case
    when p_value is null then null
    when jsonb_typeof(p_value) = 'array' then (
      select jsonb_agg(distinct private.option_after_change(v, p_change)) from jsonb_array_elements(p_value) v)
    when p_change ->> 'op' = 'rename_option' and p_value #>> '{}' = p_change ->> 'from' then p_change -> 'to'
    when p_change ->> 'op' = 'merge_options' and (p_change -> 'from') ? (p_value #>> '{}') then p_change -> 'into'
    else p_value
  end
$$;
grant execute on function private.option_after_change(jsonb, jsonb) to authenticated, service_role;

create or replace function private.update_blueprint(p_blueprint_id uuid, p_expected_version integer, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  b public.blueprints := private.visible_blueprint(p_blueprint_id, true);
  refusal jsonb;
  fields jsonb;
  stored jsonb := '[]'::jsonb;
  step jsonb;
  change jsonb;
  i integer := 0;
  new_name text := b.name;
  new_description text := b.description;
  new_icon text := b.icon;
begin
  refusal := private.check_capability(b.tenant_id, 'manage_blueprints', 'update_blueprint', 'blueprints', b.id::text);
  if refusal is not null then
    return refusal;
  end if;
  if b.deleted_at is not null then
    perform private.raise_error(409, 'FOCON', 'This blueprint is in the trash; restore it before editing.', 'blueprint_id', 'in_trash');
  end if;
  if p_expected_version is distinct from b.version then
    perform private.raise_error(409, 'FOCON',
      format('The blueprint changed since you loaded it (it is at version %s, you edited version %s). Reload it and apply your changes again.',
        b.version, coalesce(p_expected_version::text, 'none')), 'expected_version', 'stale');
  end if;
  if jsonb_typeof(p_changes) is distinct from 'array' or jsonb_array_length(p_changes) not between 1 and 100 then
    perform private.raise_error(422, 'FOVAL', 'Send 1 to 100 changes.', 'changes', 'size');
  end if;

  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = b.id and v.version = b.version;
  for change in select value from jsonb_array_elements(p_changes) loop
    step := private.apply_blueprint_change(b.tenant_id, b.id, fields, change, 'changes.' || i);
    fields := step -> 'fields';
    change := step -> 'change';
    if change ->> 'op' = 'set_details' then
      change := change || jsonb_build_object('before', jsonb_build_object('name', new_name, 'description', new_description, 'icon', new_icon));
      if change ? 'name' then
        new_name := private.check_blueprint_name(b.tenant_id, b.id, change ->> 'name');
      end if;
      if change ? 'description' then
        new_description := nullif(btrim(change ->> 'description'), '');
      end if;
      if change ? 'icon' then
        new_icon := change ->> 'icon';
      end if;
      perform private.check_blueprint_details(new_description, new_icon);
    end if;
    stored := stored || jsonb_build_array(change);
    i := i + 1;
  end loop;
  fields := private.check_fields(b.tenant_id, b.id, fields);

  update public.blueprints set name = new_name, description = new_description, icon = new_icon,
    version = b.version + 1, updated_by = uid
  where id = b.id
  returning * into b;
  insert into public.blueprint_versions (blueprint_id, version, tenant_id, fields, changes, created_by)
  values (b.id, b.version, b.tenant_id, fields, stored, uid);
  perform private.sync_unique_values_for_blueprint(b.id, stored);
  perform private.sync_blueprint_indexes(b.id);
  perform private.record_audit_event(b.tenant_id, 'create_blueprint_version', 'blueprints', b.id::text, 'success', null,
    jsonb_build_object('version', b.version, 'changes', stored));
  return private.blueprint_json(b);
end
$$;
revoke all on function private.update_blueprint(uuid, integer, jsonb) from public;
grant execute on function private.update_blueprint(uuid, integer, jsonb) to authenticated;

create or replace function public.update_blueprint(p_blueprint_id uuid, p_expected_version integer, p_changes jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.update_blueprint(p_blueprint_id, p_expected_version, p_changes) $$;
comment on function public.update_blueprint is
  'Edits a blueprint: applies the declared changes (add_field, remove_field, rename_field, update_field, change_type, '
  'rename_option, merge_options, move_field, set_details) as a new version. Entities keep their version until migrated. '
  'p_expected_version must be the current version. Needs manage_blueprints.';
grant execute on function public.update_blueprint(uuid, integer, jsonb) to authenticated;
