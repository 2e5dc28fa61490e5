-- ============================================================================
-- Entity writes: create, update (optimistic concurrency on version), delete to
-- the trash, restore, in single and bulk form. Every write validates the values
-- against the entity's blueprint version (private.prepare_entity_data), checks
-- references, members and unique values, and records the entity's history and
-- the audit log in the same transaction: a refused write changes nothing.
--
-- Who: private.entity_permission. Until per-blueprint grants arrive (docs/
-- security-model.md), members read, Admins and Editors write.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Access
-- ----------------------------------------------------------------------------

create or replace function private.entity_permission(p_tenant_id uuid, p_blueprint_id uuid, p_action text) returns boolean
language plpgsql stable parallel safe security definer set search_path = ''
as $$
begin
  if p_action = 'read' then
    return exists (select 1 from public.tenant_members m where m.tenant_id = p_tenant_id and m.user_id = auth.uid())
      and private.session_allows_access();
  end if;
  return exists (
    select 1 from public.member_roles mr join public.roles r on r.id = mr.role_id
    where mr.tenant_id = p_tenant_id and mr.user_id = auth.uid() and r.builtin and r.key in ('admin', 'editor')
  ) and private.session_allows_access();
end
$$;
comment on function private.entity_permission is
  'Whether the caller may read/create/update/delete/transition entities of a blueprint. The one place entity access is decided.';
grant execute on function private.entity_permission(uuid, uuid, text) to authenticated, service_role;

