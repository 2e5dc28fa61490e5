-- ============================================================================
-- Explaining permissions: what a member may do with a blueprint's entities and
-- why (docs/permissions.md, Explain), for the permission editor.
--
-- Row rules compare with the member's own variables (user.id, member.<attribute>,
-- ...). To evaluate them for someone other than the caller (here, and when Realtime
-- fans a change out to each reader), private.matches_as sets the transaction-local
-- setting private.permission_vars reads the member from, around a single evaluation.
-- ============================================================================

-- Whether an entity matches a compiled rule with p_user_id's variables.
create or replace function private.matches_as(p_user_id uuid, p_entity public.entities, p_sql text) returns boolean
language plpgsql volatile security definer set search_path = ''
as $$
declare
  ok boolean;
begin
  perform set_config('flexoffice.rules_for_user', p_user_id::text, true);
  ok := private.entity_matches(p_entity, p_sql);
  perform set_config('flexoffice.rules_for_user', '', true);
  return ok;
end
$$;
revoke all on function private.matches_as(uuid, public.entities, text) from public;

create or replace function private.explain_permissions(p_tenant_id uuid, p_user_id uuid, p_blueprint_id uuid, p_entity_id uuid)
returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  b public.blueprints;
  e public.entities;
  access jsonb;
  roles jsonb;
  actions jsonb := '{}'::jsonb;
  act text;
  grants jsonb;
  g jsonb;
  allowed boolean;
  entity_result jsonb;
  matching jsonb;
begin
  if p_tenant_id is null or not exists (select 1 from private.tenant_ids_for_user() t where t = p_tenant_id) then
    perform private.raise_error(404, 'FONF0', 'No such tenant.', 'tenant_id', 'exists');
  end if;
  if p_user_id is distinct from uid and not private.has_capability(p_tenant_id, 'manage_roles') then
    return private.deny(p_tenant_id, 'explain_permissions', 'member', p_user_id::text,
      'only those who manage roles may see what another member can do');
  end if;
  if not private.is_member(p_tenant_id, p_user_id) then
    perform private.raise_error(404, 'FONF0', 'No such member in this tenant.', 'user_id', 'exists');
  end if;
  select * into b from public.blueprints where id = p_blueprint_id and tenant_id = p_tenant_id;
  if b.id is null then
    perform private.raise_error(404, 'FONF0', 'No such blueprint in this tenant.', 'blueprint_id', 'exists');
  end if;
  access := private.entity_access_for(p_user_id, b.id, b.tenant_id);

  select coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'key', r.key, 'name', r.name, 'builtin', r.builtin,
           'source', case when r.builtin and r.key = 'admin' then 'admin' when s.role_id is null then 'default' else 'grants' end,
           'grants', case when r.builtin and r.key = 'admin' then null when s.role_id is null then
                       case when r.builtin and r.key = 'editor' then '[{"action": "read"}, {"action": "create"}, {"action": "update"}, {"action": "delete"}, {"action": "transition"}]'::jsonb
                            when r.builtin and r.key = 'viewer' then '[{"action": "read"}]'::jsonb else '[]'::jsonb end
                     else s.grants end)
         order by r.builtin desc, r.key), '[]'::jsonb)
  into roles
  from public.member_roles mr join public.roles r on r.id = mr.role_id
  left join public.permission_sets s on s.role_id = r.id and s.blueprint_id = b.id
  where mr.tenant_id = b.tenant_id and mr.user_id = p_user_id;

  if p_entity_id is not null then
    select * into e from public.entities where id = p_entity_id and blueprint_id = b.id;
    if e.id is null then
      perform private.raise_error(404, 'FONF0', 'No such entity of this blueprint.', 'entity_id', 'exists');
    end if;
    entity_result := '{}'::jsonb;
  end if;

  foreach act in array array['read', 'create', 'update', 'delete', 'transition'] loop
    grants := coalesce(access -> act, '[]'::jsonb);
    allowed := jsonb_array_length(grants) > 0;
    actions := actions || jsonb_build_object(act, jsonb_strip_nulls(jsonb_build_object(
      'allowed', allowed,
      'by_roles', (select coalesce(jsonb_agg(distinct coalesce(x ->> 'role', 'admin')), '[]'::jsonb) from jsonb_array_elements(grants) x),
      'every_row', allowed and private.access_rows_sql(access, act) = 'true',
      'fields', case when act in ('read', 'create', 'update') and allowed then to_jsonb(private.access_fields(access, act)) end,
      'broken', (select jsonb_agg(x ->> 'broken') from jsonb_array_elements(grants) x where x ? 'broken'),
      'reason', case when not allowed then 'no_grant' end,
      'message', case when not allowed then format('None of the member''s roles (%s) grants %s on "%s".',
        coalesce((select string_agg(r ->> 'name', ', ') from jsonb_array_elements(roles) r), 'none'), act, b.name) end)));
    if e.id is not null then
      matching := '[]'::jsonb;
      for g in select value from jsonb_array_elements(grants) loop
        if private.matches_as(p_user_id, e, g ->> 'rows') then
          matching := matching || jsonb_build_array(coalesce(g ->> 'role', 'admin') || coalesce(':' || (g ->> 'transition'), ''));
        end if;
      end loop;
      entity_result := entity_result || jsonb_build_object(act, jsonb_strip_nulls(jsonb_build_object(
        'allowed', jsonb_array_length(matching) > 0 and (act = 'read' or private.matches_as(p_user_id, e, private.access_rows_sql(access, 'read'))),
        'by_grants', matching,
        'reason', case when not allowed then 'no_grant'
                       when jsonb_array_length(matching) = 0 then 'row_rule'
                       when act <> 'read' and not private.matches_as(p_user_id, e, private.access_rows_sql(access, 'read')) then 'not_readable' end)));
    end if;
  end loop;

  return jsonb_strip_nulls(jsonb_build_object('tenant_id', b.tenant_id, 'user_id', p_user_id, 'blueprint_id', b.id,
    'roles', roles, 'actions', actions, 'entity', entity_result));
end
$$;
revoke all on function private.explain_permissions(uuid, uuid, uuid, uuid) from public;
grant execute on function private.explain_permissions(uuid, uuid, uuid, uuid) to authenticated;

create or replace function public.explain_permissions(p_tenant_id uuid, p_user_id uuid, p_blueprint_id uuid, p_entity_id uuid default null)
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.explain_permissions(p_tenant_id, p_user_id, p_blueprint_id, p_entity_id) $$;
comment on function public.explain_permissions is
  'What a member may do with a blueprint''s entities and why: their roles and grants (source admin/default/grants), per action '
  'allowed, by which roles, every row or a row rule, the fields; denied: reason no_grant. With p_entity_id: per action whether '
  'that entity is reachable and, if not, why (no_grant, row_rule, not_readable). Needs manage_roles unless asking about oneself.';
grant execute on function public.explain_permissions(uuid, uuid, uuid, uuid) to authenticated;
