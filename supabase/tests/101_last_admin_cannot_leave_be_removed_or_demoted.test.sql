-- Rule: a tenant always keeps an Admin: its last Admin can neither leave, be removed nor
-- be demoted (409 FOCON, rule last_admin); with a second Admin each of these works.
begin;
select plan(10);

select tests.create_user('admin-101@example.test') as admin \gset
select tests.create_user('admin2-101@example.test') as admin2 \gset
select tests.create_user('editor-101@example.test') as editor \gset

select tests.authenticate_as(:'admin');
select (public.create_tenant('Acme 101', 'acme-101', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
select id as admin_role from public.roles where tenant_id = :'tenant' and key = 'admin' \gset
select id as editor_role from public.roles where tenant_id = :'tenant' and key = 'editor' \gset
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'editor');
insert into public.member_roles (tenant_id, user_id, role_id) values (:'tenant', :'editor', :'editor_role');

-- deny: the only Admin
select tests.authenticate_as(:'admin');
select is(tests.error_of(format('select public.leave_tenant(%L)', :'tenant')),
  '{"code": "FOCON", "message": "You are the last Admin of this tenant; make another member Admin before leaving, or delete the tenant.", "details": {"field": "tenant_id", "rule": "last_admin"}, "hint": null}'::jsonb,
  'deny: the last Admin cannot leave');
select is(tests.error_of(format('select public.set_member_roles(%L, %L, %L)', :'tenant', :'admin', array[:'editor_role']::uuid[])),
  '{"code": "FOCON", "message": "This is the last Admin of the tenant; make another member Admin first.", "details": {"field": "role_ids", "rule": "last_admin"}, "hint": null}'::jsonb,
  'deny: the last Admin cannot step down');
select is(tests.error_of(format('select public.remove_member(%L, %L)', :'tenant', :'admin')) #>> '{details,rule}', 'not_self',
  'deny: removing oneself is leaving, not removal');
select tests.clear_authentication();
select is((select count(*) from public.member_roles where tenant_id = :'tenant' and role_id = :'admin_role'), 1::bigint, 'the tenant still has its Admin');

-- with a second Admin
select tests.authenticate_as(:'admin');
select is(public.set_member_roles(:'tenant', :'editor', array[:'admin_role']::uuid[]) -> 'role_keys', '["admin"]'::jsonb,
  'the Admin promotes the Editor to Admin');
select is(public.set_member_roles(:'tenant', :'admin', array[:'editor_role']::uuid[]) -> 'role_keys', '["editor"]'::jsonb,
  'allow: now the first Admin may step down');
select tests.authenticate_as(:'editor');
select is(tests.error_of(format('select public.leave_tenant(%L)', :'tenant')) #>> '{details,rule}', 'last_admin',
  'deny: the new sole Admin cannot leave');
select is(public.set_member_roles(:'tenant', :'admin', array[:'admin_role']::uuid[]) -> 'role_keys', '["admin"]'::jsonb,
  'the new Admin makes the first one Admin again');
select is(public.leave_tenant(:'tenant') ->> 'left', 'true', 'allow: an Admin leaves while another Admin remains');
select tests.clear_authentication();
select is(array(select user_id from public.member_roles where tenant_id = :'tenant' and role_id = :'admin_role'), array[:'admin']::uuid[],
  'exactly one Admin is left');

select * from finish();
rollback;
