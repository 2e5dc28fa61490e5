-- ============================================================================
-- Saved views of the entity grid: a named filter, sort, search, column choice
-- and column widths for one blueprint. A view belongs to the member who saved
-- it; shared, it is offered to every member of the tenant who may read the
-- blueprint's entities. Only its owner or an Admin of the tenant changes or
-- deletes it. Written only through save_view / delete_view, which check the
-- configuration with the same filter and sort compiler query_entities uses, so
-- a saved view never holds a query the API would refuse for its author.
-- ============================================================================

create table public.saved_views (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  blueprint_id uuid not null references public.blueprints (id) on delete cascade,
  owner_id uuid not null references auth.users (id) on delete cascade,
  name text not null,
  shared boolean not null default false,
  config jsonb not null default '{}'::jsonb,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  updated_by uuid references auth.users (id) on delete set null,
  constraint saved_views_name_length check (name = btrim(name) and length(name) between 1 and 100),
  constraint saved_views_config_object check (jsonb_typeof(config) = 'object'),
  constraint saved_views_version_positive check (version >= 1)
);
comment on table public.saved_views is
  'Saved grid views of a blueprint (config: filter, sort, columns, widths, search). Private to owner_id unless shared; '
  'written only through save_view / delete_view.';
comment on column public.saved_views.config is
  '{filter, sort, columns (visible column keys in order), widths ({key: px}), search}, checked by private.check_view_config.';
comment on column public.saved_views.version is 'Bumped on every save; save_view refuses a stale expected version.';
create index saved_views_tenant_id_idx on public.saved_views (tenant_id);
create index saved_views_blueprint_id_idx on public.saved_views (blueprint_id);
create index saved_views_owner_id_idx on public.saved_views (owner_id);
create index saved_views_created_by_idx on public.saved_views (created_by);
create index saved_views_updated_by_idx on public.saved_views (updated_by);
-- A member names their views of a blueprint uniquely (ignoring case).
create unique index saved_views_owner_name_key on public.saved_views (blueprint_id, owner_id, lower(name));
create trigger saved_views_set_updated_at before update on public.saved_views
  for each row execute function private.set_updated_at();

alter table public.saved_views enable row level security;
revoke insert, update, delete, truncate, references, trigger on public.saved_views from anon, authenticated;

-- ----------------------------------------------------------------------------
-- Who sees what
-- ----------------------------------------------------------------------------

-- SELECT(saved_views): the owner sees their own views while a member of the tenant.
create policy saved_views_select_owner on public.saved_views
  for select to authenticated
  using (owner_id = (select auth.uid()) and tenant_id in (select private.tenant_ids_for_user()));

-- SELECT(saved_views): a shared view is offered to members who may read the blueprint's entities.
create policy saved_views_select_shared on public.saved_views
  for select to authenticated
  using (shared and tenant_id in (select private.tenant_ids_for_user())
         and private.entity_permission(tenant_id, blueprint_id, 'read'));

select private.enable_audit('public.saved_views');

-- ----------------------------------------------------------------------------
-- Checking a configuration
-- ----------------------------------------------------------------------------

-- The configuration as stored: only known keys, the filter and sort compiled against the
-- blueprint's latest fields (the errors query_entities would give, under config.*), only
-- fields the caller may read in the filter and sort (403 hidden_field), columns and
-- widths naming fields of the blueprint or system fields, a search of at most 200
-- characters. Empty parts are dropped.
create or replace function private.check_view_config(p_blueprint public.blueprints, p_config jsonb) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  fields jsonb;
  known text[];
  k text;
  v jsonb;
  i integer;
  result jsonb := '{}'::jsonb;
  sort_fields text[] := '{}';
