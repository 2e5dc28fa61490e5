-- Rule: a tenant, its roles and its members are visible to its members only.
begin;
select plan(8);

select tests.create_user('owner-010@example.test') as owner \gset
select tests.create_user('stranger-010@example.test') as stranger \gset

select tests.authenticate_as(:'owner');
select (public.create_tenant('Acme 010', 'acme-010', 'UTC', 'en') ->> 'id') as tenant \gset

-- allow: the member sees the tenant, its three built-in roles, itself as member and its role
select is((select count(*) from public.tenants where id = :'tenant'), 1::bigint, 'a member sees its tenant');
select is((select count(*) from public.roles where tenant_id = :'tenant'), 3::bigint, 'a member sees the built-in roles');
select is((select count(*) from public.tenant_members where tenant_id = :'tenant'), 1::bigint, 'a member sees the members');
select is((select count(*) from public.member_roles where tenant_id = :'tenant'), 1::bigint, 'a member sees role grants');

-- deny: a signed-in non-member sees none of it
select tests.authenticate_as(:'stranger');
select is((select count(*) from public.tenants where id = :'tenant'), 0::bigint, 'a non-member does not see the tenant');
select is((select count(*) from public.roles where tenant_id = :'tenant'), 0::bigint, 'a non-member does not see its roles');
select is((select count(*) from public.tenant_members where tenant_id = :'tenant'), 0::bigint, 'a non-member does not see its members');

-- deny: anonymous callers see nothing
select tests.clear_authentication();
set local role anon;
select is((select count(*) from public.tenants), 0::bigint, 'anon sees no tenant');

select * from finish();
rollback;
