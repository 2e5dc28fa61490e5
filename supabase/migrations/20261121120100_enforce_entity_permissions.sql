-- ============================================================================
-- Entity access from permission grants (docs/permissions.md), on every entity path.
--
-- private.entity_access(blueprint, tenant) is the caller's effective access, looked
-- up once per call: per action, the grants that allow it (from the caller's roles,
-- builtin defaults included), each with its compiled row rule, fields, validation,
-- presets. Everything below asks it:
--  * entity_permission (may the caller take the action at all) - unchanged callers;
--  * visible_entity: a single entity is visible when a read grant's rule matches it;
--  * entity_json: every entity an RPC returns carries only readable fields;
--  * query_entities: the read rules join the compiled WHERE; filters, sorts and
--    search may not touch hidden fields;
--  * writes: update/delete/transition rules on the entity before the change, writable
--    fields, validation on the result, presets on create: all decided before anything
--    is written, so a denial commits only its audit entry.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Effective access
-- ----------------------------------------------------------------------------

-- {read: [grant], create: [...], update: [...], delete: [...], transition: [...]}: per action,
-- the grants of p_user_id's roles that allow it, each {role, rows?, fields?, validation?,
-- presets?, transition?} (an absent rows/fields = every row/field). Builtin defaults:
-- Admin everything; Editor every action, Viewer read, unless grants were saved for them.
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
revoke all on function private.entity_access_for(uuid, uuid, uuid) from public;

-- The caller's access (nothing for a session the access rules do not trust).
create or replace function private.entity_access(p_blueprint_id uuid, p_tenant_id uuid) returns jsonb
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  if auth.uid() is null or not private.session_allows_access() then
    return '{}'::jsonb;
  end if;
  return private.entity_access_for(auth.uid(), p_blueprint_id, p_tenant_id);
end
$$;
comment on function private.entity_access is
  'The caller''s effective grants on a blueprint''s entities (docs/permissions.md); the one place entity access is decided.';
revoke all on function private.entity_access(uuid, uuid) from public;
grant execute on function private.entity_access(uuid, uuid) to authenticated, service_role;