begin
  if p_config is null or jsonb_typeof(p_config) is distinct from 'object' then
    perform private.field_error('config', 'shape', 'A view''s configuration is an object {filter, sort, columns, widths, search}.');
  end if;
  for k in select jsonb_object_keys(p_config) loop
    if k not in ('filter', 'sort', 'columns', 'widths', 'search') then
      perform private.field_error('config.' || left(k, 100), 'shape',
        format('"%s" is not part of a view; it holds filter, sort, columns, widths and search.', left(k, 100)));
    end if;
  end loop;
  select v2.fields into fields from public.blueprint_versions v2
  where v2.blueprint_id = p_blueprint.id and v2.version = p_blueprint.version;
  known := array(select f ->> 'key' from jsonb_array_elements(fields) f)
           || array['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version'];

  -- filter and sort: the query compiler's own checks, then the caller's readable fields
  v := p_config -> 'filter';
  if v is not null and jsonb_typeof(v) <> 'null' and v <> '{}'::jsonb then
    begin
      perform private.compile_filter(p_blueprint.tenant_id, fields, v);
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, 'config');
    end;
    result := result || jsonb_build_object('filter', v);
  end if;
  v := p_config -> 'sort';
  if v is not null and jsonb_typeof(v) <> 'null' then
    begin
      perform private.compile_sort(p_blueprint.tenant_id, fields, v);
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, 'config');
    end;
    sort_fields := array(select x ->> 'field' from jsonb_array_elements(v) x);
    result := result || jsonb_build_object('sort', v);
  end if;
  if result ? 'filter' or result ? 'sort' then
    perform private.assert_readable_paths(p_blueprint,
      private.access_fields(private.entity_access(p_blueprint.id, p_blueprint.tenant_id), 'read'),
      array(select private.filter_field_names(result -> 'filter')) || sort_fields);
  end if;

  -- columns: distinct keys of the blueprint or system fields, in display order
  v := p_config -> 'columns';
  if v is not null and jsonb_typeof(v) <> 'null' then
    if jsonb_typeof(v) <> 'array' or jsonb_array_length(v) > 300 then
      perform private.field_error('config.columns', 'shape', 'The columns are a list of at most 300 field keys.');
    end if;
    i := 0;
    for k in select x #>> '{}' from jsonb_array_elements(v) x loop
      if jsonb_typeof(v -> i) <> 'string' or not coalesce(k = any (known), false) then
        perform private.field_error('config.columns.' || i, 'unknown_field',
          format('Column %s is not a field of "%s".', i + 1, p_blueprint.name));
      end if;
      if (select count(*) from jsonb_array_elements_text(v) x where x = k) > 1 then
        perform private.field_error('config.columns.' || i, 'duplicate', format('The column "%s" is listed twice.', k));
      end if;
      i := i + 1;
    end loop;
    result := result || jsonb_build_object('columns', v);
  end if;

  -- widths: {field key: whole pixels between 40 and 1000}
  v := p_config -> 'widths';
  if v is not null and jsonb_typeof(v) <> 'null' then
    if jsonb_typeof(v) <> 'object' then
      perform private.field_error('config.widths', 'shape', 'The widths are an object {field key: pixels}.');
    end if;
    for k in select jsonb_object_keys(v) loop
      if not k = any (known) then
        perform private.field_error('config.widths.' || left(k, 100), 'unknown_field',
          format('"%s" is not a field of "%s".', left(k, 100), p_blueprint.name));
      end if;
      if jsonb_typeof(v -> k) <> 'number' then
        perform private.field_error('config.widths.' || k, 'range', 'A column is 40 to 1000 pixels wide, in whole pixels.');
      end if;
      if (v ->> k)::numeric <> trunc((v ->> k)::numeric) or (v ->> k)::numeric not between 40 and 1000 then
        perform private.field_error('config.widths.' || k, 'range', 'A column is 40 to 1000 pixels wide, in whole pixels.');
      end if;
    end loop;
    if v <> '{}'::jsonb then
      result := result || jsonb_build_object('widths', v);
    end if;
  end if;

  -- search: the free text of query_entities
  v := p_config -> 'search';
  if v is not null and jsonb_typeof(v) <> 'null' then
    if jsonb_typeof(v) <> 'string' or length(v #>> '{}') > 200 then
      perform private.field_error('config.search', 'length', 'The search text is at most 200 characters.');
    end if;
    if btrim(v #>> '{}') <> '' then
      result := result || jsonb_build_object('search', v);
    end if;
  end if;
  return result;
end
$$;
revoke all on function private.check_view_config(public.blueprints, jsonb) from public;

-- ----------------------------------------------------------------------------
-- RPCs
-- ----------------------------------------------------------------------------

-- The view, locked, when the caller may see it (its owner, or shared with a reader of the
-- blueprint); 404 otherwise, so another member's private view is indistinguishable from none.
create or replace function private.visible_view(p_view_id uuid) returns public.saved_views
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v public.saved_views;
begin
  select * into v from public.saved_views s where s.id = p_view_id for update;
  if v.id is null or not exists (select 1 from private.tenant_ids_for_user() t where t = v.tenant_id)
     or not (v.owner_id = auth.uid() or (v.shared and private.entity_permission(v.tenant_id, v.blueprint_id, 'read'))) then
    perform private.raise_error(404, 'FONF0', 'No such view.', 'view_id', 'exists');
  end if;
  return v;
end
$$;
revoke all on function private.visible_view(uuid) from public;

create or replace function private.save_view(
  p_blueprint_id uuid,
  p_name text,
  p_config jsonb,
  p_shared boolean,
  p_view_id uuid,
  p_expected_version integer
) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  b public.blueprints;
  v public.saved_views;
  wanted text := btrim(p_name);
  checked jsonb;
begin
  if p_view_id is not null then
    v := private.visible_view(p_view_id);
    if v.owner_id <> uid and not private.has_role_on_tenant(v.tenant_id, 'admin') then
      return private.deny(v.tenant_id, 'save_view', 'saved_views', v.id::text,
        'only its owner or an Admin changes a view');
    end if;
    if p_blueprint_id is distinct from v.blueprint_id then
      perform private.raise_error(422, 'FOVAL', 'A view stays with its blueprint; save a new view for another one.',
        'blueprint_id', 'immutable');
    end if;
    if p_expected_version is null then
      perform private.raise_error(422, 'FOVAL', 'Send the version of the view you changed (expected_version).',
        'expected_version', 'required');
    end if;
    if p_expected_version <> v.version then
      perform private.raise_error(409, 'FOCON', format('The view "%s" was changed meanwhile (now version %s); reload it and try again.',
        v.name, v.version), 'expected_version', 'stale');
    end if;
  end if;

  b := private.visible_blueprint(p_blueprint_id, false);
  if b.deleted_at is not null then
    perform private.raise_error(404, 'FONF0', 'No such blueprint.', 'blueprint_id', 'exists');
  end if;
  if not private.entity_permission(b.tenant_id, b.id, 'read') then
    return private.deny(b.tenant_id, 'save_view', 'saved_views', p_view_id::text,
      format('your roles do not allow reading entities of "%s"', b.name));
  end if;
  if wanted is null or length(wanted) not between 1 and 100 then
    perform private.raise_error(422, 'FOVAL', 'A view''s name is 1 to 100 characters.', 'name', 'length');
  end if;
  if p_shared is null then
    perform private.raise_error(422, 'FOVAL', 'Say whether the view is shared (true or false).', 'shared', 'required');
  end if;
  checked := private.check_view_config(b, p_config);
  if exists (select 1 from public.saved_views s where s.blueprint_id = b.id and s.owner_id = coalesce(v.owner_id, uid)
             and lower(s.name) = lower(wanted) and s.id is distinct from v.id) then
    perform private.raise_error(409, 'FOCON', format('There is already a view named "%s" of "%s".', wanted, b.name), 'name', 'unique');
  end if;

  if v.id is null then
    insert into public.saved_views (tenant_id, blueprint_id, owner_id, name, shared, config, created_by, updated_by)
    values (b.tenant_id, b.id, uid, wanted, p_shared, checked, uid, uid)
    returning * into v;
  else
    update public.saved_views set name = wanted, shared = p_shared, config = checked, version = version + 1,
      updated_by = uid
    where id = v.id
    returning * into v;
  end if;
  return to_jsonb(v);
end
$$;
revoke all on function private.save_view(uuid, text, jsonb, boolean, uuid, integer) from public;
grant execute on function private.save_view(uuid, text, jsonb, boolean, uuid, integer) to authenticated;

create or replace function public.save_view(
  p_blueprint_id uuid,
  p_name text,
  p_config jsonb,
  p_shared boolean default false,
  p_view_id uuid default null,
  p_expected_version integer default null
) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.save_view(p_blueprint_id, p_name, p_config, p_shared, p_view_id, p_expected_version) $$;
comment on function public.save_view is
  'Creates a grid view of a blueprint (p_view_id null) or changes one (p_view_id + p_expected_version; its owner or an Admin). '
  'p_config {filter, sort, columns, widths, search} is checked as query_entities would; needs read on the blueprint.';
grant execute on function public.save_view(uuid, text, jsonb, boolean, uuid, integer) to authenticated;

create or replace function private.delete_view(p_view_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  v public.saved_views := private.visible_view(p_view_id);
begin
  if v.owner_id <> uid and not private.has_role_on_tenant(v.tenant_id, 'admin') then
    return private.deny(v.tenant_id, 'delete_view', 'saved_views', v.id::text, 'only its owner or an Admin deletes a view');
  end if;
  delete from public.saved_views s where s.id = v.id;
  return jsonb_build_object('id', v.id, 'deleted', true);
end
$$;
revoke all on function private.delete_view(uuid) from public;
grant execute on function private.delete_view(uuid) to authenticated;

create or replace function public.delete_view(p_view_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.delete_view(p_view_id) $$;
comment on function public.delete_view is 'Deletes a saved grid view (its owner or an Admin of the tenant).';
grant execute on function public.delete_view(uuid) to authenticated;
