-- ============================================================================
-- The trash. Deleting an entity or a blueprint never destroys data: it sets
-- deleted_at. A deleted blueprint takes its live entities with it (same
-- deleted_at), and restoring it brings exactly those back. Members see the
-- trash; restoring needs the delete permission (entities) or manage_blueprints
-- (blueprints); purging is for Admins only and audited. The trash empties
-- itself after the tenant's trash_retention_days (default 30).
--
-- References: deleting an entity that live entities point at is refused when
-- their field says "restrict" and empties their field when it says "set_null".
-- ============================================================================

alter table public.tenants add column trash_retention_days integer not null default 30;
alter table public.tenants add constraint tenants_trash_retention_days_range check (trash_retention_days between 1 and 3650);
comment on column public.tenants.trash_retention_days is 'Days an entity or blueprint stays in the trash before it is purged for good.';

-- ----------------------------------------------------------------------------
-- Entities
-- ----------------------------------------------------------------------------

-- What deleting p_entity does to the live entities pointing at it: refuses when one
-- says restrict, otherwise empties their reference field (a new version, in history).
-- p_also_deleting: entities going to the trash in the same operation (a blueprint).
create or replace function private.release_references_to(p_entity public.entities, p_blueprint_name text) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  r record;
  source public.entities;
begin
  select s.id, s.blueprint_id, r2.field_key, b.name as blueprint_name into r
  from private.entity_references r2
  join public.entities s on s.id = r2.source_id and s.deleted_at is null
  join public.blueprints b on b.id = s.blueprint_id
  where r2.target_id = p_entity.id and r2.on_delete = 'restrict'
  limit 1;
  if r.id is not null then
    perform private.raise_error(409, 'FOCON',
      format('This %s entity is still referenced by "%s" of a "%s" entity (%s); change or delete that first.',
        p_blueprint_name, r.field_key, r.blueprint_name, r.id), r.field_key, 'referenced');
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
revoke all on function private.release_references_to(public.entities, text) from public;

-- Moves one locked, live entity to the trash (p_with_blueprint: as part of its blueprint).
create or replace function private.trash_entity(p_entity public.entities, p_blueprint_name text, p_with_blueprint boolean)
returns public.entities
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.entities;
begin
  perform private.release_references_to(p_entity, p_blueprint_name);
  update public.entities set deleted_at = now(), deleted_by = auth.uid(), deleted_with_blueprint = p_with_blueprint,
    version = p_entity.version + 1
  where id = p_entity.id
  returning * into e;
  delete from private.entity_unique_values u where u.entity_id = e.id;
  delete from private.entity_references r where r.source_id = e.id;
  perform private.record_entity_change(e, 'delete', e.data);
  return e;
end
$$;
revoke all on function private.trash_entity(public.entities, text, boolean) from public;

create or replace function private.delete_entities(p_ids uuid[]) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  id uuid;
  e public.entities;
  b public.blueprints;
  refusal jsonb;
  i integer := 0;
  result jsonb := '[]'::jsonb;
begin
  perform private.require_user();
  if p_ids is null or cardinality(p_ids) not between 1 and 1000 then
    perform private.raise_error(422, 'FOVAL', 'Send 1 to 1000 entity ids.', 'ids', 'size');
  end if;
  refusal := private.authorize_entities(p_ids, 'delete', 'ids');
  if refusal is not null then
    return refusal;
  end if;
  foreach id in array p_ids loop
    begin
      e := private.visible_entity(id, true);
      if e.deleted_at is null then
        select * into b from public.blueprints where blueprints.id = e.blueprint_id;
        e := private.trash_entity(e, b.name, false);
      end if;
      result := result || jsonb_build_array(private.entity_json(e));
    exception when sqlstate 'PGRST' then
      perform private.reraise_error(sqlerrm, 'ids.' || i, format('Row %s: ', i + 1));
    end;
    i := i + 1;
  end loop;
  return jsonb_build_object('entities', result);
end
$$;
revoke all on function private.delete_entities(uuid[]) from public;
grant execute on function private.delete_entities(uuid[]) to authenticated;

