-- Rule: custom roles are created, changed and deleted by holders of manage_roles; a role
-- never gains (or loses) a capability its editor lacks unless the editor is an Admin, so a
-- custom role cannot widen itself; built-in roles are refused; a role in use is not
-- deleted; removing capabilities ends the holders' sessions.
begin;
select plan(27);

select tests.create_user('admin-105@example.test') as admin \gset
select tests.create_user('editor-105@example.test') as editor \gset
select tests.create_user('designer-105@example.test') as designer \gset
select tests.create_user('holder-105@example.test') as holder \gset

select tests.authenticate_as(:'admin');
select (public.create_tenant('Acme 105', 'acme-105', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
select id as admin_role from public.roles where tenant_id = :'tenant' and key = 'admin' \gset
select id as editor_role from public.roles where tenant_id = :'tenant' and key = 'editor' \gset
select id as viewer_role from public.roles where tenant_id = :'tenant' and key = 'viewer' \gset
insert into public.roles (tenant_id, key, name, capabilities) values (:'tenant', 'role_designer', 'Role designer', '{manage_roles}')
  returning id as designer_role \gset
insert into public.tenant_members (tenant_id, user_id) select :'tenant', u from unnest(array[:'editor', :'designer', :'holder']::uuid[]) as u;
insert into public.member_roles (tenant_id, user_id, role_id) values
  (:'tenant', :'editor', :'editor_role'), (:'tenant', :'designer', :'designer_role'), (:'tenant', :'holder', :'viewer_role');

-- ---------------------------------------------------------------------------
-- create_role
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select public.create_role(:'tenant', ' Sales Team (North) ', 'Sells up north', array['export_data', 'view_audit', 'export_data']) as sales \gset
select is((:'sales'::jsonb) - 'id' - 'tenant_id' - 'created_at' - 'updated_at',
  jsonb_build_object('key', 'sales_team_north', 'name', 'Sales Team (North)', 'description', 'Sells up north', 'builtin', false,
    'capabilities', array['view_audit', 'export_data'], 'created_by', :'admin'),
  'allow: an Admin creates a role; key from the name, capabilities deduplicated in canonical order');
select is(public.create_role(:'tenant', 'Sales-Team North!') ->> 'key', 'sales_team_north_2', 'keys stay unique');
select is(public.create_role(:'tenant', '営業') ->> 'key', 'role', 'a name without Latin letters still gets a key');
select is(tests.error_of(format('select public.create_role(%L, %L)', :'tenant', 'sales team (north)')) -> 'details',
  '{"field": "name", "rule": "unique"}'::jsonb, 'names are unique per tenant, ignoring case');
select is(tests.error_of(format('select public.create_role(%L, %L)', :'tenant', 'ADMIN')) -> 'details',
  '{"field": "name", "rule": "unique"}'::jsonb, 'a custom role cannot take a built-in role''s name');
select is(tests.error_of(format('select public.create_role(%L, %L, %L, %L)', :'tenant', 'Casino', '', array['manage_members', 'run_casino'])),
  '{"code": "FOVAL", "message": "Unknown capabilities: run_casino. Known ones: manage_members, manage_roles, manage_settings, view_audit, manage_blueprints, manage_flows, manage_pages, manage_sources, manage_automations, export_data.", "details": {"field": "capabilities", "rule": "known"}, "hint": null}'::jsonb,
  'unknown capabilities are named');
select is(tests.error_of(format('select public.create_role(%L, %L)', :'tenant', '  ')) -> 'details', '{"field": "name", "rule": "length"}'::jsonb,
  'a role needs a name');

select tests.authenticate_as(:'editor');
select is(public.create_role(:'tenant', 'Editors plus', '', array['manage_pages']) ->> 'code', 'FODEN', 'deny: an Editor cannot create roles');
select tests.authenticate_as(:'designer');
select is(public.create_role(:'tenant', 'Reviewers', 'Read only', '{}') ->> 'key', 'reviewers', 'allow: a role designer creates a role within their capabilities');
select is(public.create_role(:'tenant', 'Gatekeepers', '', array['manage_members']) ->> 'message',
  'Not allowed to create role: a role cannot carry capabilities you do not hold (manage_members).',
  'deny: a role designer cannot create a role with capabilities they lack');

-- ---------------------------------------------------------------------------
-- update_role: no widening, not even of one's own role
-- ---------------------------------------------------------------------------
select is(public.update_role(:'designer_role', '{"capabilities": ["manage_roles", "manage_members"]}') ->> 'code', 'FODEN',
  'deny: a custom role cannot widen itself');
select (:'sales'::jsonb ->> 'id') as sales_role \gset
select is(public.update_role(:'sales_role', '{"name": "Sales"}') ->> 'message',
  'Not allowed to update role: a role cannot carry, gain or lose capabilities you do not hold (export_data, view_audit).',
  'deny: nor change a role carrying capabilities they lack');
select is(public.update_role(:'designer_role', '{"description": "Designs roles"}') ->> 'description', 'Designs roles',
  'allow: a designer changes a role within their capabilities');
select tests.clear_authentication();
select is((select capabilities from public.roles where id = :'designer_role'), array['manage_roles'], 'the designer role did not widen');
select is((select count(*) from audit.entries where tenant_id = :'tenant' and outcome = 'denied' and actor_id = :'designer'
  and action in ('create_role', 'update_role')), 3::bigint, 'the three widening attempts are audited');

select tests.authenticate_as(:'admin');
select is(tests.error_of(format('select public.update_role(%L, %L)', :'admin_role', '{"name": "Boss"}')),
  '{"code": "FOCON", "message": "The built-in role \"Admin\" cannot be changed.", "details": {"field": "role", "rule": "builtin"}, "hint": null}'::jsonb,
  'deny: built-in roles cannot be changed');
select is(tests.error_of(format('select public.update_role(%L, %L)', :'sales_role', '{"key": "boss"}')) -> 'details',
  '{"field": "key", "rule": "unknown_field"}'::jsonb, 'the key is not changeable');
select is(tests.error_of(format('select public.update_role(%L, %L)', :'sales_role', '{"capabilities": "export_data"}')) -> 'details',
  '{"field": "capabilities", "rule": "list"}'::jsonb, 'capabilities are a list');
select is(public.update_role(:'sales_role', '{"capabilities": ["manage_members", "export_data"], "name": "Sales"}') -> 'capabilities',
  '["manage_members", "export_data"]'::jsonb, 'allow: an Admin gives a role any capability');

-- removing capabilities ends the holders' sessions
select tests.clear_authentication();
insert into public.member_roles (tenant_id, user_id, role_id) values (:'tenant', :'holder', :'sales_role');
insert into auth.sessions (id, user_id) values (gen_random_uuid(), :'holder');
select tests.authenticate_as(:'admin');
select is((public.update_role(:'sales_role', '{"capabilities": ["export_data"]}') ->> 'sessions_revoked')::integer, 1,
  'removing a capability ends the sessions of the role''s holders');

-- ---------------------------------------------------------------------------
-- delete_role
-- ---------------------------------------------------------------------------
select is(tests.error_of(format('select public.delete_role(%L)', :'viewer_role')) -> 'details', '{"field": "role", "rule": "builtin"}'::jsonb,
  'deny: built-in roles cannot be deleted');
select is(tests.error_of(format('select public.delete_role(%L)', :'sales_role')),
  '{"code": "FOCON", "message": "The role \"Sales\" is held by 1 member(s) and named by 0 pending invitation(s); give them other roles first.", "details": {"field": "role_id", "rule": "in_use"}, "hint": null}'::jsonb,
  'deny: a role held by a member is not deleted');
select public.set_member_roles(:'tenant', :'holder', array[:'viewer_role']::uuid[]) is not null as reassigned \gset
select public.invite_member(:'tenant', 'future-105@example.test', array[:'sales_role']::uuid[]) is not null as invited \gset
select is(tests.error_of(format('select public.delete_role(%L)', :'sales_role')) #>> '{details,rule}', 'in_use',
  'deny: nor one a pending invitation names');
select tests.clear_authentication();
update public.invitations set status = 'revoked', responded_at = now() where email = 'future-105@example.test';
select tests.authenticate_as(:'designer');
select is(public.delete_role(:'sales_role') ->> 'code', 'FODEN', 'deny: a designer cannot delete a role carrying capabilities they lack');
select tests.authenticate_as(:'admin');
select is(public.delete_role(:'sales_role') ->> 'deleted', 'true', 'allow: an Admin deletes a role nobody holds');
select tests.clear_authentication();
select is((select count(*) from public.roles where id = :'sales_role'), 0::bigint, 'the role is gone');
select is((select count(*) from public.roles where tenant_id = :'tenant' and builtin), 3::bigint, 'the built-in roles remain');

select * from finish();
rollback;
