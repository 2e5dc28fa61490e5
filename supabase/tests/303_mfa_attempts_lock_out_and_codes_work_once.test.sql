-- Rule: second-factor attempts. Five failures within 15 minutes lock the user until the
-- oldest leaves the window (a success resets the count); a TOTP step is accepted once (no
-- replay); a recovery code works once; only a live session of the same user can be
-- verified; disable removes factor, codes, verified sessions and secret. Every attempt is
-- audited. Each allow is paired with a deny.
begin;
select plan(30);

select tests.create_user('user-303@example.test') as usr \gset
select tests.create_user('other-303@example.test') as other \gset
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), :'usr', now()) returning id as s1 \gset
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), :'usr', now()) returning id as s2 \gset
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), :'other', now()) returning id as other_session \gset
select private.mfa_enroll(:'usr', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
select private.mfa_complete_attempt(:'usr', :'s1', 'activate', 'totp', 1000, null) as activation \gset

-- ---------------------------------------------------------------------------
-- Replay: a step is accepted once, and never an older one
-- ---------------------------------------------------------------------------
select is(private.mfa_complete_attempt(:'usr', :'s2', 'challenge', 'totp', 1000, null) ->> 'reason', 'code_already_used',
          'the step that activated cannot pass a challenge');
select is(private.mfa_complete_attempt(:'usr', :'s2', 'challenge', 'totp', 999, null) ->> 'reason', 'code_already_used',
          'an older step is refused too');
select is(private.mfa_complete_attempt(:'usr', :'s2', 'challenge', 'totp', 1001, null) ->> 'result', 'ok',
          'the next step passes');
select is((select method from private.mfa_verified_sessions where session_id = :'s2'), 'totp', 'and verifies that session');

-- ---------------------------------------------------------------------------
-- Sessions: only a live session of the same user
-- ---------------------------------------------------------------------------
select is(private.mfa_complete_attempt(:'usr', :'other_session', 'challenge', 'totp', 1002, null) ->> 'result', 'no_session',
          'another user''s session cannot be verified');
select is(private.mfa_complete_attempt(:'usr', gen_random_uuid(), 'challenge', 'totp', 1002, null) ->> 'result', 'no_session',
          'a session that does not exist cannot be verified');
select is((select count(*) from private.mfa_verified_sessions where session_id = :'other_session'), 0::bigint, 'nothing was marked');

-- ---------------------------------------------------------------------------
-- Recovery codes: once each, typed in any case and spacing
-- ---------------------------------------------------------------------------
select (:'activation'::jsonb -> 'recovery_codes' ->> 0) as rc0 \gset
select is(private.mfa_complete_attempt(:'usr', :'s2', 'challenge', 'recovery', null, upper(' ' || :'rc0' || ' ')) -> 'recovery_codes_left',
          '9'::jsonb, 'a recovery code passes once (upper case, spaces)');
select is(private.mfa_complete_attempt(:'usr', :'s2', 'challenge', 'recovery', null, :'rc0') ->> 'reason', 'wrong_recovery_code',
          'the same code fails the second time');
select is(tests.error_of(format('select private.mfa_complete_attempt(%L, %L, %L, %L, null, %L)', :'usr', :'s1', 'activate', 'recovery', :'rc0')) ->> 'code',
          'FOVAL', 'a recovery code cannot activate (refused as invalid input)');

-- ---------------------------------------------------------------------------
-- Confirm (step-up for another action): checks a code, changes nothing else
-- ---------------------------------------------------------------------------
select is(private.mfa_complete_attempt(:'usr', :'s1', 'confirm', 'totp', 1002, null) ->> 'result', 'ok', 'a right code confirms');
select is(private.mfa_complete_attempt(:'usr', :'s1', 'confirm', 'totp', 1002, null) ->> 'reason', 'code_already_used',
          'the same code cannot confirm twice');
select is((select status from private.mfa_factors where user_id = :'usr'), 'active', 'confirming leaves the factor as it was');
-- (the ok above reset the failure count; the refused confirm counts as one failure)

-- ---------------------------------------------------------------------------
-- Lockout: 5 failures in 15 minutes
-- ---------------------------------------------------------------------------
-- A success resets the count: one failure since (the refused confirm) + 3 = 4.
select private.mfa_complete_attempt(:'usr', :'s2', 'challenge', 'totp', null, null) from generate_series(1, 3);
select is(private.mfa_attempt_context(:'usr', 'challenge') ->> 'result', 'ready', 'four failures: the user may still try');
select is((private.mfa_complete_attempt(:'usr', :'s2', 'challenge', 'totp', null, null) ->> 'retry_after_seconds')::integer, 900,
          'the fifth failure locks for 15 minutes');
select is(private.mfa_attempt_context(:'usr', 'challenge') - 'locked_until',
          '{"result": "locked", "retry_after_seconds": 900}'::jsonb, 'while locked, the secret is not handed out');
select is(private.mfa_complete_attempt(:'usr', :'s2', 'challenge', 'totp', 1003, null) ->> 'result', 'locked',
          'while locked, even a right code is refused');
select is(private.mfa_complete_attempt(:'usr', :'s1', 'disable', 'recovery', null, :'activation'::jsonb -> 'recovery_codes' ->> 1) ->> 'result',
          'locked', 'while locked, a recovery code is refused and not used up');
select is((select count(*) from private.mfa_recovery_codes where user_id = :'usr' and used_at is null), 9::bigint,
          'the refused recovery code is still unused');
select is((select count(*) from private.mfa_attempts where user_id = :'usr' and outcome = 'locked'), 2::bigint,
          'refused attempts are recorded as locked (and do not extend the lockout)');

-- the lockout ends when the oldest counted failure leaves the window
update private.mfa_attempts set attempted_at = attempted_at - interval '14 minutes' where user_id = :'usr';
select is(private.mfa_attempt_context(:'usr', 'challenge') ->> 'result', 'locked', '14 minutes later: still locked');
update private.mfa_attempts set attempted_at = attempted_at - interval '1 minute' where user_id = :'usr';
select is(private.mfa_attempt_context(:'usr', 'challenge') ->> 'result', 'ready', '15 minutes later: unlocked');
select is((private.mfa_status(:'usr', :'s2') ->> 'failed_attempts')::integer, 0, 'the status shows no counted failure');

-- ---------------------------------------------------------------------------
-- Audit: every attempt, with outcome and reason, never a code
-- ---------------------------------------------------------------------------
select is((select count(*) from audit.entries where object_id = :'usr' and action = 'mfa.challenge' and outcome = 'failure'), 7::bigint,
          'failed attempts are audited as failure');
select is((select count(*) from audit.entries where object_id = :'usr' and action in ('mfa.challenge', 'mfa.disable') and outcome = 'denied'), 2::bigint,
          'attempts while locked are audited as denied');
select is((select count(*) from audit.entries where object_id = :'usr' and details::text like '%' || :'rc0' || '%'), 0::bigint,
          'no recovery code appears in the audit log');

-- ---------------------------------------------------------------------------
-- Disable: needs a valid factor; removes everything
-- ---------------------------------------------------------------------------
select secret_id as secret from private.mfa_factors where user_id = :'usr' \gset
select is(private.mfa_complete_attempt(:'usr', :'s1', 'disable', 'totp', null, null) ->> 'result', 'invalid', 'a wrong code does not disable');
select is(private.mfa_complete_attempt(:'usr', :'s1', 'disable', 'totp', 1010, null) ->> 'result', 'ok', 'a right code disables');
select is((select count(*) from private.mfa_factors where user_id = :'usr')
          + (select count(*) from private.mfa_recovery_codes where user_id = :'usr')
          + (select count(*) from private.mfa_verified_sessions where user_id = :'usr')
          + (select count(*) from vault.secrets where id = :'secret'), 0::bigint,
          'factor, recovery codes, verified sessions and secret are gone');
select is(private.mfa_attempt_context(:'usr', 'challenge') ->> 'result', 'no_factor', 'nothing is left to challenge');

select * from finish();
rollback;
