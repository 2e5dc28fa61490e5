-- Rule: the 2FA policy. Without an active factor a user is prompted for 30 days after
-- registration (deadline = registered_at + 30 days), then enroll_required; with an active
-- factor each session is challenge_required until it passes. private.session_is_trusted()
-- (read by every tenant policy) is true only in the states ok and prompt. Super admins get
-- no grace period. Each allow is paired with a deny.
begin;
select plan(20);

select tests.create_user('fresh-300@example.test') as fresh \gset
select tests.create_user('old-300@example.test', true, now() - interval '31 days') as old \gset
select tests.create_user('factor-300@example.test') as factor_user \gset
select tests.create_user('root-300@example.test') as root \gset
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), :'factor_user', now()) returning id as verified_session \gset
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), :'factor_user', now()) returning id as other_session \gset
select private.mfa_enroll(:'factor_user', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
select private.mfa_complete_attempt(:'factor_user', :'verified_session', 'activate', 'totp', 1000, null);
insert into private.super_admins (user_id) values (:'root');

-- prompt (allow) vs enroll_required (deny), decided by registered_at
select tests.authenticate_as(:'fresh');
select is(public.get_mfa_requirement() ->> 'state', 'prompt', 'a user registered today is prompted');
select is((public.get_mfa_requirement() ->> 'deadline')::timestamptz,
          (select registered_at + interval '30 days' from public.profiles where id = :'fresh'),
          'the deadline is 30 days after registration');
select ok(private.session_is_trusted(), 'a prompted user''s session is trusted');

select tests.authenticate_as(:'old');
select is(public.get_mfa_requirement() ->> 'state', 'enroll_required', 'a user registered 31 days ago without 2FA must enroll');
select ok(not private.session_is_trusted(), 'an enroll_required session is not trusted');
select ok((public.get_mfa_requirement() ->> 'deadline')::timestamptz < now(), 'the deadline has passed');

-- the boundary moves with profiles.registered_at (time travel)
select tests.clear_authentication();
update public.profiles set registered_at = now() - interval '29 days 23 hours' where id = :'old';
select tests.authenticate_as(:'old');
select is(public.get_mfa_requirement() ->> 'state', 'prompt', 'just inside 30 days: still prompted');
select tests.clear_authentication();
update public.profiles set registered_at = now() - interval '30 days' where id = :'old';
select tests.authenticate_as(:'old');
select is(public.get_mfa_requirement() ->> 'state', 'enroll_required', 'exactly 30 days: enrollment required');

-- a pending factor changes nothing; only an active one lifts enroll_required
select tests.clear_authentication();
select private.mfa_enroll(:'old', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
select tests.authenticate_as(:'old');
select is(public.get_mfa_requirement() - 'deadline' - 'grace_days',
          '{"state": "enroll_required", "factor": "pending", "session_verified": false}'::jsonb,
          'a pending (not yet activated) factor does not lift enroll_required');

-- active factor: the verified session is ok (allow), any other is challenge_required (deny)
select tests.authenticate_as(:'factor_user', :'verified_session');
select is(public.get_mfa_requirement() - 'grace_days',
          '{"state": "ok", "factor": "active", "deadline": null, "session_verified": true}'::jsonb,
          'the session that passed the second factor is ok');
select ok(private.session_is_trusted(), 'a verified session is trusted');
select tests.authenticate_as(:'factor_user', :'other_session');
select is(public.get_mfa_requirement() ->> 'state', 'challenge_required', 'another session of the same user must pass the challenge');
select ok(not private.session_is_trusted(), 'an unverified session is not trusted');
select tests.authenticate_as(:'factor_user', :'verified_session');
select set_config('request.jwt.claims', (auth.jwt() - 'session_id')::text, true);
select ok(not private.session_is_trusted(), 'a token without session_id is never a verified session');

-- super admins: no grace period
select tests.authenticate_as(:'root');
select is(public.get_mfa_requirement() ->> 'state', 'enroll_required', 'a super admin registered today must enroll at once');
select is((public.get_mfa_requirement() ->> 'grace_days')::integer, 0, 'super admins have no grace days');
select tests.clear_authentication();
delete from private.super_admins where user_id = :'root';
select tests.authenticate_as(:'root');
select is(public.get_mfa_requirement() ->> 'state', 'prompt', 'the same user without super admin rights is only prompted');

-- nobody signed in: not trusted, and the RPC is not for anonymous callers
select tests.clear_authentication();
select ok(not private.session_is_trusted(), 'no user: not trusted');
set local role anon;
select throws_ok('select public.get_mfa_requirement()', '42501', null, 'anon may not ask');
reset role;
select tests.authenticate_as_service_role();
select ok(not private.session_is_trusted(), 'the service role has no user session to trust');

select * from finish();
rollback;
