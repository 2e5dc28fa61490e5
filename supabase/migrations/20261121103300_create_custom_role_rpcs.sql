-- ============================================================================
-- Custom roles: create, update, delete (needs manage_roles). A role never
-- carries a capability its editor lacks (unless the editor is an Admin), so a
-- role cannot be used to widen its own holder's rights. Built-in roles are
-- refused (and protected by their trigger). A role still held by members or
-- named by a pending invitation cannot be deleted: reassign first.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Validation
-- ----------------------------------------------------------------------------

create or replace function private.assert_role_name(p_name text) returns text
language plpgsql stable set search_path = ''
as $$
begin
  if p_name is null or length(btrim(p_name)) not between 1 and 60 then
    perform private.raise_error(422, 'FOVAL', 'The role name must be 1 to 60 characters long.', 'name', 'length');
  end if;
  return btrim(p_name);
end
$$;
grant execute on function private.assert_role_name(text) to authenticated, service_role;

create or replace function private.assert_role_description(p_description text) returns text
language plpgsql stable set search_path = ''
as $$
begin
  if length(coalesce(p_description, '')) > 500 then
    perform private.raise_error(422, 'FOVAL', 'The role description must be at most 500 characters long.', 'description', 'length');
  end if;
  return coalesce(p_description, '');
end
$$;
grant execute on function private.assert_role_description(text) to authenticated, service_role;

-- Known capabilities, without duplicates, in the canonical (bit) order; may be empty.
create or replace function private.assert_role_capabilities(p_capabilities text[]) returns text[]
language plpgsql stable set search_path = ''
as $$
declare
  unknown text[];
begin
  if p_capabilities is null then
    perform private.raise_error(422, 'FOVAL', 'Give the role''s capabilities as a list (it may be empty).', 'capabilities', 'required');
  end if;
  unknown := array(select distinct c from unnest(p_capabilities) as c where c is null or not (c = any (private.capability_keys())) order by 1);
  if cardinality(unknown) > 0 then
    perform private.raise_error(422, 'FOVAL',
      format('Unknown capabilities: %s. Known ones: %s.', array_to_string(unknown, ', ', 'null'), array_to_string(private.capability_keys(), ', ')),
      'capabilities', 'known');
  end if;
  return array(select k.c from unnest(private.capability_keys()) with ordinality as k (c, i) where k.c = any (p_capabilities) order by k.i);
end
$$;
grant execute on function private.assert_role_capabilities(text[]) to authenticated, service_role;

-- A free role key derived from the name: "Sales Team (North)" -> "sales_team_north".
create or replace function private.role_key_for(p_tenant_id uuid, p_name text) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  base text := btrim(left(replace(private.slugify(p_name), '-', '_'), 36), '_');
  candidate text;
  n integer := 1;
begin
  if base !~ '^[a-z][a-z0-9_]+$' then
    base := btrim(left('role_' || base, 36), '_');
  end if;
  candidate := base;
  while exists (select 1 from public.roles r where r.tenant_id = p_tenant_id and r.key = candidate) loop
    n := n + 1;
    candidate := base || '_' || n;
  end loop;
  return candidate;
end
$$;
revoke all on function private.role_key_for(uuid, text) from public;

-- The role named by id if the caller can see it (a member of its tenant), else a 404.
create or replace function private.visible_role(p_role_id uuid) returns public.roles
language plpgsql volatile security definer set search_path = ''
as $$
declare
  role public.roles;
begin
  select r.* into role from public.roles r
  where r.id = p_role_id and r.tenant_id in (select private.tenant_ids_for_user())
  for update;
  if role.id is null then
    perform private.raise_error(404, 'FONF0', 'No such role.', 'role_id', 'exists');
  end if;
  return role;
end
$$;
revoke all on function private.visible_role(uuid) from public;

create or replace function private.refuse_builtin_role(p_role public.roles, p_verb text) returns void
language plpgsql stable set search_path = ''
as $$
begin
  if p_role.builtin then
    perform private.raise_error(409, 'FOCON', format('The built-in role "%s" cannot be %s.', p_role.name, p_verb), 'role', 'builtin');
  end if;