create or replace function private.delete_entity(p_entity_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a record := private.entity_for_action(p_entity_id, 'delete');
begin
  if a.refusal is not null then
    return a.refusal;
  end if;
  if (a.entity).deleted_at is not null then
    return private.entity_json(a.entity);
  end if;
  return private.entity_json(private.trash_entity(a.entity, (a.blueprint).name, false));
end
$$;
revoke all on function private.delete_entity(uuid) from public;
grant execute on function private.delete_entity(uuid) to authenticated;

create or replace function public.delete_entity(p_entity_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.delete_entity(p_entity_id) $$;
comment on function public.delete_entity is
  'Moves an entity to the trash (restorable). Refused while a live entity references it with on_delete restrict.';
grant execute on function public.delete_entity(uuid) to authenticated;

create or replace function public.delete_entities(p_ids uuid[]) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.delete_entities(p_ids) $$;
comment on function public.delete_entities is 'Moves 1-1000 entities to the trash in one transaction: all or none.';
grant execute on function public.delete_entities(uuid[]) to authenticated;

-- Brings one locked, trashed entity back: live again, its references and unique values
-- checked and claimed anew (409 when something took their place meanwhile), in history.
create or replace function private.revive_entity(p_entity public.entities) returns public.entities
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.entities;
  fields jsonb;
begin
  update public.entities set deleted_at = null, deleted_by = null, deleted_with_blueprint = false, version = p_entity.version + 1
  where id = p_entity.id returning * into e;
  select v.fields into fields from public.blueprint_versions v where v.blueprint_id = e.blueprint_id and v.version = e.blueprint_version;
  begin
    perform private.check_entity_links(e.tenant_id, e.id, fields, e.data);
    perform private.claim_unique_values(e.blueprint_id, e.id, fields, e.data);
  exception when sqlstate 'PGRST' then
    perform private.reraise_error(sqlerrm, null, format('Entity %s cannot come back as it was: ', e.id), 409, 'FOCON');
  end;
  perform private.record_entity_change(e, 'restore', e.data);
  return e;
end
$$;
revoke all on function private.revive_entity(public.entities) from public;

create or replace function private.restore_entity(p_entity_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a record := private.entity_for_action(p_entity_id, 'delete');
begin
  if a.refusal is not null then
    return a.refusal;
  end if;
  if (a.entity).deleted_at is null then
    return private.entity_json(a.entity);
  end if;
  if (a.blueprint).deleted_at is not null then
    perform private.raise_error(409, 'FOCON',
      format('Its blueprint "%s" is in the trash; restore the blueprint (with its entities).', (a.blueprint).name), 'blueprint_id', 'in_trash');
  end if;
  return private.entity_json(private.revive_entity(a.entity));
end
$$;
revoke all on function private.restore_entity(uuid) from public;
grant execute on function private.restore_entity(uuid) to authenticated;

create or replace function public.restore_entity(p_entity_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.restore_entity(p_entity_id) $$;
comment on function public.restore_entity is
  'Brings an entity back from the trash. Refused (409) while its blueprint is in the trash, or when a unique value '
  'is taken or a reference points at a deleted entity meanwhile.';
grant execute on function public.restore_entity(uuid) to authenticated;

-- ----------------------------------------------------------------------------
-- Blueprints
-- ----------------------------------------------------------------------------

create or replace function private.delete_blueprint(p_blueprint_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  b public.blueprints;
  refusal jsonb;
  e public.entities;
  n integer := 0;
begin
  perform private.require_user();
  b := private.visible_blueprint(p_blueprint_id, true);
  refusal := private.check_capability(b.tenant_id, 'manage_blueprints', 'delete_blueprint', 'blueprints', b.id::text);
  if refusal is not null then
    return refusal;
  end if;
  if b.deleted_at is not null then
    return private.blueprint_json(b);
  end if;
  -- Its own entities go together: references among them do not hold the delete up.
  delete from private.entity_references r
  using public.entities s, public.entities t
  where s.id = r.source_id and t.id = r.target_id and s.blueprint_id = b.id and t.blueprint_id = b.id;
  for e in select * from public.entities where blueprint_id = b.id and deleted_at is null order by id for no key update loop
    perform private.trash_entity(e, b.name, true);
    n := n + 1;
  end loop;
  update public.blueprints set deleted_at = now(), deleted_by = auth.uid() where id = b.id returning * into b;
  perform private.sync_blueprint_indexes(b.id);
  return private.blueprint_json(b) || jsonb_build_object('entities_trashed', n);
end
$$;
revoke all on function private.delete_blueprint(uuid) from public;
grant execute on function private.delete_blueprint(uuid) to authenticated;

create or replace function public.delete_blueprint(p_blueprint_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.delete_blueprint(p_blueprint_id) $$;
comment on function public.delete_blueprint is
  'Moves a blueprint and its live entities to the trash; nothing is deleted. Refused while entities of other blueprints '
  'reference its entities with on_delete restrict. Needs manage_blueprints.';
grant execute on function public.delete_blueprint(uuid) to authenticated;

create or replace function private.restore_blueprint(p_blueprint_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  b public.blueprints;
  refusal jsonb;
  e public.entities;
  n integer := 0;
begin
  perform private.require_user();
  b := private.visible_blueprint(p_blueprint_id, true);
  refusal := private.check_capability(b.tenant_id, 'manage_blueprints', 'restore_blueprint', 'blueprints', b.id::text);
  if refusal is not null then
    return refusal;
  end if;
  if b.deleted_at is null then
    return private.blueprint_json(b);
  end if;
  if exists (select 1 from public.blueprints x where x.tenant_id = b.tenant_id and x.deleted_at is null
             and (lower(x.name) = lower(b.name) or x.key = b.key)) then
    perform private.raise_error(409, 'FOCON',
      format('A live blueprint now has the name "%s" or the key "%s"; rename one of them first.', b.name, b.key), 'name', 'unique');
  end if;
  update public.blueprints set deleted_at = null, deleted_by = null where id = b.id;
  for e in select * from public.entities where blueprint_id = b.id and deleted_with_blueprint order by id for no key update loop
    perform private.revive_entity(e);
    n := n + 1;
  end loop;
  select * into b from public.blueprints where id = b.id;
  perform private.sync_blueprint_indexes(b.id);
  return private.blueprint_json(b) || jsonb_build_object('entities_restored', n);
end
$$;
revoke all on function private.restore_blueprint(uuid) from public;
grant execute on function private.restore_blueprint(uuid) to authenticated;

create or replace function public.restore_blueprint(p_blueprint_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.restore_blueprint(p_blueprint_id) $$;
comment on function public.restore_blueprint is
  'Brings a blueprint back from the trash together with the entities that went with it. Needs manage_blueprints.';
grant execute on function public.restore_blueprint(uuid) to authenticated;

-- ----------------------------------------------------------------------------
-- Reading the trash
-- ----------------------------------------------------------------------------

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
               (select count(*) from public.entities e where e.blueprint_id = b.id and e.deleted_with_blueprint))
             order by b.deleted_at desc)
      from public.blueprints b where b.tenant_id = p_tenant_id and b.deleted_at is not null), '[]'::jsonb),
    'entities', coalesce((
      select jsonb_agg(private.entity_json(e) || jsonb_build_object('blueprint_name', b.name, 'deleted_by', e.deleted_by,
               'with_blueprint', e.deleted_with_blueprint) order by e.deleted_at desc, e.id desc)
      from (select * from public.entities e where e.tenant_id = p_tenant_id and e.deleted_at is not null
              and (p_before is null or e.deleted_at < p_before)
            order by e.deleted_at desc, e.id desc limit p_limit) e
      join public.blueprints b on b.id = e.blueprint_id), '[]'::jsonb),
    'retention_days', (select t.trash_retention_days from public.tenants t where t.id = p_tenant_id)
  ) into result;
  return result;
end
$$;
revoke all on function private.list_trash(uuid, timestamptz, integer) from public;
grant execute on function private.list_trash(uuid, timestamptz, integer) to authenticated;

create or replace function public.list_trash(p_tenant_id uuid, p_before timestamptz default null, p_limit integer default 50) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.list_trash(p_tenant_id, p_before, p_limit) $$;
comment on function public.list_trash is
  'The tenant''s trash: deleted blueprints (with how many entities went with them) and deleted entities, newest first '
  '(page with p_before = the last deleted_at). Members only.';
grant execute on function public.list_trash(uuid, timestamptz, integer) to authenticated;

-- ----------------------------------------------------------------------------
-- Purge: gone for good
-- ----------------------------------------------------------------------------

-- Deletes trashed entities (and a trashed blueprint with all its entities). Runs as the
-- job or for an Admin; each purged object is audited.
create or replace function private.purge_trashed(p_tenant_id uuid, p_blueprint_ids uuid[], p_entity_ids uuid[], p_reason text) returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  n integer := 0;
  id uuid;
begin
  for id in
    delete from public.entities e
    where e.tenant_id = p_tenant_id and e.deleted_at is not null
      and (e.id = any (coalesce(p_entity_ids, '{}')) or e.blueprint_id = any (coalesce(p_blueprint_ids, '{}')))
    returning e.id
  loop
    perform private.record_audit_event(p_tenant_id, 'purge_entity', 'entities', id::text, 'success', null, null,
      jsonb_build_object('reason', p_reason));
    n := n + 1;
  end loop;
  for id in
    delete from public.blueprints b
    where b.tenant_id = p_tenant_id and b.deleted_at is not null and b.id = any (coalesce(p_blueprint_ids, '{}'))
      and not exists (select 1 from public.entities e where e.blueprint_id = b.id)
    returning b.id
  loop
    perform private.record_audit_event(p_tenant_id, 'purge_blueprint', 'blueprints', id::text, 'success', null, null,
      jsonb_build_object('reason', p_reason));
  end loop;
  return n;
end
$$;
revoke all on function private.purge_trashed(uuid, uuid[], uuid[], text) from public;

create or replace function private.purge_trash(p_tenant_id uuid, p_blueprint_ids uuid[], p_entity_ids uuid[]) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
begin
  perform private.require_user();
  if not private.has_role_on_tenant(p_tenant_id, 'admin') then
    if not exists (select 1 from private.tenant_ids_for_user() t where t = p_tenant_id) then
      perform private.raise_error(404, 'FONF0', 'No such tenant.', 'tenant_id', 'exists');
    end if;
    return private.deny(p_tenant_id, 'purge_trash', 'trash', p_tenant_id::text, 'only Admins empty the trash');
  end if;
  if coalesce(cardinality(p_blueprint_ids), 0) + coalesce(cardinality(p_entity_ids), 0) not between 1 and 1000 then
    perform private.raise_error(422, 'FOVAL', 'Name 1 to 1000 blueprints or entities to purge.', 'entity_ids', 'size');
  end if;
  if exists (select 1 from unnest(p_entity_ids) x where not exists (
               select 1 from public.entities e where e.id = x and e.tenant_id = p_tenant_id and e.deleted_at is not null))
     or exists (select 1 from unnest(p_blueprint_ids) x where not exists (
               select 1 from public.blueprints b where b.id = x and b.tenant_id = p_tenant_id and b.deleted_at is not null)) then
    perform private.raise_error(422, 'FOVAL', 'Only what is in this tenant''s trash can be purged.', 'entity_ids', 'in_trash');
  end if;
  return jsonb_build_object('entities_purged', private.purge_trashed(p_tenant_id, p_blueprint_ids, p_entity_ids, 'purged by an Admin'));
end
$$;
revoke all on function private.purge_trash(uuid, uuid[], uuid[]) from public;
grant execute on function private.purge_trash(uuid, uuid[], uuid[]) to authenticated;

create or replace function public.purge_trash(p_tenant_id uuid, p_blueprint_ids uuid[] default null, p_entity_ids uuid[] default null)
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.purge_trash(p_tenant_id, p_blueprint_ids, p_entity_ids) $$;
comment on function public.purge_trash is
  'Deletes trashed blueprints (with their entities) and entities for good. Admins only; every purge is audited.';
grant execute on function public.purge_trash(uuid, uuid[], uuid[]) to authenticated;

-- The job: purges what has been in each tenant's trash longer than its retention, in
-- batches (at most 5,000 entities per run; the next run continues).
create or replace function private.purge_expired_trash() returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  t record;
  total integer := 0;
  ids uuid[];
begin
  for t in select id, trash_retention_days from public.tenants loop
    select array_agg(e.id) into ids from (
      select e.id from public.entities e
      where e.tenant_id = t.id and e.deleted_at < now() - make_interval(days => t.trash_retention_days)
      limit greatest(0, 5000 - total)) e;
    total := total + coalesce(private.purge_trashed(t.id,
      (select array_agg(b.id) from public.blueprints b
       where b.tenant_id = t.id and b.deleted_at < now() - make_interval(days => t.trash_retention_days)),
      ids, format('in the trash longer than %s days', t.trash_retention_days)), 0);
    exit when total >= 5000;
  end loop;
  return total;
end
$$;
revoke all on function private.purge_expired_trash() from public;

select cron.schedule('purge-expired-trash', '17 3 * * *', $$ select private.purge_expired_trash() $$);
