-- Rule: the access token hook adds compact tenant roles and capability masks and the
-- super-admin flag; only the auth server may call it.
begin;
select plan(5);

select tests.create_user('owner-015@example.test') as owner \gset
select tests.authenticate_as(:'owner');
select (public.create_tenant('Acme 015', 'acme-015', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();

set local role supabase_auth_admin;
select public.custom_access_token_hook(jsonb_build_object('user_id', :'owner', 'claims', jsonb_build_object('sub', :'owner', 'role', 'authenticated'), 'authentication_method', 'password')) as out \gset
reset role;

select is((:'out'::jsonb) #> array['claims', 'tenants', :'tenant', 'r'], '["admin"]'::jsonb, 'roles of the tenant are in the token');
select is((:'out'::jsonb) #>> array['claims', 'tenants', :'tenant', 'c'], '1023', 'the Admin capability mask has all ten bits');
select is((:'out'::jsonb) #>> '{claims,super_admin}', 'false', 'the super-admin flag is present and false');
select is((:'out'::jsonb) #>> '{claims,role}', 'authenticated', 'existing claims are kept');

-- deny: a user cannot call the hook (it would reveal anyone's roles)
select tests.authenticate_as(:'owner');
select throws_ok(format('select public.custom_access_token_hook(%L)', jsonb_build_object('user_id', :'owner', 'claims', '{}'::jsonb)), '42501', null,
  'signed-in users cannot call the hook');

select * from finish();
rollback;
