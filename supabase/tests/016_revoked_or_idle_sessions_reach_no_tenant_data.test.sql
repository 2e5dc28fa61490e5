-- Rule: tenant access needs a live session on every path, not only through PostgREST's
-- pre-request check: a revoked or idle session's unexpired token reaches no tenant data.
begin;
select plan(6);

select tests.create_user('owner-016@example.test') as owner \gset
select gen_random_uuid() as live_session \gset
select tests.authenticate_as(:'owner', :'live_session');
select (public.create_tenant('Acme 016', 'acme-016', 'UTC', 'en') ->> 'id') as tenant \gset
select public.update_tenant(:'tenant', '{"session_timeout_minutes": 30}') is not null as updated \gset

-- allow: a live, recently active session
select is((select count(*) from public.tenants where id = :'tenant'), 1::bigint, 'a live session reaches the tenant');
select ok(private.has_capability(:'tenant', 'manage_settings'), 'a live session holds its capabilities');

-- deny: the same token after its session became idle past the tenant's timeout
select tests.clear_authentication();
insert into private.session_activity (session_id, user_id, last_seen_at) values (:'live_session', :'owner', now() - interval '31 minutes');
select tests.authenticate_as(:'owner', :'live_session');
select is((select count(*) from public.tenants where id = :'tenant'), 0::bigint, 'an idle session reaches nothing');
select ok(not private.has_capability(:'tenant', 'manage_settings'), 'an idle session holds no capability');

-- deny: the same token after its session was revoked
select tests.clear_authentication();
update private.session_activity set last_seen_at = now() where session_id = :'live_session';
delete from auth.sessions where id = :'live_session';
select set_config('request.jwt.claims', jsonb_build_object('sub', :'owner', 'role', 'authenticated', 'session_id', :'live_session')::text, true);
set local role authenticated;
select is((select count(*) from public.tenants where id = :'tenant'), 0::bigint, 'a revoked session reaches nothing');
select ok(not private.has_role_on_tenant(:'tenant', 'admin'), 'a revoked session holds no role');

select * from finish();
rollback;
