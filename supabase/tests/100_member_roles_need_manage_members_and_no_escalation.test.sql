-- Rule: set_member_roles needs manage_members; nobody grants or revokes a role carrying
-- capabilities they lack (Admins excepted); only Admins touch the Admin role; members do
-- not change their own roles (except an Admin stepping down); denials are audited; losing
-- a role ends the member's sessions, gaining one does not.
begin;
select plan(23);

select tests.create_user('admin-100@example.test') as admin \gset
select tests.create_user('admin2-100@example.test') as admin2 \gset
select tests.create_user('editor-100@example.test') as editor \gset
select tests.create_user('viewer-100@example.test') as viewer \gset
select tests.create_user('manager-100@example.test') as manager \gset
select tests.create_user('target-100@example.test') as target \gset
select tests.create_user('outsider-100@example.test') as outsider \gset

select tests.authenticate_as(:'admin');
select (public.create_tenant('Acme 100', 'acme-100', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.authenticate_as(:'outsider');
select (public.create_tenant('Other 100', 'other-100', 'UTC', 'en') ->> 'id') as other_tenant \gset
select tests.clear_authentication();

select id as admin_role from public.roles where tenant_id = :'tenant' and key = 'admin' \gset
select id as editor_role from public.roles where tenant_id = :'tenant' and key = 'editor' \gset
select id as viewer_role from public.roles where tenant_id = :'tenant' and key = 'viewer' \gset
select id as other_viewer_role from public.roles where tenant_id = :'other_tenant' and key = 'viewer' \gset
insert into public.roles (tenant_id, key, name, capabilities) values (:'tenant', 'people_ops', 'People ops', '{manage_members}')
  returning id as people_ops_role \gset

insert into public.tenant_members (tenant_id, user_id)
  select :'tenant', u from unnest(array[:'admin2', :'editor', :'viewer', :'manager', :'target']::uuid[]) as u;
insert into public.member_roles (tenant_id, user_id, role_id) values
  (:'tenant', :'admin2', :'admin_role'), (:'tenant', :'editor', :'editor_role'), (:'tenant', :'viewer', :'viewer_role'),
  (:'tenant', :'manager', :'people_ops_role'), (:'tenant', :'target', :'viewer_role');
insert into auth.sessions (id, user_id) values (gen_random_uuid(), :'target'), (gen_random_uuid(), :'target');

-- ---------------------------------------------------------------------------
-- manage_members is needed
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select is(public.set_member_roles(:'tenant', :'target', array[:'viewer_role', :'people_ops_role']::uuid[]) -> 'role_keys',
  '["people_ops", "viewer"]'::jsonb, 'allow: an Admin adds a role to a member');
select tests.clear_authentication();
select is((select count(*) from auth.sessions where user_id = :'target'), 2::bigint, 'gaining a role keeps the member''s sessions');

select tests.authenticate_as(:'viewer');
select is(public.set_member_roles(:'tenant', :'target', array[:'viewer_role']::uuid[]) ->> 'code', 'FODEN',
  'deny: a Viewer cannot change roles');
select tests.authenticate_as(:'editor');
select is(public.set_member_roles(:'tenant', :'editor', array[:'admin_role']::uuid[]) ->> 'code', 'FODEN',
  'deny: an Editor cannot grant itself Admin');
select tests.clear_authentication();
select is((select array_agg(role_id) from public.member_roles where tenant_id = :'tenant' and user_id = :'editor'), array[:'editor_role']::uuid[],
  'the Editor is still only an Editor');
select is((select details ->> 'reason' from audit.entries where action = 'set_member_roles' and outcome = 'denied' and actor_id = :'editor'),
  'this needs the manage_members capability', 'the Editor''s attempt is audited as denied');

-- ---------------------------------------------------------------------------
-- No escalation through grants (a non-Admin manager holding only manage_members)
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'manager');
select is(public.set_member_roles(:'tenant', :'viewer', array[:'viewer_role', :'people_ops_role']::uuid[]) -> 'role_keys',
  '["people_ops", "viewer"]'::jsonb, 'allow: a manager grants a role within their own capabilities');
select is(public.set_member_roles(:'tenant', :'viewer', array[:'editor_role']::uuid[]) ->> 'message',
  'Not allowed to set member roles: you cannot grant or revoke a role carrying capabilities you do not hold (export_data, manage_automations, manage_blueprints, manage_flows, manage_pages, manage_sources).',
  'deny: a manager cannot grant Editor, whose capabilities they lack');
select is(public.set_member_roles(:'tenant', :'editor', array[:'viewer_role']::uuid[]) ->> 'code', 'FODEN',
  'deny: nor revoke Editor from someone');
select is(public.set_member_roles(:'tenant', :'viewer', array[:'admin_role']::uuid[]) ->> 'message',
  'Not allowed to set member roles: only an Admin may grant or revoke the Admin role.', 'deny: only Admins grant Admin');
select is(public.set_member_roles(:'tenant', :'manager', array[:'people_ops_role', :'viewer_role']::uuid[]) ->> 'message',
  'Not allowed to set member roles: you cannot change your own roles (an Admin may only step down while another Admin remains).',
  'deny: a member cannot change their own roles');
select tests.clear_authentication();
select is((select count(*) from audit.entries where action = 'set_member_roles' and outcome = 'denied' and actor_id = :'manager'), 4::bigint,
  'every refused escalation by the manager is audited');

-- ---------------------------------------------------------------------------
-- Validation
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select is(tests.error_of(format('select public.set_member_roles(%L, %L, %L)', :'tenant', :'target', '{}')) #>> '{details,rule}', 'required',
  'a member keeps at least one role');
select is(tests.error_of(format('select public.set_member_roles(%L, %L, %L)', :'tenant', :'target', array[:'other_viewer_role']::uuid[])),
  '{"code": "FOVAL", "message": "Every role must be a role of this tenant.", "details": {"field": "role_ids", "rule": "exists"}, "hint": null}'::jsonb,
  'a role of another tenant is refused');
select is(tests.error_of(format('select public.set_member_roles(%L, %L, %L)', :'tenant', :'outsider', array[:'viewer_role']::uuid[])) ->> 'code', 'FONF0',
  'a non-member is not found');

-- ---------------------------------------------------------------------------
-- Losing a role ends the member's sessions
-- ---------------------------------------------------------------------------
select is((public.set_member_roles(:'tenant', :'target', array[:'viewer_role']::uuid[]) ->> 'sessions_revoked')::integer, 2,
  'allow: an Admin removes a role; both of the member''s sessions are revoked');
select tests.clear_authentication();
select is((select count(*) from auth.sessions where user_id = :'target'), 0::bigint, 'the member has no session left');
select is((select details from audit.entries where action = 'revoke_sessions' and object_id = :'target'),
  '{"reason": "roles_changed", "sessions": 2, "kept_current_session": false}'::jsonb, 'the revocation is audited');

-- ---------------------------------------------------------------------------
-- An Admin may step down while another Admin remains (keeping the current session)
-- ---------------------------------------------------------------------------
insert into auth.sessions (id, user_id) values ('10000000-0000-4000-8000-000000000100', :'admin'), (gen_random_uuid(), :'admin');
select tests.authenticate_as(:'admin', '10000000-0000-4000-8000-000000000100');
select is(public.set_member_roles(:'tenant', :'admin', array[:'admin_role', :'editor_role']::uuid[]) ->> 'code', 'FODEN',
  'deny: an Admin cannot add roles to themself');
select is(public.set_member_roles(:'tenant', :'admin', array[:'editor_role']::uuid[]) -> 'role_keys', '["editor"]'::jsonb,
  'allow: an Admin steps down to Editor while another Admin remains');
select tests.clear_authentication();
select is(array(select id from auth.sessions where user_id = :'admin'), array['10000000-0000-4000-8000-000000000100'::uuid],
  'stepping down ends the other sessions and keeps the one making the request');
select tests.authenticate_as(:'admin');
select is(public.set_member_roles(:'tenant', :'admin', array[:'admin_role']::uuid[]) ->> 'code', 'FODEN',
  'deny: the former Admin cannot take Admin back (authorization reads live roles)');

-- the other Admin can
select tests.authenticate_as(:'admin2');
select is(public.set_member_roles(:'tenant', :'admin', array[:'admin_role']::uuid[]) -> 'role_keys', '["admin"]'::jsonb,
  'allow: another Admin makes them Admin again');

select * from finish();
rollback;
