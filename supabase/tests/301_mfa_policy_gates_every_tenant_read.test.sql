-- Rule: the 2FA policy is enforced by RLS. A member past the 30-day deadline without 2FA,
-- or in a session that has not passed its challenge, reads nothing from any tenant table
-- and holds no role or capability; the same member in a trusted session reads all of it.
begin;
select plan(16);

select tests.create_user('member-301@example.test') as member \gset
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), :'member', now()) returning id as first_session \gset
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), :'member', now()) returning id as second_session \gset

select tests.authenticate_as(:'member', :'first_session');
select (public.create_tenant('Acme 301', 'acme-301', 'UTC', 'en') ->> 'id') as tenant \gset

-- allow: prompted (inside the grace period), the member reads and holds roles
select is((select count(*) from public.tenants where id = :'tenant'), 1::bigint, 'prompted: the member sees the tenant');
select is((select count(*) from public.tenant_members where tenant_id = :'tenant'), 1::bigint, 'prompted: the member sees the members');
select ok(private.has_capability(:'tenant', 'manage_settings'), 'prompted: the Admin holds its capabilities');

-- deny: past the deadline without 2FA, nothing
select tests.clear_authentication();
update public.profiles set registered_at = now() - interval '31 days' where id = :'member';
select tests.authenticate_as(:'member', :'first_session');
select is((select count(*) from public.tenants where id = :'tenant'), 0::bigint, 'enroll_required: the tenant is hidden');
select is((select count(*) from public.roles where tenant_id = :'tenant'), 0::bigint, 'enroll_required: its roles are hidden');
select is((select count(*) from public.tenant_members where tenant_id = :'tenant'), 0::bigint, 'enroll_required: its members are hidden');
select is((select count(*) from public.member_roles where tenant_id = :'tenant'), 0::bigint, 'enroll_required: role grants are hidden');
select is((select count(*) from private.tenant_ids_for_user()), 0::bigint, 'enroll_required: no tenant to act in');
select ok(not private.has_capability(:'tenant', 'manage_settings'), 'enroll_required: no capability');
select ok(not private.has_role_on_tenant(:'tenant', 'admin'), 'enroll_required: no role');

-- allow: activating 2FA in this session lifts the block for it
select tests.clear_authentication();
select private.mfa_enroll(:'member', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
select private.mfa_complete_attempt(:'member', :'first_session', 'activate', 'totp', 1000, null);
select tests.authenticate_as(:'member', :'first_session');
select is((select count(*) from public.tenants where id = :'tenant'), 1::bigint, '2FA active, session verified: the tenant is back');
select ok(private.has_role_on_tenant(:'tenant', 'admin'), '2FA active, session verified: the Admin role is back');

-- deny: another session of the same member, not yet challenged
select tests.authenticate_as(:'member', :'second_session');
select is((select count(*) from public.tenants where id = :'tenant'), 0::bigint, 'challenge_required: the tenant is hidden');
select is((select count(*) from public.tenant_members where tenant_id = :'tenant'), 0::bigint, 'challenge_required: members are hidden');

-- allow: after the challenge, that session reads too
select tests.clear_authentication();
select private.mfa_complete_attempt(:'member', :'second_session', 'challenge', 'totp', 1001, null);
select tests.authenticate_as(:'member', :'second_session');
select is((select count(*) from public.tenants where id = :'tenant'), 1::bigint, 'challenge passed: the tenant is visible');

-- deny: signing out that session (its auth.sessions row goes) ends its verification
select tests.clear_authentication();
delete from auth.sessions where id = :'second_session';
select is((select count(*) from private.mfa_verified_sessions where session_id = :'second_session'), 0::bigint,
          'the verification is gone with the session');

select * from finish();
rollback;
