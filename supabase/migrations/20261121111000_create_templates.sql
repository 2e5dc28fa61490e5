-- ============================================================================
-- Templates: a JSON document that installs a set of blueprints, their flows and
-- optional sample entities into a tenant in one transaction (docs/entities.md,
-- "Templates"). Module templates (CRM, HRM, Finance, Projects, Support) and the
-- demo tenants of seed.sql use it. References between the template's blueprints
-- name them by key; roles in transitions name tenant roles by key. Any error
-- names its place in the document (field "blueprints.1.fields.2.type") and
-- nothing is installed.
-- ============================================================================

-- The template's blueprints in an order where each comes after those it references
-- (self-references allowed); a cycle is refused.
create or replace function private.template_order(p_blueprints jsonb) returns integer[]
language plpgsql immutable set search_path = ''
as $$
declare
  ordered integer[] := '{}';
  keys text[] := array(select b ->> 'key' from jsonb_array_elements(p_blueprints) b);
  progress boolean := true;
  i integer;
  needs text[];
begin
  while progress and cardinality(ordered) < jsonb_array_length(p_blueprints) loop
    progress := false;
    for i in 0 .. jsonb_array_length(p_blueprints) - 1 loop
      continue when i = any (ordered);
      needs := array(select distinct f #>> '{reference,blueprint}' from jsonb_array_elements(p_blueprints -> i -> 'fields') f
                     where f #>> '{reference,blueprint}' is not null and f #>> '{reference,blueprint}' <> p_blueprints -> i ->> 'key');
      if needs <@ array(select keys[o + 1] from unnest(ordered) o) then
        ordered := ordered || i;
        progress := true;
      end if;
    end loop;
  end loop;
  if cardinality(ordered) < jsonb_array_length(p_blueprints) then
    perform private.raise_error(422, 'FOVAL', 'The template''s blueprints reference each other in a cycle (or a blueprint the template does not define).',
      'blueprints', 'references');
  end if;
  return ordered;
end
$$;
grant execute on function private.template_order(jsonb) to authenticated, service_role;

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
      entities := entities + jsonb_array_length(created -> 'entities');
    end if;
  end loop;
  perform private.record_audit_event(p_tenant_id, 'install_template', 'templates', p_template ->> 'key', 'success', null, null,
    jsonb_build_object('name', p_template ->> 'name', 'blueprints', installed, 'entities', entities));
  return jsonb_build_object('blueprints', installed, 'entities', entities);
end
$$;
revoke all on function private.install_template(uuid, jsonb) from public;
grant execute on function private.install_template(uuid, jsonb) to authenticated;

create or replace function public.install_template(p_tenant_id uuid, p_template jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.install_template(p_tenant_id, p_template) $$;
comment on function public.install_template is
  'Installs a template {key, name, blueprints: [{key, name, icon, description, fields, flow?, entities?}]} into a tenant '
  'in one transaction: all or nothing. Needs manage_blueprints and manage_flows.';
grant execute on function public.install_template(uuid, jsonb) to authenticated;
