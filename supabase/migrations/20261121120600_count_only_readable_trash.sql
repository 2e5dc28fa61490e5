-- ============================================================================
-- The trash counted every entity a deleted blueprint took with it, whatever the
-- caller's read grants (20261121120100's list_trash): a member whose roles read none
-- or only some of them learned how many there were. The count is now of the
-- entities the caller's read rows reach (found by supabase/tests/510_permission_rules).
-- ============================================================================

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
