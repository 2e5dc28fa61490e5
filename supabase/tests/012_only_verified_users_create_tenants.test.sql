-- Rule: only users with a confirmed email create tenants; a refused attempt is audited.
begin;
select plan(5);

select tests.create_user('verified-012@example.test', true) as verified \gset
select tests.create_user('unverified-012@example.test', false) as unverified \gset

-- allow
select tests.authenticate_as(:'verified');
select ok(public.create_tenant('Verified 012', null, 'Europe/Berlin', 'de') ? 'id', 'a verified user creates a tenant');
select is((select r.key from public.member_roles mr join public.roles r on r.id = mr.role_id
           where mr.user_id = :'verified'), 'admin', 'the creator becomes its Admin');

-- deny
select tests.authenticate_as(:'unverified');
select is(public.create_tenant('Unverified 012', null, 'UTC', 'en') ->> 'code', 'FODEN', 'an unverified user is refused');
select is(current_setting('response.status', true), '403', 'the refusal answers HTTP 403');
select tests.clear_authentication();
select is((select count(*) from public.tenants where name = 'Unverified 012'), 0::bigint, 'no tenant was created for the unverified user');

select * from finish();
rollback;
