-- Rule: every tenant has admin, editor and viewer built-in roles that nobody edits or deletes,
-- not even the table owner; they go only with their tenant.
begin;
select plan(5);

select tests.create_user('owner-014@example.test') as owner \gset
select tests.authenticate_as(:'owner');
select (public.create_tenant('Acme 014', 'acme-014', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();

select results_eq(format('select key from public.roles where tenant_id = %L and builtin order by key', :'tenant'),
  array['admin', 'editor', 'viewer'], 'a new tenant has the three built-in roles');
select throws_like(format('update public.roles set capabilities = %L where tenant_id = %L and key = %L', '{}', :'tenant', 'admin'),
  '%built-in role%cannot be changed%', 'even the owner cannot change a built-in role');
select throws_like(format('delete from public.roles where tenant_id = %L and key = %L', :'tenant', 'viewer'),
  '%built-in role%cannot be deleted%', 'even the owner cannot delete a built-in role');

-- allow: deleting the tenant takes its roles with it
select lives_ok(format('delete from public.tenants where id = %L', :'tenant'), 'deleting the tenant deletes its built-in roles');
select is((select count(*) from public.roles where tenant_id = :'tenant'), 0::bigint, 'no role is left behind');

select * from finish();
rollback;
