-- ============================================================================
-- The trash: one blueprint's deleted records on request, and exact paging
-- ============================================================================
-- list_trash paged deleted entities by deleted_at alone: a bulk delete gives many rows
-- the same deleted_at, so "before the last one seen" skipped the rest of them. Pages now
-- continue after (deleted_at, id), as they are ordered. And the trash page's blueprint
-- filter asks the database (p_blueprint_id) instead of filtering the pages it happened
-- to have loaded. Deleted blueprints are few and still come whole with every page.

drop function public.list_trash(uuid, timestamptz, integer);
drop function private.list_trash(uuid, timestamptz, integer);

create or replace function private.list_trash(
  p_tenant_id uuid,
  p_before timestamptz,
  p_limit integer,
  p_before_id uuid,
  p_blueprint_id uuid
) returns jsonb
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
  if p_before_id is not null and p_before is null then
    perform private.raise_error(422, 'FOVAL', 'A page cursor needs both before (deleted_at) and before_id.', 'before', 'required');
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
              and (p_blueprint_id is null or e.blueprint_id = p_blueprint_id)
              and (p_before is null
                   or (p_before_id is null and e.deleted_at < p_before)
                   or (p_before_id is not null and (e.deleted_at, e.id) < (p_before, p_before_id)))
              -- only what the caller's read grants let them see
              and private.entity_matches(e, private.access_rows_sql(private.entity_access(e.blueprint_id, e.tenant_id), 'read'))
            order by e.deleted_at desc, e.id desc limit p_limit) e
      join public.blueprints b on b.id = e.blueprint_id), '[]'::jsonb),
    'retention_days', (select t.trash_retention_days from public.tenants t where t.id = p_tenant_id)
  ) into result;
  return result;
end
$$;
revoke all on function private.list_trash(uuid, timestamptz, integer, uuid, uuid) from public;
grant execute on function private.list_trash(uuid, timestamptz, integer, uuid, uuid) to authenticated;

create or replace function public.list_trash(
  p_tenant_id uuid,
  p_before timestamptz default null,
  p_limit integer default 50,
  p_before_id uuid default null,
  p_blueprint_id uuid default null
) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.list_trash(p_tenant_id, p_before, p_limit, p_before_id, p_blueprint_id) $$;
comment on function public.list_trash is
  'The tenant''s trash: deleted blueprints (with how many entities went with them) and deleted entities, newest first. '
  'Next page: p_before and p_before_id = deleted_at and id of the last entity seen. p_blueprint_id: only that '
  'blueprint''s entities. Members only; entities as the caller''s read grants show them.';
grant execute on function public.list_trash(uuid, timestamptz, integer, uuid, uuid) to authenticated;