end
$$;
revoke all on function private.refuse_builtin_role(public.roles, text) from public;

create or replace function private.assert_role_name_free(p_tenant_id uuid, p_name text, p_except uuid) returns void
language plpgsql stable security definer set search_path = ''
as $$
begin
  if exists (select 1 from public.roles r where r.tenant_id = p_tenant_id and lower(r.name) = lower(p_name) and r.id is distinct from p_except) then
    perform private.raise_error(409, 'FOCON', format('A role named "%s" already exists in this tenant.', p_name), 'name', 'unique');
  end if;
end
$$;
revoke all on function private.assert_role_name_free(uuid, text, uuid) from public;

-- ----------------------------------------------------------------------------
-- create_role
-- ----------------------------------------------------------------------------

create or replace function private.create_role(p_tenant_id uuid, p_name text, p_description text, p_capabilities text[]) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  denied jsonb;
  v_name text;
  v_description text;
  v_capabilities text[];
  beyond text[];
  role public.roles;
begin
  denied := private.check_capability(p_tenant_id, 'manage_roles', 'create_role', 'role', null);
  if denied is not null then
    return denied;
  end if;
  v_name := private.assert_role_name(p_name);
  v_description := private.assert_role_description(p_description);
  v_capabilities := private.assert_role_capabilities(p_capabilities);
  beyond := private.capabilities_beyond_caller(p_tenant_id, v_capabilities);
  if cardinality(beyond) > 0 then
    return private.deny(p_tenant_id, 'create_role', 'role', null,
      format('a role cannot carry capabilities you do not hold (%s)', array_to_string(beyond, ', ')));
  end if;
  perform private.assert_role_name_free(p_tenant_id, v_name, null);

  insert into public.roles (tenant_id, key, name, description, builtin, capabilities, created_by)
  values (p_tenant_id, private.role_key_for(p_tenant_id, v_name), v_name, v_description, false, v_capabilities, uid)
  returning * into role;
  return to_jsonb(role);
end
$$;
grant execute on function private.create_role(uuid, text, text, text[]) to authenticated;

create or replace function public.create_role(p_tenant_id uuid, p_name text, p_description text default '', p_capabilities text[] default '{}')
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.create_role(p_tenant_id, p_name, p_description, p_capabilities) $$;
comment on function public.create_role is
  'Creates a custom role (needs manage_roles; only capabilities the caller holds unless Admin). Its key is derived from the name.';
grant execute on function public.create_role(uuid, text, text, text[]) to authenticated;

-- ----------------------------------------------------------------------------
-- update_role
-- ----------------------------------------------------------------------------

-- p_changes: any of name, description, capabilities (a list). The key never changes.
-- Removing capabilities ends the holders' sessions, as losing a role does.
create or replace function private.update_role(p_role_id uuid, p_changes jsonb) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  role public.roles;
  denied jsonb;
  field text;
  v_name text;
  v_description text;
  v_capabilities text[];
  beyond text[];
  reduced boolean;
  ended integer := 0;
