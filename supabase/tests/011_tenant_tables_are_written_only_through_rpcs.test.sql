-- Rule: API roles cannot write tenants, roles, memberships or role grants directly;
-- every change goes through an RPC that checks authorization first.
begin;
select plan(9);

select tests.create_user('owner-011@example.test') as owner \gset
select tests.authenticate_as(:'owner');
select (public.create_tenant('Acme 011', 'acme-011', 'UTC', 'en') ->> 'id') as tenant \gset
select id as viewer_role from public.roles where tenant_id = :'tenant' and key = 'viewer' \gset

-- allow: the RPC path works for the Admin
select is((public.update_tenant(:'tenant', '{"name": "Acme Renamed"}') ->> 'name'), 'Acme Renamed', 'an Admin renames the tenant through the RPC');

-- deny: even the Admin cannot write the tables directly
select throws_ok(format('insert into public.tenants (name, slug) values (%L, %L)', 'Direct', 'direct-011'), '42501', null, 'no direct insert into tenants');
select throws_ok(format('update public.tenants set name = %L where id = %L', 'Hacked', :'tenant'), '42501', null, 'no direct update of tenants');
select throws_ok(format('delete from public.tenants where id = %L', :'tenant'), '42501', null, 'no direct delete of tenants');
select throws_ok(format('update public.roles set capabilities = %L where tenant_id = %L', '{manage_members}', :'tenant'), '42501', null, 'no direct update of roles');
select throws_ok(format('insert into public.tenant_members (tenant_id, user_id) values (%L, %L)', :'tenant', :'owner'), '42501', null, 'no direct insert into tenant_members');
select throws_ok(format('insert into public.member_roles (tenant_id, user_id, role_id) values (%L, %L, %L)', :'tenant', :'owner', :'viewer_role'), '42501', null, 'no direct insert into member_roles');
select throws_ok(format('delete from public.member_roles where tenant_id = %L', :'tenant'), '42501', null, 'no direct delete from member_roles');
select throws_ok(format('update public.profiles set email = %L', 'x@example.test'), '42501', null, 'profile emails come only from auth');

select * from finish();
rollback;
