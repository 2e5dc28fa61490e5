-- Rule: remove_member needs manage_members and may not remove someone holding more than
-- the caller could grant (Admins only for Admins); leave_tenant is for oneself. Both end
-- the membership with its role grants and the user's sessions (the leaver keeps the
-- session making the request). Denials are audited and change nothing.
begin;
select plan(14);

select tests.create_user('admin-102@example.test') as admin \gset
select tests.create_user('admin2-102@example.test') as admin2 \gset
select tests.create_user('editor-102@example.test') as editor \gset
select tests.create_user('viewer-102@example.test') as viewer \gset
select tests.create_user('manager-102@example.test') as manager \gset
select tests.create_user('stranger-102@example.test') as stranger \gset

select tests.authenticate_as(:'admin');
select (public.create_tenant('Acme 102', 'acme-102', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
select id as admin_role from public.roles where tenant_id = :'tenant' and key = 'admin' \gset
select id as editor_role from public.roles where tenant_id = :'tenant' and key = 'editor' \gset
select id as viewer_role from public.roles where tenant_id = :'tenant' and key = 'viewer' \gset
insert into public.roles (tenant_id, key, name, capabilities) values (:'tenant', 'people_ops', 'People ops', '{manage_members}')
  returning id as people_ops_role \gset
insert into public.tenant_members (tenant_id, user_id)
  select :'tenant', u from unnest(array[:'admin2', :'editor', :'viewer', :'manager']::uuid[]) as u;
insert into public.member_roles (tenant_id, user_id, role_id) values
  (:'tenant', :'admin2', :'admin_role'), (:'tenant', :'editor', :'editor_role'), (:'tenant', :'viewer', :'viewer_role'),
  (:'tenant', :'manager', :'people_ops_role');
insert into auth.sessions (id, user_id) values (gen_random_uuid(), :'viewer'), (gen_random_uuid(), :'viewer'),
  ('20000000-0000-4000-8000-000000000102', :'editor'), (gen_random_uuid(), :'editor');

-- remove_member
select tests.authenticate_as(:'editor');
select is(public.remove_member(:'tenant', :'viewer') ->> 'code', 'FODEN', 'deny: an Editor cannot remove members');
select tests.authenticate_as(:'manager');
select is(public.remove_member(:'tenant', :'editor') ->> 'message',
  'Not allowed to remove member: you cannot grant or revoke a role carrying capabilities you do not hold (export_data, manage_automations, manage_blueprints, manage_flows, manage_pages, manage_sources).',
  'deny: a manager cannot remove a member holding capabilities they lack');
select is(public.remove_member(:'tenant', :'admin2') ->> 'code', 'FODEN', 'deny: a non-Admin cannot remove an Admin');
select is((public.remove_member(:'tenant', :'viewer') ->> 'sessions_revoked')::integer, 2, 'allow: a manager removes a Viewer, ending both sessions');
select is(tests.error_of(format('select public.remove_member(%L, %L)', :'tenant', :'stranger')) ->> 'code', 'FONF0', 'a non-member is not found');
select tests.clear_authentication();
select is((select count(*) from public.tenant_members where tenant_id = :'tenant' and user_id = :'viewer'), 0::bigint, 'the Viewer is no longer a member');
select is((select count(*) from public.member_roles where tenant_id = :'tenant' and user_id = :'viewer'), 0::bigint, 'their role grants went with the membership');
select is((select count(*) from auth.sessions where user_id = :'viewer'), 0::bigint, 'and their sessions');
select is((select count(*) from public.tenant_members where tenant_id = :'tenant' and user_id in (:'editor', :'admin2')), 2::bigint,
  'the refused removals changed nothing');
select is((select count(*) from audit.entries where action = 'remove_member' and outcome = 'denied' and tenant_id = :'tenant'), 3::bigint,
  'the three refused removals are audited');

-- leave_tenant
select count(*) - 1 as editor_other_sessions from auth.sessions where user_id = :'editor' \gset
select tests.authenticate_as(:'editor', '20000000-0000-4000-8000-000000000102');
select is((public.leave_tenant(:'tenant') ->> 'sessions_revoked')::integer, :'editor_other_sessions'::integer,
  'allow: an Editor leaves; their other sessions end');
select tests.clear_authentication();
select is(array(select id from auth.sessions where user_id = :'editor'), array['20000000-0000-4000-8000-000000000102'::uuid],
  'the session that asked to leave is kept');
select tests.authenticate_as(:'editor', '20000000-0000-4000-8000-000000000102');
select is((select count(*) from public.tenants where id = :'tenant'), 0::bigint, 'the leaver no longer sees the tenant');
select is(tests.error_of(format('select public.leave_tenant(%L)', :'tenant')) ->> 'code', 'FONF0', 'deny: leaving twice finds no tenant');

select * from finish();
rollback;
