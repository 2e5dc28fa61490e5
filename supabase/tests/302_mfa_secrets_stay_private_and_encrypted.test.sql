-- Rule: 2FA secrets never reach the API. The TOTP secret lives in Vault, encrypted; the
-- factor tables and the functions that take a user id are for their owner (the mfa edge
-- function's connection) only; recovery codes are stored as bcrypt hashes; re-enrolling
-- replaces a pending secret, an active factor cannot be overwritten, and deleting the
-- factor or the user deletes the secret. Each allow is paired with a deny.
begin;
select plan(24);

select tests.create_user('owner-302@example.test') as owner \gset
insert into auth.sessions (id, user_id, created_at) values (gen_random_uuid(), :'owner', now()) returning id as session \gset

-- ---------------------------------------------------------------------------
-- Enrollment stores the secret encrypted in Vault
-- ---------------------------------------------------------------------------
select is(private.mfa_enroll(:'owner', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') ->> 'result', 'ok', 'enroll stores a pending factor');
select secret_id as first_secret from private.mfa_factors where user_id = :'owner' \gset
select is((select decrypted_secret from vault.decrypted_secrets where id = :'first_secret'), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          'Vault decrypts the stored secret');
select ok((select position('JBSWY3DP' in secret) = 0
                  and position(convert_to('JBSWY3DP', 'UTF8') in decode(secret, 'base64')) = 0
           from vault.secrets where id = :'first_secret'), 'the stored row holds no plain text (nor its bytes)');
select is(tests.error_of($$select private.mfa_enroll('$$ || :'owner' || $$', 'not-a-secret')$$) ->> 'code', 'FOVAL',
          'a secret that is not 160 bits of base32 is refused');

-- re-enrolling while pending replaces the secret and deletes the old one
select is(private.mfa_enroll(:'owner', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU') ->> 'replaced', 'true', 're-enrolling replaces the pending factor');
select is((select count(*) from vault.secrets where id = :'first_secret'), 0::bigint, 'the replaced secret is deleted from Vault');
select is((select decrypted_secret from vault.decrypted_secrets d join private.mfa_factors f on f.secret_id = d.id where f.user_id = :'owner'),
          'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU', 'the factor now points at the new secret');

-- once active, enrolling is refused and the secret stays
select private.mfa_complete_attempt(:'owner', :'session', 'activate', 'totp', 1000, null) as activation \gset
select secret_id as active_secret from private.mfa_factors where user_id = :'owner' \gset
select is(private.mfa_enroll(:'owner', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP') ->> 'result', 'already_active', 'an active factor is not overwritten');
select is((select secret_id from private.mfa_factors where user_id = :'owner'), :'active_secret'::uuid, 'the active secret is unchanged');

-- ---------------------------------------------------------------------------
-- Recovery codes: ten, shown once, stored as bcrypt hashes
-- ---------------------------------------------------------------------------
select is(jsonb_array_length(:'activation'::jsonb -> 'recovery_codes'), 10, 'activation returns ten recovery codes');
select is((select count(*) from private.mfa_recovery_codes where user_id = :'owner' and code_hash ~ '^\$2a\$08\$'), 10::bigint,
          'ten bcrypt hashes are stored');
select is((select count(*) from private.mfa_recovery_codes r, jsonb_array_elements_text(:'activation'::jsonb -> 'recovery_codes') c
           where r.code_hash like '%' || replace(c, '-', '') || '%'), 0::bigint, 'no stored hash contains a plain code');
select is((select count(distinct code_hash) from private.mfa_recovery_codes where user_id = :'owner'), 10::bigint,
          'every code has its own salt');

-- ---------------------------------------------------------------------------
-- API roles reach none of it (deny); the owner does (allow)
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'owner', :'session');
select throws_ok('select * from private.mfa_factors', '42501', null, 'a user cannot read factors, not even their own');
select throws_ok('select * from private.mfa_recovery_codes', '42501', null, 'a user cannot read recovery code hashes');
select throws_ok(format('select private.mfa_attempt_context(%L, %L)', :'owner', 'challenge'), '42501', null,
                 'a user cannot call the function that returns the secret');
select throws_ok(format('select private.mfa_complete_attempt(%L, %L, %L, %L, 1001, null)', :'owner', :'session', 'challenge', 'totp'),
                 '42501', null, 'a user cannot mark a session verified without the function');
select throws_ok(format('select private.mfa_requirement_for(%L, null)', :'owner'), '42501', null,
                 'a user cannot ask for another user''s state by id');
select throws_ok('select * from vault.decrypted_secrets', '42501', null, 'a user cannot read Vault');
select tests.authenticate_as_service_role();
select throws_ok('select * from private.mfa_factors', '42501', null, 'the service role cannot read factors through the API either');
select throws_ok(format('select private.mfa_attempt_context(%L, %L)', :'owner', 'challenge'), '42501', null,
                 'the service role cannot call the secret-returning function');
select tests.clear_authentication();
select is(private.mfa_attempt_context(:'owner', 'challenge') ->> 'secret', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
          'the owner (the mfa function''s connection) gets the secret to check a code');

-- ---------------------------------------------------------------------------
-- Deleting the user (account deletion) deletes factor, codes and the Vault secret
-- ---------------------------------------------------------------------------
delete from auth.users where id = :'owner';
select is((select count(*) from private.mfa_factors where user_id = :'owner')
          + (select count(*) from private.mfa_recovery_codes where user_id = :'owner'), 0::bigint,
          'the user''s factor and recovery codes are gone with the user');
select is((select count(*) from vault.secrets where id = :'active_secret'), 0::bigint, 'so is the TOTP secret in Vault');

select * from finish();
rollback;
