-- Rule: PostgREST's pre-request check judges the session once and the access checks of
-- the same request reuse that verdict, but only for the exact claims it judged, only
-- while nothing it rests on changes, and never a refusal.
begin;
select plan(12);

select tests.create_user('owner-019@example.test') as owner \gset
select tests.create_user('late-019@example.test', true, now() - interval '40 days') as late \gset
select gen_random_uuid() as s1 \gset
select gen_random_uuid() as s2 \gset
select tests.authenticate_as(:'owner', :'s1');
select (public.create_tenant('Acme 019', 'acme-019', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
-- The late user (registered 40 days ago, no 2FA) is a member too: only 2FA enrollment is open to them.
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'late');

-- allow: a live session's request keeps its verdict and reaches its tenant
select tests.authenticate_as(:'owner', :'s1');
select set_config('request.method', 'GET', true);
select private.check_request();
select is(current_setting('flexoffice.session_verdict', true), current_setting('request.jwt.claims', true),
  'the pre-request check keeps its verdict for the claims it judged');
select is((select count(*) from public.tenants where id = :'tenant'), 1::bigint, 'the request reaches its tenant');
select ok(private.has_capability(:'tenant', 'manage_settings'), 'and holds its capabilities');

-- deny: the verdict does not carry over to other claims in the same transaction
select set_config('request.jwt.claims', jsonb_build_object('sub', :'owner', 'role', 'authenticated',
  'session_id', :'s2', 'aal', 'aal1')::text, true);
select ok(not private.session_allows_access(), 'another session (never signed in) is judged afresh and refused');
select is((select count(*) from public.tenants where id = :'tenant'), 0::bigint, 'and reaches nothing');

-- deny: revoking the session mid-request drops the verdict
select tests.authenticate_as(:'owner', :'s1');
select private.check_request();
reset role;
delete from auth.sessions where id = :'s1';
set local role authenticated;
select is(current_setting('flexoffice.session_verdict', true), '', 'revoking a session drops the verdict');
select ok(not private.has_capability(:'tenant', 'manage_settings'), 'the revoked session holds no capability in the same request');
select is((select count(*) from public.tenants where id = :'tenant'), 0::bigint, 'and reads no tenant');

-- deny: a session the 2FA policy does not trust gets no verdict (refusals are never kept)
select tests.authenticate_as(:'late');
select private.check_request();
select is(coalesce(current_setting('flexoffice.session_verdict', true), ''), '', 'an untrusted session leaves no verdict');
select is((select count(*) from public.tenants where id = :'tenant'), 0::bigint, 'and reads no tenant');

-- deny: an idle session is refused by the check itself and leaves no verdict
select tests.authenticate_as(:'owner', :'s2');
reset role;
insert into private.session_activity (session_id, user_id, last_seen_at) values (:'s2', :'owner', now() - interval '2 days');
update public.tenants set session_timeout_minutes = 30 where id = :'tenant';
set local role authenticated;
select is(tests.error_of('select private.check_request()') #>> '{details,rule}', 'session_inactivity',
  'an idle session is refused before anything runs');
select is(coalesce(current_setting('flexoffice.session_verdict', true), ''), '', 'and leaves no verdict');

select * from finish();
rollback;