-- The audited 403 body for an entity action the caller may not take, or null when allowed.
create or replace function private.check_entity_permission(p_blueprint public.blueprints, p_action text, p_object_id text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if private.entity_permission(p_blueprint.tenant_id, p_blueprint.id, p_action) then
    return null;
  end if;
  return private.deny(p_blueprint.tenant_id, p_action || '_entity', 'entities', p_object_id,
    format('your roles do not allow %s on "%s"', case p_action when 'read' then 'reading entities' else p_action || ' of entities' end,
      p_blueprint.name));
end
$$;
revoke all on function private.check_entity_permission(public.blueprints, text, text) from public;

-- The blueprint an entity action targets, when the caller may take p_action on its
-- entities: one permission check on the way in (it includes membership and the session).
-- Otherwise a member gets the audited 403 body in refusal, anyone else a 404.
create or replace function private.blueprint_for_action(p_blueprint_id uuid, p_action text, out blueprint public.blueprints,
                                                        out refusal jsonb)
language plpgsql volatile security definer set search_path = ''
as $$
begin
  select * into blueprint from public.blueprints b where b.id = p_blueprint_id;
  if blueprint.id is not null and private.entity_permission(blueprint.tenant_id, blueprint.id, p_action) then
    return;
  end if;
  if blueprint.id is null or not exists (select 1 from private.tenant_ids_for_user() t where t = blueprint.tenant_id) then
    perform private.raise_error(404, 'FONF0', 'No such blueprint.', 'blueprint_id', 'exists');
  end if;
  refusal := private.check_entity_permission(blueprint, p_action, null);
end
$$;
revoke all on function private.blueprint_for_action(uuid, text) from public;

-- ----------------------------------------------------------------------------
-- Values
-- ----------------------------------------------------------------------------

-- The default value of a field for a new entity, canonical (null when none). A
-- status field without a default starts in its first state.
create or replace function private.field_default(p_field jsonb, p_timezone text) returns jsonb
language plpgsql stable set search_path = ''
as $$
begin
  case p_field #>> '{default,kind}'
    when 'literal' then return p_field #> '{default,value}';
    when 'now' then
      return case p_field ->> 'type'
        when 'date' then to_jsonb(to_char(now() at time zone coalesce(p_timezone, 'UTC'), 'YYYY-MM-DD'))
        else to_jsonb(private.canonical_datetime(now())) end;
    when 'current_user' then return to_jsonb(auth.uid()::text);
    else
      if p_field ->> 'type' = 'status' then
        return p_field #> '{options,0,value}';
      end if;
      return null;
  end case;
end
$$;
grant execute on function private.field_default(jsonb, text) to authenticated, service_role;

-- Validated, canonical data for a write. p_base null: a new entity (absent fields take
-- their defaults); otherwise the input patches p_base (a key with null clears it).
-- Unknown keys and missing required values are refused, naming the field.
create or replace function private.prepare_entity_data(p_fields jsonb, p_input jsonb, p_base jsonb, p_timezone text) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  result jsonb := coalesce(p_base, '{}'::jsonb);
  f jsonb;
  k text;
  v jsonb;
begin
  if jsonb_typeof(p_input) is distinct from 'object' then
    perform private.field_error('data', 'shape', 'The values are an object keyed by field key.');
  end if;
  select x into k from jsonb_object_keys(p_input) x
  where not exists (select 1 from jsonb_array_elements(p_fields) fd where fd ->> 'key' = x) limit 1;
  if k is not null then
    perform private.field_error(k, 'unknown_field', format('The blueprint has no field "%s".', k));
  end if;
  for f in select value from jsonb_array_elements(p_fields) loop
    k := f ->> 'key';
    if p_input ? k then
      v := private.normalize_value(f, p_input -> k, p_timezone);
    elsif p_base is null then
      v := private.field_default(f, p_timezone);
    else
      continue;
    end if;
    result := case when v is null then result - k else jsonb_set(result, array[k], v) end;
  end loop;
  select fd ->> 'key' into k from jsonb_array_elements(p_fields) fd
  where (fd ->> 'required')::boolean and not result ? (fd ->> 'key') limit 1;
  if k is not null then
    perform private.field_error(k, 'required', format('"%s" is required.', k));
  end if;
  return result;
end
$$;
grant execute on function private.prepare_entity_data(jsonb, jsonb, jsonb, text) to authenticated, service_role;

-- The lowercased text of the text-like values, for trigram search.
create or replace function private.entity_search_text(p_fields jsonb, p_data jsonb) returns text
language plpgsql immutable parallel safe set search_path = ''
as $$
begin
  return (
  select coalesce(lower(string_agg(case when jsonb_typeof(p_data -> (f ->> 'key')) = 'array'
                                           then (select string_agg(x, ' ') from jsonb_array_elements_text(p_data -> (f ->> 'key')) x)
                                           else p_data ->> (f ->> 'key') end, ' ' order by i)), '')
    from jsonb_array_elements(p_fields) with ordinality as x(f, i)
    where f ->> 'type' in ('text', 'long_text', 'email', 'url', 'phone', 'single_select', 'multi_select', 'status')
      and p_data ? (f ->> 'key')
  );
end
$$;
grant execute on function private.entity_search_text(jsonb, jsonb) to authenticated, service_role;

-- References point at live entities of the referenced blueprint in the tenant; member
-- fields at members of the tenant. Keeps private.entity_references in step.
create or replace function private.check_entity_links(p_tenant_id uuid, p_entity_id uuid, p_fields jsonb, p_data jsonb) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  f jsonb;
  k text;
begin
  delete from private.entity_references r where r.source_id = p_entity_id;
  for f in select value from jsonb_array_elements(p_fields) x where x ->> 'type' in ('reference', 'member') and p_data ? (x ->> 'key') loop
    k := f ->> 'key';
    if f ->> 'type' = 'member' then
      if not exists (select 1 from public.tenant_members m where m.tenant_id = p_tenant_id and m.user_id = (p_data ->> k)::uuid) then
        perform private.field_error(k, 'member', format('"%s" must be a member of this tenant.', k));
      end if;
    else
      if not exists (select 1 from public.entities e
                     where e.id = (p_data ->> k)::uuid and e.tenant_id = p_tenant_id
                       and e.blueprint_id = (f #>> '{reference,blueprint_id}')::uuid and e.deleted_at is null) then
        perform private.field_error(k, 'reference', format('"%s" must point at an existing %s entity.', k,
          coalesce((select format('"%s"', b.name) from public.blueprints b where b.id = (f #>> '{reference,blueprint_id}')::uuid), 'referenced')));
      end if;
      insert into private.entity_references (source_id, field_key, target_id, on_delete)
      values (p_entity_id, k, (p_data ->> k)::uuid, coalesce(f #>> '{reference,on_delete}', 'restrict'));
    end if;
  end loop;
end
$$;
revoke all on function private.check_entity_links(uuid, uuid, jsonb, jsonb) from public;

-- The comparable form of a unique value: text-like values ignore case.
create or replace function private.unique_value_text(p_field jsonb, p_value jsonb) returns text
language sql immutable parallel safe
as $$
  select case when p_field ->> 'type' in ('text', 'email', 'url', 'phone') then lower(p_value #>> '{}') else p_value #>> '{}' end
$$;
grant execute on function private.unique_value_text(jsonb, jsonb) to authenticated, service_role;

-- Claims the unique values of an entity (and frees those it no longer has); a value
-- another live entity holds is refused with 409 FOCON {field, rule: unique}.
create or replace function private.claim_unique_values(p_blueprint_id uuid, p_entity_id uuid, p_fields jsonb, p_data jsonb) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  f jsonb;
  k text;
  claimed boolean;
begin
  delete from private.entity_unique_values u where u.entity_id = p_entity_id;
  for f in select value from jsonb_array_elements(p_fields) x where (x ->> 'unique')::boolean and p_data ? (x ->> 'key') loop
    k := f ->> 'key';
    insert into private.entity_unique_values (blueprint_id, field_key, value, entity_id)
    values (p_blueprint_id, k, private.unique_value_text(f, p_data -> k), p_entity_id)
    on conflict do nothing
    returning true into claimed;
    if claimed is null then
      perform private.raise_error(409, 'FOCON', format('Another entity already has %s as "%s"; it must be unique.', p_data -> k, k), k, 'unique');
    end if;
  end loop;
end
$$;
revoke all on function private.claim_unique_values(uuid, uuid, jsonb, jsonb) from public;

-- ----------------------------------------------------------------------------
-- The entity as the API shows it
-- ----------------------------------------------------------------------------

create or replace function private.entity_json(p_entity public.entities) returns jsonb
language sql stable parallel safe
as $$
  select jsonb_build_object(
    'id', p_entity.id, 'blueprint_id', p_entity.blueprint_id, 'blueprint_version', p_entity.blueprint_version,
    'version', p_entity.version, 'data', p_entity.data,
    'created_at', p_entity.created_at, 'created_by', p_entity.created_by,
    'updated_at', p_entity.updated_at, 'updated_by', p_entity.updated_by,
    'deleted_at', p_entity.deleted_at)
$$;
grant execute on function private.entity_json(public.entities) to authenticated, service_role;

create or replace function private.record_entity_change(
  p_entity public.entities,
  p_action text,
  p_before jsonb,
  p_extra jsonb default '{}'::jsonb
) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  changes jsonb := private.data_changes(p_before, p_entity.data);
begin
  insert into public.entity_history (tenant_id, entity_id, blueprint_id, entity_version, actor_id, action, transition_key,
                                     from_state, to_state, changes, input)
  values (p_entity.tenant_id, p_entity.id, p_entity.blueprint_id, p_entity.version, auth.uid(), p_action,
          p_extra ->> 'transition_key', p_extra ->> 'from_state', p_extra ->> 'to_state', changes, p_extra -> 'input');
  -- Last: the audit append holds the tenant's chain until commit.
  perform private.record_audit_event(p_entity.tenant_id, p_action || '_entity', 'entities', p_entity.id::text, 'success',
    (select jsonb_object_agg(k, v -> 0) from jsonb_each(changes) as c(k, v)) || jsonb_build_object('version', p_entity.version - 1),
    (select jsonb_object_agg(k, v -> 1) from jsonb_each(changes) as c(k, v)) || jsonb_build_object('version', p_entity.version),
    jsonb_build_object('blueprint_id', p_entity.blueprint_id) || (p_extra - 'input'));
end
$$;
revoke all on function private.record_entity_change(public.entities, text, jsonb, jsonb) from public;

-- ----------------------------------------------------------------------------
-- Create
-- ----------------------------------------------------------------------------

-- The body of one create, for a blueprint already checked and locked for share.
create or replace function private.insert_entity(p_blueprint public.blueprints, p_fields jsonb, p_timezone text, p_data jsonb) returns public.entities
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := auth.uid();
  e public.entities;
  new_data jsonb := private.prepare_entity_data(p_fields, coalesce(p_data, '{}'::jsonb), null, p_timezone);
begin
  insert into public.entities (tenant_id, blueprint_id, blueprint_version, data, search_text, created_by, updated_by)
  values (p_blueprint.tenant_id, p_blueprint.id, p_blueprint.version, new_data, private.entity_search_text(p_fields, new_data), uid, uid)
  returning * into e;
  perform private.check_entity_links(e.tenant_id, e.id, p_fields, new_data);
  perform private.claim_unique_values(e.blueprint_id, e.id, p_fields, new_data);
  perform private.record_entity_change(e, 'create', null);
  return e;
end
$$;
revoke all on function private.insert_entity(public.blueprints, jsonb, text, jsonb) from public;

-- The blueprint an entity write goes to: visible, live, allowed; its latest fields and the tenant's timezone.
create or replace function private.blueprint_for_write(p_blueprint_id uuid, p_action text, out blueprint public.blueprints,
                                                       out fields jsonb, out timezone text, out refusal jsonb)
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a record;
begin
  perform private.require_user();
  a := private.blueprint_for_action(p_blueprint_id, p_action);
  blueprint := a.blueprint;
  refusal := a.refusal;
  if refusal is not null then
    return;
  end if;
  if blueprint.deleted_at is not null then
    perform private.raise_error(409, 'FOCON', format('The blueprint "%s" is in the trash.', blueprint.name), 'blueprint_id', 'in_trash');
  end if;
  -- Edits to the blueprint wait for this write; its version stays the one we validate against.
  perform 1 from public.blueprints b where b.id = blueprint.id for key share;
  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = blueprint.id and v.version = blueprint.version;
  select t.timezone into timezone from public.tenants t where t.id = blueprint.tenant_id;
end
$$;
revoke all on function private.blueprint_for_write(uuid, text) from public;

create or replace function private.create_entity(p_blueprint_id uuid, p_data jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  w record := private.blueprint_for_write(p_blueprint_id, 'create');
begin
  if w.refusal is not null then
    return w.refusal;
  end if;
  return private.entity_json(private.insert_entity(w.blueprint, w.fields, w.timezone, p_data));
end
$$;
revoke all on function private.create_entity(uuid, jsonb) from public;
grant execute on function private.create_entity(uuid, jsonb) to authenticated;

create or replace function public.create_entity(p_blueprint_id uuid, p_data jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.create_entity(p_blueprint_id, p_data) $$;
comment on function public.create_entity is
  'Creates an entity of a blueprint''s latest version from {field key: value}; absent fields take their defaults. '
  'Refusals name the field and rule (422 FOVAL, 409 FOCON for unique values).';
grant execute on function public.create_entity(uuid, jsonb) to authenticated;

-- Many entities of one blueprint, all or none. An error names the row: field "rows.3.price".
create or replace function private.create_entities(p_blueprint_id uuid, p_rows jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  w record := private.blueprint_for_write(p_blueprint_id, 'create');
  row jsonb;
  i integer := 0;
  created jsonb := '[]'::jsonb;
begin
  if w.refusal is not null then
    return w.refusal;
  end if;
  if jsonb_typeof(p_rows) is distinct from 'array' or jsonb_array_length(p_rows) not between 1 and 1000 then
    perform private.raise_error(422, 'FOVAL', 'Send 1 to 1000 rows.', 'rows', 'size');
  end if;
  for row in select value from jsonb_array_elements(p_rows) loop
    begin
      created := created || jsonb_build_array(private.entity_json(private.insert_entity(w.blueprint, w.fields, w.timezone, row)));
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, 'rows.' || i, format('Row %s: ', i + 1));
    end;
    i := i + 1;
  end loop;
  return jsonb_build_object('entities', created);
end
$$;
revoke all on function private.create_entities(uuid, jsonb) from public;
grant execute on function private.create_entities(uuid, jsonb) to authenticated;

create or replace function public.create_entities(p_blueprint_id uuid, p_rows jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.create_entities(p_blueprint_id, p_rows) $$;
comment on function public.create_entities is
  'Creates 1-1000 entities of a blueprint in one transaction: all or none; an error names the row (field "rows.<i>.<key>").';
grant execute on function public.create_entities(uuid, jsonb) to authenticated;

-- Re-raises an API error (the message of a 'PGRST' exception) as part of a larger input:
-- p_field_prefix goes in front of its field ("rows.3" and "price" make "rows.3.price"),
-- p_message_prefix in front of its message; p_status and p_code replace the original
-- ones when given. The one place that knows the HTTP status of each error code.
create or replace function private.reraise_error(
  p_error text,
  p_field_prefix text,
  p_message_prefix text default '',
  p_status integer default null,
  p_code text default null
) returns void
language plpgsql set search_path = ''
as $$
declare
  body jsonb := p_error::jsonb;
  details jsonb := (body ->> 'details')::jsonb;
  code text := coalesce(p_code, body ->> 'code');
begin
  perform private.raise_error(
    coalesce(p_status, case code when 'FOVAL' then 422 when 'FOCON' then 409 when 'FODEN' then 403 when 'FONF0' then 404
                                 when 'FOAUT' then 401 else 400 end),
    code, coalesce(p_message_prefix, '') || (body ->> 'message'),
    case when p_field_prefix is null then details ->> 'field' else p_field_prefix || coalesce('.' || (details ->> 'field'), '') end,
    details ->> 'rule', body ->> 'hint');
end
$$;
grant execute on function private.reraise_error(text, text, text, integer, text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Read one
-- ----------------------------------------------------------------------------

-- An entity the caller may read (live or in the trash), else 404.
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
  if e.id is null or not private.entity_permission(e.tenant_id, e.blueprint_id, 'read') then
    perform private.raise_error(404, 'FONF0', 'No such entity.', 'entity_id', 'exists');
  end if;
  return e;
end
$$;
revoke all on function private.visible_entity(uuid, boolean) from public;

-- The start of every single-entity action: signed in, the entity visible (locked), its
-- blueprint, and the audited 403 body when the caller's roles do not allow p_action.
create or replace function private.entity_for_action(p_entity_id uuid, p_action text, out entity public.entities,
                                                     out blueprint public.blueprints, out refusal jsonb)
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform private.require_user();
  entity := private.visible_entity(p_entity_id, true);
  select * into blueprint from public.blueprints b where b.id = entity.blueprint_id;
  refusal := private.check_entity_permission(blueprint, p_action, entity.id::text);
end
$$;
revoke all on function private.entity_for_action(uuid, text) from public;

create or replace function private.get_entity(p_entity_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
  perform private.require_user();
  return private.entity_json(private.visible_entity(p_entity_id, false));
end
$$;
revoke all on function private.get_entity(uuid) from public;
grant execute on function private.get_entity(uuid) to authenticated;

create or replace function public.get_entity(p_entity_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.get_entity(p_entity_id) $$;
comment on function public.get_entity is
  'One entity: data as written with its blueprint_version (whose fields describe it), version, system fields; deleted_at when in the trash.';
grant execute on function public.get_entity(uuid) to authenticated;

-- ----------------------------------------------------------------------------
-- Update
-- ----------------------------------------------------------------------------

-- The body of one update: the entity is locked; values are checked against its own version.
create or replace function private.change_entity(p_entity public.entities, p_expected_version integer, p_changes jsonb, p_action text,
                                                 p_extra jsonb default '{}'::jsonb)
returns public.entities
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.entities := p_entity;
  fields jsonb;
  timezone text;
  new_data jsonb;
begin
  if e.deleted_at is not null then
    perform private.raise_error(409, 'FOCON', 'This entity is in the trash; restore it first.', 'entity_id', 'in_trash');
  end if;
  if p_expected_version is null then
    perform private.raise_error(422, 'FOVAL', 'Send the version you edited (expected_version).', 'expected_version', 'required');
  end if;
  if p_expected_version <> e.version then
    perform private.raise_error(409, 'FOCON',
      format('The entity changed since you loaded it (it is at version %s, you edited version %s). Reload it and apply your changes again.',
        e.version, p_expected_version), 'expected_version', 'stale');
  end if;
  perform 1 from public.blueprints b where b.id = e.blueprint_id for key share;
  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = e.blueprint_id and v.version = e.blueprint_version;
  select t.timezone into timezone from public.tenants t where t.id = e.tenant_id;
  new_data := private.prepare_entity_data(fields, coalesce(p_changes, '{}'::jsonb), e.data, timezone);
  update public.entities set data = new_data, search_text = private.entity_search_text(fields, new_data),
    version = e.version + 1, updated_at = now(), updated_by = auth.uid()
  where id = e.id
  returning * into e;
  perform private.check_entity_links(e.tenant_id, e.id, fields, e.data);
  perform private.claim_unique_values(e.blueprint_id, e.id, fields, e.data);
  perform private.record_entity_change(e, p_action, p_entity.data, p_extra);
  return e;
end
$$;
revoke all on function private.change_entity(public.entities, integer, jsonb, text, jsonb) from public;

create or replace function private.update_entity(p_entity_id uuid, p_expected_version integer, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a record := private.entity_for_action(p_entity_id, 'update');
begin
  if a.refusal is not null then
    return a.refusal;
  end if;
  return private.entity_json(private.change_entity(a.entity, p_expected_version, p_changes, 'update'));
end
$$;
revoke all on function private.update_entity(uuid, integer, jsonb) from public;
grant execute on function private.update_entity(uuid, integer, jsonb) to authenticated;

create or replace function public.update_entity(p_entity_id uuid, p_expected_version integer, p_changes jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.update_entity(p_entity_id, p_expected_version, p_changes) $$;
comment on function public.update_entity is
  'Changes the given fields of an entity ({key: value}, null clears). p_expected_version must be the entity''s version: '
  'a stale one is refused (409 FOCON expected_version/stale), never merged.';
grant execute on function public.update_entity(uuid, integer, jsonb) to authenticated;

-- The access pass of a bulk call, before anything is written: every id visible (else its
-- 404 names the row, "<p_path>.<i>"), and the audited 403 body for the first entity
-- whose blueprint does not allow p_action, or null when all do.
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
    refusal := private.check_entity_permission(b, p_action, e.id::text);
    if refusal is not null then
      return refusal;
    end if;
  end loop;
  return null;
end
$$;
revoke all on function private.authorize_entities(uuid[], text, text) from public;

-- Many updates, all or none: [{id, expected_version, changes}]. Every row's shape and
-- access is checked before anything is written, so a denial leaves only its audit entry.
create or replace function private.update_entities(p_updates jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  u jsonb;
  i integer := 0;
  ids uuid[] := '{}';
  result jsonb := '[]'::jsonb;
  refusal jsonb;
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
  i := 0;
  for u in select value from jsonb_array_elements(p_updates) loop
    begin
      result := result || jsonb_build_array(private.entity_json(private.change_entity(
        private.visible_entity((u ->> 'id')::uuid, true), (u ->> 'expected_version')::integer, coalesce(u -> 'changes', '{}'::jsonb), 'update')));
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, 'updates.' || i, format('Row %s: ', i + 1));
    end;
    i := i + 1;
  end loop;
  return jsonb_build_object('entities', result);
end
$$;
revoke all on function private.update_entities(jsonb) from public;
grant execute on function private.update_entities(jsonb) to authenticated;

create or replace function public.update_entities(p_updates jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.update_entities(p_updates) $$;
comment on function public.update_entities is
  'Applies 1-1000 updates [{id, expected_version, changes}] in one transaction: all or none; an error names the row.';
grant execute on function public.update_entities(jsonb) to authenticated;
