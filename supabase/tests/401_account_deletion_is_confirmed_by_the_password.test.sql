-- Rule: a self-service deletion is confirmed by the user's password, checked server-side
-- against auth.users (bcrypt as GoTrue ($2a$) and other implementations ($2b$) write it);
-- five wrong passwords within 15 minutes lock it; refusals are returned (not raised) so the
-- attempt and its audit entry are kept.
begin;
select plan(16);

select tests.create_user('ann-401@example.test') as ann \gset
select tests.create_user('oauth-401@example.test') as oauth \gset
-- GoTrue's format, and the $2b$ a Node implementation (bcryptjs) writes for "correct-horse-battery-9".
update auth.users set encrypted_password = extensions.crypt('s3cret-pass', extensions.gen_salt('bf', 4)) where id = :'ann';

select ok(private.user_password_matches(:'ann', 's3cret-pass'), 'allow: the right password ($2a$)');
select ok(not private.user_password_matches(:'ann', 's3cret-pasS'), 'deny: a wrong password');
select ok(not private.user_password_matches(:'ann', repeat('s', 73)), 'deny: over 72 bytes (bcrypt would truncate)');
update auth.users set encrypted_password = '$2b$10$MTcbDkZ3Z5ytlYiu9Uqr2ugWNPNYrMZWbno7Z6JA0B1Ra.a/tW8Pu' where id = :'oauth';
select ok(private.user_password_matches(:'oauth', 'correct-horse-battery-9'), 'allow: the right password ($2b$)');
select ok(not private.user_password_matches(:'oauth', 'correct-horse-battery-8'), 'deny: a wrong one against $2b$');
update auth.users set encrypted_password = '' where id = :'oauth';
select ok(not private.user_password_matches(:'oauth', ''), 'deny: an account without a password matches nothing');

select set_config('request.jwt.claims', json_build_object('sub', :'oauth', 'role', 'authenticated')::text, true);
select is(private.check_account_deletion(:'oauth', 'anything'), '{"result": "no_password"}'::jsonb,
  'deny: a provider-only account must set a password first');

select set_config('request.jwt.claims', json_build_object('sub', :'ann', 'role', 'authenticated')::text, true);
select is(private.check_account_deletion(:'ann', 'wrong-1') - 'locked_until' - 'retry_after_seconds',
  '{"result": "invalid_password", "attempts_left": 4}'::jsonb, 'deny: a wrong password, 4 attempts left');
select private.check_account_deletion(:'ann', 'wrong-' || n) from generate_series(2, 4) as n;
select is(private.check_account_deletion(:'ann', 'wrong-5') ->> 'attempts_left', '0', 'the fifth wrong password leaves none');
select is(private.check_account_deletion(:'ann', 's3cret-pass') ->> 'result', 'locked', 'deny: even the right password while locked');
select is((select count(*) from audit.entries where actor_id = :'ann' and action = 'delete_account' and outcome = 'failure'
           and details ->> 'reason' = 'wrong_password'), 5::bigint, 'every wrong password is audited');

update private.account_deletion_attempts set attempted_at = attempted_at - interval '16 minutes' where user_id = :'ann';
select is(private.check_account_deletion(:'ann', 's3cret-pass'), '{"result": "ready", "mfa_required": false}'::jsonb,
  'allow: the right password once the lockout passed');
select is(private.check_account_deletion(:'ann', 'wrong-6') ->> 'attempts_left', '4', 'a right password resets the count');

-- With 2FA active, the check says a code is needed (the edge function then verifies it).
select private.mfa_enroll(:'ann', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
update private.mfa_factors set status = 'active', activated_at = now() where user_id = :'ann';
select is(private.check_account_deletion(:'ann', 's3cret-pass'), '{"result": "ready", "mfa_required": true}'::jsonb,
  'with 2FA on, the password alone is not enough');

-- The preview: a session that owes its 2FA challenge learns nothing; a user the policy locks
-- out for lack of 2FA (past the 30 days) may still see what deleting their account does.
select tests.authenticate_as(:'ann');
select is(tests.error_of('select public.get_account_deletion_preview()') #>> '{details,rule}', 'mfa_challenge',
  'deny: the preview before this session''s 2FA challenge');
select tests.clear_authentication();
select tests.create_user('late-401@example.test', true, now() - interval '40 days') as late \gset
select tests.authenticate_as(:'late');
select is(public.get_account_deletion_preview() ->> 'can_delete', 'true', 'allow: the preview for a user past the 2FA deadline');
select tests.clear_authentication();

select * from finish();
rollback;