begin
  perform private.require_user();
  role := private.visible_role(p_role_id);
  denied := private.check_capability(role.tenant_id, 'manage_roles', 'update_role', 'role', role.id::text);
  if denied is not null then
    return denied;
  end if;
  perform private.refuse_builtin_role(role, 'changed');
  if p_changes is null or jsonb_typeof(p_changes) <> 'object' or p_changes = '{}'::jsonb then
    perform private.raise_error(422, 'FOVAL', 'Send at least one change (name, description, capabilities) as an object.', 'changes', 'object');
  end if;
  for field in select jsonb_object_keys(p_changes) loop
    if field not in ('name', 'description', 'capabilities') then
      perform private.raise_error(422, 'FOVAL', format('"%s" cannot be changed on a role (name, description, capabilities).', field), field, 'unknown_field');
    end if;
  end loop;

  v_name := case when p_changes ? 'name' then private.assert_role_name(case when jsonb_typeof(p_changes -> 'name') = 'string' then p_changes ->> 'name' end) else role.name end;
  v_description := case when p_changes ? 'description' then private.assert_role_description(p_changes ->> 'description') else role.description end;
  if p_changes ? 'capabilities' then
    if jsonb_typeof(p_changes -> 'capabilities') <> 'array'
       or exists (select 1 from jsonb_array_elements(p_changes -> 'capabilities') as e where jsonb_typeof(e) <> 'string') then
      perform private.raise_error(422, 'FOVAL', 'Capabilities must be a list of capability names.', 'capabilities', 'list');
    end if;
    v_capabilities := private.assert_role_capabilities(array(select jsonb_array_elements_text(p_changes -> 'capabilities')));
  else
    v_capabilities := role.capabilities;
  end if;

  beyond := private.capabilities_beyond_caller(role.tenant_id, role.capabilities || v_capabilities);
  if cardinality(beyond) > 0 then
    return private.deny(role.tenant_id, 'update_role', 'role', role.id::text,
      format('a role cannot carry, gain or lose capabilities you do not hold (%s)', array_to_string(beyond, ', ')));
  end if;
  perform private.assert_role_name_free(role.tenant_id, v_name, role.id);

  reduced := not (role.capabilities <@ v_capabilities);
  update public.roles r set name = v_name, description = v_description, capabilities = v_capabilities
  where r.id = role.id
  returning * into role;
  if reduced then
    select coalesce(sum(private.revoke_sessions_of(mr.tenant_id, mr.user_id, 'role_capabilities_reduced')), 0) into ended
    from public.member_roles mr where mr.role_id = role.id;
  end if;
  return to_jsonb(role) || jsonb_build_object('sessions_revoked', ended);
end
$$;
grant execute on function private.update_role(uuid, jsonb) to authenticated;

create or replace function public.update_role(p_role_id uuid, p_changes jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.update_role(p_role_id, p_changes) $$;
comment on function public.update_role is
  'Changes a custom role''s name, description or capabilities (needs manage_roles and every capability involved unless Admin).';
grant execute on function public.update_role(uuid, jsonb) to authenticated;

-- ----------------------------------------------------------------------------
-- delete_role
-- ----------------------------------------------------------------------------

create or replace function private.delete_role(p_role_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  role public.roles;
  denied jsonb;
  beyond text[];
  holders integer;
  invitations integer;
begin
  perform private.require_user();
  role := private.visible_role(p_role_id);
  denied := private.check_capability(role.tenant_id, 'manage_roles', 'delete_role', 'role', role.id::text);
  if denied is not null then
    return denied;
  end if;
  perform private.refuse_builtin_role(role, 'deleted');
  beyond := private.capabilities_beyond_caller(role.tenant_id, role.capabilities);
  if cardinality(beyond) > 0 then
    return private.deny(role.tenant_id, 'delete_role', 'role', role.id::text,
      format('the role carries capabilities you do not hold (%s)', array_to_string(beyond, ', ')));
  end if;
  select count(*) into holders from public.member_roles mr where mr.role_id = role.id;
  select count(*) into invitations from public.invitations i
  where i.tenant_id = role.tenant_id and role.id = any (i.role_ids) and i.status = 'pending' and i.expires_at > now();
  if holders > 0 or invitations > 0 then
    perform private.raise_error(409, 'FOCON',
      format('The role "%s" is held by %s member(s) and named by %s pending invitation(s); give them other roles first.',
        role.name, holders, invitations),
      'role_id', 'in_use');
  end if;

  delete from public.roles r where r.id = role.id;
  return jsonb_build_object('deleted', true, 'role_id', role.id, 'tenant_id', role.tenant_id);
end
$$;
grant execute on function private.delete_role(uuid) to authenticated;

create or replace function public.delete_role(p_role_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.delete_role(p_role_id) $$;
comment on function public.delete_role is
  'Deletes a custom role nobody holds and no pending invitation names (needs manage_roles).';
grant execute on function public.delete_role(uuid) to authenticated;