-- The rows an action reaches, as SQL over e: 'true' = every row, 'false' = none (no grant
-- allows the action: whether one does is entity_permission's question).
create or replace function private.access_rows_sql(p_access jsonb, p_action text) returns text
language plpgsql immutable parallel safe set search_path = ''
as $$
declare
  grants jsonb := coalesce(p_access -> p_action, '[]'::jsonb);
  g jsonb;
  parts text[] := '{}';
begin
  if jsonb_array_length(grants) = 0 then
    return 'false';
  end if;
  for g in select value from jsonb_array_elements(grants) loop
    if not g ? 'rows' then
      return 'true';
    end if;
    parts := parts || ('(' || (g ->> 'rows') || ')');
  end loop;
  return '(' || array_to_string(parts, ' or ') || ')';
end
$$;
grant execute on function private.access_rows_sql(jsonb, text) to authenticated, service_role;

-- The fields an action's grants cover together: null = every field.
create or replace function private.access_fields(p_access jsonb, p_action text) returns text[]
language plpgsql immutable parallel safe set search_path = ''
as $$
declare
  g jsonb;
  result text[] := '{}';
begin
  for g in select value from jsonb_array_elements(coalesce(p_access -> p_action, '[]'::jsonb)) loop
    if not g ? 'fields' then
      return null;
    end if;
    result := result || array(select jsonb_array_elements_text(g -> 'fields'));
  end loop;
  return array(select distinct f from unnest(result) f order by f);
end
$$;
grant execute on function private.access_fields(jsonb, text) to authenticated, service_role;

-- The field keys of any version of a blueprint that are not in p_readable (null: none hidden).
create or replace function private.hidden_keys(p_blueprint_id uuid, p_readable text[]) returns text[]
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  if p_readable is null then
    return null;
  end if;
  return array(select distinct f ->> 'key' from public.blueprint_versions v, jsonb_array_elements(v.fields) f
               where v.blueprint_id = p_blueprint_id and not (f ->> 'key') = any (p_readable) order by 1);
end
$$;
revoke all on function private.hidden_keys(uuid, text[]) from public;

-- Whether an entity (as stored, or as it would be after a write) matches a compiled rule.
create or replace function private.entity_matches(p_entity public.entities, p_sql text) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
declare
  ok boolean;
begin
  if p_sql is null or p_sql = 'true' then
    return true; -- no rule
  end if;
  if p_sql = 'false' then
    return false;
  end if;
  execute format('select coalesce((%s), false) from (select ($1::public.entities).*) e', p_sql) into ok using p_entity;
  return ok;
end
$$;
revoke all on function private.entity_matches(public.entities, text) from public;

-- Whether the caller may take p_action on a blueprint's entities at all (some grant allows it).
create or replace function private.entity_permission(p_tenant_id uuid, p_blueprint_id uuid, p_action text) returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  return jsonb_array_length(coalesce(private.entity_access(p_blueprint_id, p_tenant_id) -> p_action, '[]'::jsonb)) > 0;
end
$$;
comment on function private.entity_permission is
  'Whether some grant lets the caller read/create/update/delete/transition entities of a blueprint (rows and fields aside).';

-- An audited 403 naming the action, the blueprint and (for fields) the field, never a value.
create or replace function private.deny_entity(p_tenant_id uuid, p_action text, p_object_id text, p_reason text, p_field text,
                                               p_rule text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform private.record_audit_event(p_tenant_id, p_action, 'entities', p_object_id, 'denied', null, null,
    jsonb_strip_nulls(jsonb_build_object('reason', p_reason, 'field', p_field, 'rule', p_rule)));
  perform set_config('response.status', '403', true);
  return private.error_body('FODEN', format('Not allowed to %s: %s.', replace(p_action, '_', ' '), p_reason), p_field, p_rule);
end
$$;
revoke all on function private.deny_entity(uuid, text, text, text, text, text) from public;

-- ----------------------------------------------------------------------------
-- Reading one entity
-- ----------------------------------------------------------------------------

create or replace function private.visible_entity(p_entity_id uuid, p_lock boolean) returns public.entities
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.entities;
begin
  if p_lock then
    select * into e from public.entities where id = p_entity_id for no key update;
  else
    select * into e from public.entities where id = p_entity_id;
  end if;
  if e.id is null or not private.entity_matches(e, private.access_rows_sql(private.entity_access(e.blueprint_id, e.tenant_id), 'read')) then
    perform private.raise_error(404, 'FONF0', 'No such entity.', 'entity_id', 'exists');
  end if;
  return e;
end
$$;

-- The entity as the caller may see it: fields they cannot read are absent.
create or replace function private.entity_json(p_entity public.entities, p_access jsonb) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  hidden text[] := private.hidden_keys(p_entity.blueprint_id, private.access_fields(p_access, 'read'));
begin
  return jsonb_build_object(
    'id', p_entity.id, 'blueprint_id', p_entity.blueprint_id, 'blueprint_version', p_entity.blueprint_version,
    'version', p_entity.version, 'data', case when hidden is null then p_entity.data else p_entity.data - hidden end,
    'created_at', p_entity.created_at, 'created_by', p_entity.created_by,
    'updated_at', p_entity.updated_at, 'updated_by', p_entity.updated_by,
    'deleted_at', p_entity.deleted_at);
end
$$;
revoke all on function private.entity_json(public.entities, jsonb) from public;

create or replace function private.entity_json(p_entity public.entities) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
  return private.entity_json(p_entity, private.entity_access(p_entity.blueprint_id, p_entity.tenant_id));
end
$$;
comment on function private.entity_json(public.entities) is 'An entity as the API returns it to the caller: only the fields their grants let them read.';

-- ----------------------------------------------------------------------------
-- Rows a write may touch
-- ----------------------------------------------------------------------------

-- The audited 403 body when the caller's access (p_access, looked up once by the caller)
-- allows p_action on no entity of the blueprint, or when no p_action grant's row rule
-- matches this entity; null when one does. For update the fields and validation are
-- checked later (update_refusal).
create or replace function private.action_refusal(p_access jsonb, p_entity public.entities, p_blueprint public.blueprints, p_action text)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if jsonb_array_length(coalesce(p_access -> p_action, '[]'::jsonb)) = 0 then
    return private.check_entity_permission(p_blueprint, p_action, p_entity.id::text);
  end if;
  if p_action not in ('update', 'delete') then
    return null;
  end if;
  if private.entity_matches(p_entity, private.access_rows_sql(p_access, p_action)) then
    return null;
  end if;
  return private.deny_entity(p_blueprint.tenant_id, p_action || '_entity', p_entity.id::text,
    format('your roles do not allow %s of this entity of "%s" (row rule)', p_action, p_blueprint.name), null, 'row_rule');
end
$$;
revoke all on function private.action_refusal(jsonb, public.entities, public.blueprints, text) from public;

-- (20261121110400's version without the caller's access: its result type grows)
drop function private.entity_for_action(uuid, text);

-- The start of every single-entity action: signed in, the entity visible (locked), its
-- blueprint, the caller's access to it (for the rest of the action), and the audited 403
-- body when that access does not allow p_action on this entity.
create or replace function private.entity_for_action(p_entity_id uuid, p_action text, out entity public.entities,
                                                     out blueprint public.blueprints, out access jsonb, out refusal jsonb)
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform private.require_user();
  entity := private.visible_entity(p_entity_id, true);
  select * into blueprint from public.blueprints b where b.id = entity.blueprint_id;
  access := private.entity_access(blueprint.id, blueprint.tenant_id);
  refusal := private.action_refusal(access, entity, blueprint, p_action);
end
$$;
revoke all on function private.entity_for_action(uuid, text) from public;

create or replace function private.authorize_entities(p_ids uuid[], p_action text, p_path text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.entities;
  b public.blueprints;
  refusal jsonb;
begin
  for i in 1 .. cardinality(p_ids) loop
    begin
      e := private.visible_entity(p_ids[i], false);
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, p_path || '.' || (i - 1), format('Row %s: ', i));
    end;
    select * into b from public.blueprints where id = e.blueprint_id;
    refusal := private.action_refusal(private.entity_access(b.id, b.tenant_id), e, b, p_action);
    if refusal is not null then
      return refusal;
    end if;
  end loop;
  return null;
end
$$;

-- ----------------------------------------------------------------------------
-- Create: writable fields, presets, validation
-- ----------------------------------------------------------------------------

-- p_presets with variables replaced by the caller's values (now: the instant, or today
-- for date fields; a variable without a value presets null).
create or replace function private.resolve_presets(p_presets jsonb, p_fields jsonb, p_vars jsonb) returns jsonb
language plpgsql stable parallel safe set search_path = ''
as $$
begin
  return (
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
  );
end
$$;
grant execute on function private.resolve_presets(jsonb, jsonb, jsonb) to authenticated, service_role;

-- The entity a create would write, not yet written: for validation rules.
create or replace function private.draft_entity(p_blueprint public.blueprints, p_data jsonb) returns public.entities
language plpgsql stable set search_path = ''
as $$
declare
  e public.entities;
begin
  e.id := gen_random_uuid();
  e.tenant_id := p_blueprint.tenant_id;
  e.blueprint_id := p_blueprint.id;
  e.blueprint_version := p_blueprint.version;
  e.version := 1;
  e.data := p_data;
  e.created_at := now();
  e.updated_at := now();
  e.created_by := auth.uid();
  e.updated_by := auth.uid();
  return e;
end
$$;
revoke all on function private.draft_entity(public.blueprints, jsonb) from public;

-- What the caller may create from p_data: {data} (the input with the first accepting
-- grant's presets) or {refusal} (the audited 403 body). A grant accepts when its fields
-- cover every field written and its validation holds for the entity as it would be.
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
    if p_vars is null and jsonb_path_exists(coalesce(g -> 'presets', '{}'::jsonb), '$.*.var') then
      p_vars := private.permission_vars(p_blueprint.tenant_id);
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
revoke all on function private.create_decision(public.blueprints, jsonb, text, jsonb, jsonb, jsonb) from public;

create or replace function private.create_entity(p_blueprint_id uuid, p_data jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  w record := private.blueprint_for_write(p_blueprint_id, 'create');
  access jsonb;
  decision jsonb;
begin
  if w.refusal is not null then
    return w.refusal;
  end if;
  access := private.entity_access((w.blueprint).id, (w.blueprint).tenant_id);
  -- the rule variables only when a preset needs them
  decision := private.create_decision(w.blueprint, w.fields, w.timezone, p_data, access, null);
  if decision ? 'refusal' then
    return decision -> 'refusal';
  end if;
  return private.entity_json(private.insert_entity(w.blueprint, w.fields, w.timezone, decision -> 'data'), access);
end
$$;

create or replace function private.create_entities(p_blueprint_id uuid, p_rows jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  w record := private.blueprint_for_write(p_blueprint_id, 'create');
  access jsonb;
  vars jsonb;
  row jsonb;
  i integer := 0;
  decision jsonb;
  rows jsonb := '[]'::jsonb;
  created jsonb := '[]'::jsonb;
begin
  if w.refusal is not null then
    return w.refusal;
  end if;
  if jsonb_typeof(p_rows) is distinct from 'array' or jsonb_array_length(p_rows) not between 1 and 1000 then
    perform private.raise_error(422, 'FOVAL', 'Send 1 to 1000 rows.', 'rows', 'size');
  end if;
  access := private.entity_access((w.blueprint).id, (w.blueprint).tenant_id);
  vars := null; -- computed by create_decision when a preset needs them
  -- Every row is decided before any is written: a refusal commits only its audit entry.
  for row in select value from jsonb_array_elements(p_rows) loop
    begin
      decision := private.create_decision(w.blueprint, w.fields, w.timezone, row, access, vars);
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, 'rows.' || i, format('Row %s: ', i + 1));
    end;
    if decision ? 'refusal' then
      return decision -> 'refusal';
    end if;
    rows := rows || jsonb_build_array(decision -> 'data');
    i := i + 1;
  end loop;
  i := 0;
  for row in select value from jsonb_array_elements(rows) loop
    begin
      created := created || jsonb_build_array(private.entity_json(private.insert_entity(w.blueprint, w.fields, w.timezone, row), access));
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, 'rows.' || i, format('Row %s: ', i + 1));
    end;
    i := i + 1;
  end loop;
  return jsonb_build_object('entities', created);
end
$$;

-- ----------------------------------------------------------------------------
-- Update: rows, writable fields, validation
-- ----------------------------------------------------------------------------

-- The audited 403 body when no update grant accepts the change (null when one does): its
-- row rule matches the entity as it is, its fields cover every field in p_changes, and
-- its validation holds for the entity as it would be.
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
revoke all on function private.update_refusal(public.entities, public.blueprints, jsonb, jsonb) from public;

create or replace function private.update_entity(p_entity_id uuid, p_expected_version integer, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a record := private.entity_for_action(p_entity_id, 'update');
  refusal jsonb;
begin
  if a.refusal is not null then
    return a.refusal;
  end if;
  if (a.entity).deleted_at is null and p_expected_version = (a.entity).version then
    refusal := private.update_refusal(a.entity, a.blueprint, p_changes, a.access);
    if refusal is not null then
      return refusal;
    end if;
  end if;
  return private.entity_json(private.change_entity(a.entity, p_expected_version, p_changes, 'update'), a.access);
end
$$;

create or replace function private.update_entities(p_updates jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  u jsonb;
  i integer := 0;
  ids uuid[] := '{}';
  e public.entities;
  b public.blueprints;
  result jsonb := '[]'::jsonb;
  refusal jsonb;
  accesses jsonb := '{}'::jsonb; -- the caller's access per blueprint, looked up once
begin
  perform private.require_user();
  if jsonb_typeof(p_updates) is distinct from 'array' or jsonb_array_length(p_updates) not between 1 and 1000 then
    perform private.raise_error(422, 'FOVAL', 'Send 1 to 1000 updates.', 'updates', 'size');
  end if;
  for u in select value from jsonb_array_elements(p_updates) loop
    if jsonb_typeof(u) is distinct from 'object' or not coalesce(private.has_value_format('uuid', u ->> 'id'), false)
       or jsonb_typeof(u -> 'expected_version') is distinct from 'number' then
      perform private.raise_error(422, 'FOVAL', format('Row %s: Each update is {id, expected_version, changes}.', i + 1),
        'updates.' || i, 'shape');
    end if;
    ids := ids || (u ->> 'id')::uuid;
    i := i + 1;
  end loop;
  refusal := private.authorize_entities(ids, 'update', 'updates');
  if refusal is not null then
    return refusal;
  end if;
  -- fields and validation of every row, before anything is written
  i := 0;
  for u in select value from jsonb_array_elements(p_updates) loop
    begin
      e := private.visible_entity((u ->> 'id')::uuid, true);
      select * into b from public.blueprints where id = e.blueprint_id;
      if not accesses ? b.id::text then
        accesses := accesses || jsonb_build_object(b.id, private.entity_access(b.id, b.tenant_id));
      end if;
      if e.deleted_at is null and (u ->> 'expected_version')::integer = e.version then
        refusal := private.update_refusal(e, b, coalesce(u -> 'changes', '{}'::jsonb), accesses -> b.id::text);
      end if;
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, 'updates.' || i, format('Row %s: ', i + 1));
    end;
    if refusal is not null then
      return refusal;
    end if;
    i := i + 1;
  end loop;
  i := 0;
  for u in select value from jsonb_array_elements(p_updates) loop
    begin
      -- read again: an id given twice sees its first update
      e := private.change_entity(private.visible_entity((u ->> 'id')::uuid, true), (u ->> 'expected_version')::integer,
        coalesce(u -> 'changes', '{}'::jsonb), 'update');
      result := result || jsonb_build_array(private.entity_json(e, accesses -> e.blueprint_id::text));
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, 'updates.' || i, format('Row %s: ', i + 1));
    end;
    i := i + 1;
  end loop;
  return jsonb_build_object('entities', result);
end
$$;

-- ----------------------------------------------------------------------------
-- Transitions: a transition grant (for this transition or every one) and its row rule
-- ----------------------------------------------------------------------------

-- The rows a transition may run on: the grants for it or for every transition.
create or replace function private.transition_rows_sql(p_access jsonb, p_transition text) returns text
language plpgsql immutable parallel safe set search_path = ''
as $$
begin
  return private.access_rows_sql(jsonb_build_object('transition', coalesce((
    select jsonb_agg(g) from jsonb_array_elements(coalesce(p_access -> 'transition', '[]'::jsonb)) g
    where not g ? 'transition' or g ->> 'transition' = p_transition), '[]'::jsonb)), 'transition');
end
$$;
grant execute on function private.transition_rows_sql(jsonb, text) to authenticated, service_role;

-- Whether the caller may run a transition at all: a grant covers it and, when the flow
-- names roles for it, the caller holds one of them.
-- (replaces the three-argument version of 20261121110900: the caller may pass its access)
drop function private.may_run_transition(uuid, uuid, jsonb);
create or replace function private.may_run_transition(p_tenant_id uuid, p_blueprint_id uuid, p_transition jsonb,
                                                       p_access jsonb default null) returns boolean
language plpgsql stable security definer set search_path = ''
as $$
begin
  -- 'false': no grant covers this transition (a grant with a row rule yields its rule)
  if private.transition_rows_sql(coalesce(p_access, private.entity_access(p_blueprint_id, p_tenant_id)), p_transition ->> 'key')
     = 'false' then
    return false;
  end if;
  return jsonb_array_length(coalesce(p_transition -> 'roles', '[]'::jsonb)) = 0
    or exists (select 1 from public.member_roles mr
               where mr.tenant_id = p_tenant_id and mr.user_id = auth.uid() and (p_transition -> 'roles') ? mr.role_id::text);
end
$$;
revoke all on function private.may_run_transition(uuid, uuid, jsonb, jsonb) from public;

create or replace function private.transition_entity(p_entity_id uuid, p_transition text, p_input jsonb, p_expected_version integer) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  access jsonb;
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
  access := private.entity_access(e.blueprint_id, e.tenant_id);
  select * into b from public.blueprints where id = e.blueprint_id;
  select * into f from public.flows where blueprint_id = b.id;
  select x into t from jsonb_array_elements(coalesce(f.transitions, '[]'::jsonb)) x where x ->> 'key' = p_transition;
  if t is null then
    perform private.raise_error(404, 'FONF0', format('"%s" has no transition "%s".', b.name, coalesce(p_transition, '')), 'transition', 'exists');
  end if;
  if not private.may_run_transition(b.tenant_id, b.id, t, access) then
    return private.deny(b.tenant_id, 'transition_entity', 'entities', e.id::text,
      format('your roles may not run "%s" on "%s"', t ->> 'name', b.name));
  end if;
  if not private.entity_matches(e, private.transition_rows_sql(access, t ->> 'key')) then
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
  readable := private.access_fields(access, 'read');
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
  return private.entity_json(e, access);
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

-- ----------------------------------------------------------------------------
-- Lists
-- ----------------------------------------------------------------------------

-- The field names a filter mentions (any depth).
create or replace function private.filter_field_names(p_filter jsonb) returns setof text
language plpgsql immutable parallel safe set search_path = ''
as $$
declare
  child jsonb;
begin
  if jsonb_typeof(p_filter) is distinct from 'object' then
    return;
  end if;
  if jsonb_typeof(p_filter -> 'field') = 'string' then
    return next p_filter ->> 'field';
  end if;
  for child in select value from jsonb_array_elements(case when jsonb_typeof(p_filter -> 'and') = 'array' then p_filter -> 'and'
                                                            when jsonb_typeof(p_filter -> 'or') = 'array' then p_filter -> 'or'
                                                            else '[]'::jsonb end) loop
    return query select private.filter_field_names(child);
  end loop;
  if jsonb_typeof(p_filter -> 'not') = 'object' then
    return query select private.filter_field_names(p_filter -> 'not');
  end if;
end
$$;
grant execute on function private.filter_field_names(jsonb) to authenticated, service_role;

-- Refuses (403 FODEN hidden_field) a filter or sort on a field the caller cannot read, so
-- a hidden value cannot be probed; through a reference ("customer.region") the caller
-- needs unrestricted read of the referenced blueprint.
create or replace function private.assert_readable_paths(p_blueprint public.blueprints, p_readable text[], p_paths text[]) returns void
language plpgsql stable security definer set search_path = ''
as $$
declare
  path text;
  head text;
  target uuid;
  target_access jsonb;
begin
  foreach path in array coalesce(p_paths, '{}') loop
    continue when path is null or path in ('id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version');
    head := split_part(path, '.', 1);
    if p_readable is not null and not head = any (p_readable) then
      perform private.raise_error(403, 'FODEN', format('You cannot filter, sort or search on "%s": your roles do not let you read it.', left(path, 100)),
        'filter', 'hidden_field');
    end if;
    if path like '%.%' then
      select (f #>> '{reference,blueprint_id}')::uuid into target
      from public.blueprint_versions v, jsonb_array_elements(v.fields) f
      where v.blueprint_id = p_blueprint.id and v.version = p_blueprint.version and f ->> 'key' = head and f ->> 'type' = 'reference';
      continue when target is null; -- not a reference: the compiler has refused it already
      target_access := private.entity_access(target, p_blueprint.tenant_id);
      if private.access_rows_sql(target_access, 'read') is distinct from 'true' or private.access_fields(target_access, 'read') is not null then
        perform private.raise_error(403, 'FODEN',
          format('You cannot filter or sort through "%s": your roles limit what you read of the blueprint it refers to.', left(path, 100)),
          'filter', 'hidden_field');
      end if;
    end if;
  end loop;
end
$$;
revoke all on function private.assert_readable_paths(public.blueprints, text[], text[]) from public;

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
  access jsonb;
  rows_sql text;
  readable text[];
  hidden text[];
  data_sql text := 'e.data';
  search_sql text := 'e.search_text';
begin
  if auth.uid() is null then
    perform private.raise_error(401, 'FOAUT', 'Sign in first.', null, 'signed_in');
  end if;
  -- One access lookup per call: the caller's grants decide both whether they read at all
  -- and which rows and fields (blueprint_for_action explains a refusal: 404 or audited 403).
  select * into b from public.blueprints bp where bp.id = p_blueprint_id;
  if b.id is not null then
    access := private.entity_access(b.id, b.tenant_id);
  end if;
  if b.id is null or jsonb_array_length(coalesce(access -> 'read', '[]'::jsonb)) = 0 then
    a := private.blueprint_for_action(p_blueprint_id, 'read');
    b := a.blueprint;
    refusal := a.refusal;
    if refusal is not null then
      return refusal::json;
    end if;
    access := private.entity_access(b.id, b.tenant_id);
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
  -- The caller's read grants: their rows join the WHERE; fields they cannot read can be
  -- neither returned nor filtered, sorted or searched on.
  rows_sql := private.access_rows_sql(access, 'read');
  readable := private.access_fields(access, 'read');
  -- (cheap to skip: with every field readable only a path through a reference, which has
  -- a dot, can reach something hidden)
  if readable is not null or strpos(coalesce(p_filter::text, '') || coalesce(p_sort::text, ''), '.') > 0 then
    perform private.assert_readable_paths(b, readable,
      array(select private.filter_field_names(p_filter)) || array(select k ->> 'field' from jsonb_array_elements(coalesce(p_sort, '[]'::jsonb)) k
                                                                 where jsonb_typeof(p_sort) = 'array' and jsonb_typeof(k) = 'object'));
  end if;
  if readable is not null then
    hidden := private.hidden_keys(b.id, readable);
  end if;
  if cardinality(hidden) > 0 then
    data_sql := format('(e.data - %L::text[])', hidden);
    if exists (select 1 from jsonb_array_elements(fields) f where f ->> 'key' = any (hidden)
               and f ->> 'type' in ('text', 'long_text', 'email', 'url', 'phone', 'single_select', 'multi_select', 'status')) then
      search_sql := format('private.entity_search_text(%L::jsonb, e.data)',
        (select coalesce(jsonb_agg(f order by i), '[]'::jsonb) from jsonb_array_elements(fields) with ordinality as x(f, i)
         where f ->> 'key' = any (readable)));
    end if;
  end if;
  params := compiled -> 'params';
  -- The blueprint as a literal (not $2), so a generic plan can still prove the indexed
  -- field's partial index predicate.
  where_sql := format('e.blueprint_id = %L::uuid and e.deleted_at is null and ', b.id) || (compiled ->> 'sql');
  if rows_sql <> 'true' then
    where_sql := where_sql || ' and ' || rows_sql;
  end if;
  if nullif(btrim(p_search), '') is not null then
    params := params || jsonb_build_array('%' || replace(replace(replace(lower(btrim(p_search)), '\', '\\'), '%', '\%'), '_', '\_') || '%');
    where_sql := where_sql || format(' and %s like ($1 ->> %s)', search_sql, jsonb_array_length(params) - 1);
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
    || 'select row(e.id, e.blueprint_version, e.version, ' || data_sql || ', e.created_at, e.created_by, e.updated_at, e.updated_by)'
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

-- ----------------------------------------------------------------------------
-- The trash and the history
-- ----------------------------------------------------------------------------

-- How many of the entities trashed with p_blueprint the caller's read grants reach.
create or replace function private.readable_trashed_count(p_blueprint public.blueprints) returns bigint
language plpgsql stable security definer set search_path = ''
as $$
declare
  rows_sql text := private.access_rows_sql(private.entity_access(p_blueprint.id, p_blueprint.tenant_id), 'read');
  n bigint;
begin
  if rows_sql = 'false' then
    return 0;
  end if;
  execute format('select count(*) from public.entities e where e.blueprint_id = $1 and e.deleted_with_blueprint and (%s)', rows_sql)
  into n using p_blueprint.id;
  return n;
end
$$;
revoke all on function private.readable_trashed_count(public.blueprints) from public;

create or replace function private.list_trash(p_tenant_id uuid, p_before timestamptz, p_limit integer) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  result jsonb;
begin
  perform private.require_user();
  if not exists (select 1 from private.tenant_ids_for_user() t where t = p_tenant_id) then
    perform private.raise_error(404, 'FONF0', 'No such tenant.', 'tenant_id', 'exists');
  end if;
  if p_limit is null or p_limit not between 1 and 200 then
    perform private.raise_error(422, 'FOVAL', 'The page size (limit) must be between 1 and 200.', 'limit', 'range');
  end if;
  select jsonb_build_object(
    'blueprints', coalesce((
      select jsonb_agg(to_jsonb(b) || jsonb_build_object('entities',
               private.readable_trashed_count(b))
             order by b.deleted_at desc)
      from public.blueprints b where b.tenant_id = p_tenant_id and b.deleted_at is not null), '[]'::jsonb),
    'entities', coalesce((
      select jsonb_agg(private.entity_json(e) || jsonb_build_object('blueprint_name', b.name, 'deleted_by', e.deleted_by,
               'with_blueprint', e.deleted_with_blueprint) order by e.deleted_at desc, e.id desc)
      from (select * from public.entities e where e.tenant_id = p_tenant_id and e.deleted_at is not null
              and (p_before is null or e.deleted_at < p_before)
              -- only what the caller's read grants let them see
              and private.entity_matches(e, private.access_rows_sql(private.entity_access(e.blueprint_id, e.tenant_id), 'read'))
            order by e.deleted_at desc, e.id desc limit p_limit) e
      join public.blueprints b on b.id = e.blueprint_id), '[]'::jsonb),
    'retention_days', (select t.trash_retention_days from public.tenants t where t.id = p_tenant_id)
  ) into result;
  return result;
end
$$;

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
revoke all on function private.entity_history(uuid, bigint, integer) from public;
grant execute on function private.entity_history(uuid, bigint, integer) to authenticated;

create or replace function public.entity_history(p_entity_id uuid, p_before_id bigint default null, p_limit integer default 50)
returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.entity_history(p_entity_id, p_before_id, p_limit) $$;
comment on function public.entity_history is
  'An entity''s history, newest first ({entries, next_before_id}): changes {field: [before, after]} of the fields the caller may read.';
grant execute on function public.entity_history(uuid, bigint, integer) to authenticated;

-- ----------------------------------------------------------------------------
-- Migrations between blueprint versions: only for those whose update grant has no
-- row or field rules (Admins and Editors by default); the filter names readable fields
-- ----------------------------------------------------------------------------

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

-- ----------------------------------------------------------------------------
-- Refusals that tell no more than the caller may read
-- ----------------------------------------------------------------------------

-- Deleting an entity still referenced (on_delete restrict) names the referencing entity
-- only when the caller may read it.
create or replace function private.release_references_to(p_entity public.entities, p_blueprint_name text) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  r record;
  source public.entities;
begin
  select s.id, s.blueprint_id, r2.field_key, b.name as blueprint_name,
         private.entity_matches(s, private.access_rows_sql(private.entity_access(s.blueprint_id, s.tenant_id), 'read')) as readable
  into r
  from private.entity_references r2
  join public.entities s on s.id = r2.source_id and s.deleted_at is null
  join public.blueprints b on b.id = s.blueprint_id
  where r2.target_id = p_entity.id and r2.on_delete = 'restrict'
  limit 1;
  if r.id is not null then
    perform private.raise_error(409, 'FOCON',
      format('This %s entity is still referenced by "%s" of a "%s" entity (%s); change or delete that first.',
        p_blueprint_name, r.field_key, r.blueprint_name,
        case when r.readable then r.id::text else 'one your roles do not let you read: ask someone who can' end),
      r.field_key, 'referenced');
  end if;
  for r in
    select r2.source_id, r2.field_key from private.entity_references r2
    join public.entities s on s.id = r2.source_id and s.deleted_at is null
    where r2.target_id = p_entity.id and r2.on_delete = 'set_null'
  loop
    select * into source from public.entities where id = r.source_id for no key update;
    perform private.change_entity(source, source.version, jsonb_build_object(r.field_key, null), 'update',
      jsonb_build_object('reason', format('the referenced entity %s was deleted', p_entity.id)));
  end loop;
end
$$;

-- A template whose sample entities the installer's grants refuse installs nothing (403
-- FODEN naming the blueprint) instead of counting a refusal as entities.
create or replace function private.install_template(p_tenant_id uuid, p_template jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  refusal jsonb;
  bp jsonb;
  i integer;
  ids jsonb := '{}'::jsonb;
  created jsonb;
  fields jsonb;
  flow jsonb;
  entities integer := 0;
  installed jsonb := '[]'::jsonb;
  path text;
begin
  perform private.require_user();
  refusal := private.check_capability(p_tenant_id, 'manage_blueprints', 'install_template', 'templates', p_template ->> 'key');
  if refusal is null then
    refusal := private.check_capability(p_tenant_id, 'manage_flows', 'install_template', 'templates', p_template ->> 'key');
  end if;
  if refusal is not null then
    return refusal;
  end if;
  if jsonb_typeof(p_template) is distinct from 'object' or jsonb_typeof(p_template -> 'blueprints') is distinct from 'array'
     or jsonb_array_length(p_template -> 'blueprints') not between 1 and 50 then
    perform private.raise_error(422, 'FOVAL', 'A template is {"key", "name", "blueprints": [1 to 50 blueprints]}.', 'blueprints', 'shape');
  end if;
  if (select count(distinct b ->> 'key') from jsonb_array_elements(p_template -> 'blueprints') b) < jsonb_array_length(p_template -> 'blueprints')
     or exists (select 1 from jsonb_array_elements(p_template -> 'blueprints') b where coalesce(b ->> 'key', '') = '') then
    perform private.raise_error(422, 'FOVAL', 'Each blueprint of a template has its own key.', 'blueprints', 'duplicate');
  end if;

  -- ids first, so references (also to the blueprint itself) can name them
  select jsonb_object_agg(b ->> 'key', gen_random_uuid()) into ids from jsonb_array_elements(p_template -> 'blueprints') b;
  foreach i in array private.template_order(p_template -> 'blueprints') loop
    bp := p_template -> 'blueprints' -> i;
    path := 'blueprints.' || i;
    fields := (select jsonb_agg(case when f #>> '{reference,blueprint}' is not null
                                     then jsonb_set(f, '{reference}', ((f -> 'reference') - 'blueprint')
                                                    || jsonb_build_object('blueprint_id', ids ->> (f #>> '{reference,blueprint}')))
                                     else f end order by n)
               from jsonb_array_elements(bp -> 'fields') with ordinality as x(f, n));
    begin
      created := private.create_blueprint(p_tenant_id, bp ->> 'name', fields, bp ->> 'key', bp ->> 'description', bp ->> 'icon',
                                          (ids ->> (bp ->> 'key'))::uuid);
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, path);
    end;
    installed := installed || jsonb_build_array(jsonb_build_object('key', bp ->> 'key', 'id', created ->> 'id'));
  end loop;

  for i in 0 .. jsonb_array_length(p_template -> 'blueprints') - 1 loop
    bp := p_template -> 'blueprints' -> i;
    path := 'blueprints.' || i;
    if bp ? 'flow' then
      -- transition roles name tenant roles by key
      flow := jsonb_set(bp -> 'flow', '{transitions}', coalesce((
        select jsonb_agg(case when t ? 'roles' then jsonb_set(t, '{roles}', coalesce((
                   select jsonb_agg(r.id) from jsonb_array_elements_text(t -> 'roles') k
                   join public.roles r on r.tenant_id = p_tenant_id and r.key = k), '[]'::jsonb)) else t end order by n)
        from jsonb_array_elements(coalesce(bp #> '{flow,transitions}', '[]'::jsonb)) with ordinality as x(t, n)), '[]'::jsonb));
      begin
        perform private.save_flow((ids ->> (bp ->> 'key'))::uuid, 0, flow);
      exception when sqlstate 'PGRST' then
        perform private.reraise_error(sqlerrm, path);
      end;
    end if;
    if jsonb_typeof(bp -> 'entities') = 'array' and jsonb_array_length(bp -> 'entities') > 0 then
      begin
        created := private.create_entities((ids ->> (bp ->> 'key'))::uuid, bp -> 'entities');
      exception when sqlstate 'PGRST' then
        perform private.reraise_error(sqlerrm, path);
      end;
      if created ? 'code' then
        -- the installer's roles may not create these entities: nothing is installed
        perform private.raise_error(403, 'FODEN', format('Your roles do not let you create the sample entities of "%s": %s',
          bp ->> 'name', created ->> 'message'), path || '.entities', coalesce((created ->> 'details')::jsonb ->> 'rule', 'permission'));
      end if;
      entities := entities + jsonb_array_length(created -> 'entities');
    end if;
  end loop;
  perform private.record_audit_event(p_tenant_id, 'install_template', 'templates', p_template ->> 'key', 'success', null, null,
    jsonb_build_object('name', p_template ->> 'name', 'blueprints', installed, 'entities', entities));
  return jsonb_build_object('blueprints', installed, 'entities', entities);
end
$$;
