-- ============================================================================
-- Two refusals that said more than the caller may know, or less than they should:
--  * deleting an entity still referenced (on_delete restrict) names the referencing
--    entity only when the caller may read it;
--  * a template whose sample entities the installer's grants refuse installs nothing
--    (403 FODEN naming the blueprint) instead of counting a refusal as entities.
-- ============================================================================

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
