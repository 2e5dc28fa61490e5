-- Rule: auth events reach the audit log (platform chain). What GoTrue writes to
-- auth.audit_log_entries is copied by a trigger (sign-in, sign-out, password
-- change, ...; token refreshes are not); failed sign-ins, which GoTrue does not log,
-- are recorded by the password_verification_attempt hook, which never blocks.
begin;
select plan(15);

select tests.create_user('signer-204@example.test') as signer \gset

-- GoTrue writes its entries as supabase_auth_admin; so does this test.
set local role supabase_auth_admin;
insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address)
values
  ('00000000-0000-0000-0000-000000000000', gen_random_uuid(),
   json_build_object('actor_id', :'signer', 'actor_username', 'signer-204@example.test', 'action', 'login', 'log_type', 'account',
                     'traits', json_build_object('provider', 'email')), now(), '198.51.100.4'),
  ('00000000-0000-0000-0000-000000000000', gen_random_uuid(),
   json_build_object('actor_id', :'signer', 'actor_username', 'signer-204@example.test', 'action', 'token_refreshed', 'log_type', 'token'), now(), ''),
  ('00000000-0000-0000-0000-000000000000', gen_random_uuid(),
   json_build_object('actor_id', :'signer', 'actor_username', 'signer-204@example.test', 'action', 'user_updated_password', 'log_type', 'user'), now(), ''),
  ('00000000-0000-0000-0000-000000000000', gen_random_uuid(),
   json_build_object('actor_id', :'signer', 'actor_username', 'signer-204@example.test', 'action', 'logout', 'log_type', 'account'), now(), 'not-an-ip'),
  ('00000000-0000-0000-0000-000000000000', gen_random_uuid(),
   json_build_object('actor_id', '00000000-0000-0000-0000-000000000000', 'actor_username', 'service_role', 'action', 'user_modified', 'log_type', 'user',
                     'traits', json_build_object('user_id', :'signer', 'user_email', 'signer-204@example.test')), now(), '');
reset role;

-- allow: the account events are copied
select is(
  (select array_agg(action order by id) from audit.entries where tenant_id is null and object_id = :'signer'),
  array['auth.sign_in', 'auth.password_change', 'auth.sign_out', 'auth.user_modified'],
  'sign-in, password change, sign-out and admin changes are copied, in order'
);
-- deny: housekeeping is not
select is((select count(*)::integer from audit.entries where tenant_id is null and details ->> 'gotrue_action' = 'token_refreshed'
             and object_id = :'signer'), 0, 'token refreshes are not copied');

select is((select host(ip) from audit.entries where object_id = :'signer' and action = 'auth.sign_in'), '198.51.100.4', 'GoTrue''s IP is kept');
select is((select actor_email from audit.entries where object_id = :'signer' and action = 'auth.sign_in'), 'signer-204@example.test',
  'the signed-in user is the actor');
select ok((select ip is null from audit.entries where object_id = :'signer' and action = 'auth.sign_out'), 'an unparsable IP is dropped, not fatal');
select is((select jsonb_build_array(actor_id, details ->> 'role', details -> 'traits') from audit.entries where object_id = :'signer' and action = 'auth.user_modified'),
  jsonb_build_array(null, 'service_role', jsonb_build_object('user_id', :'signer')),
  'an admin change has no user actor, names the role, and keeps no copy of the email');

-- Failed sign-ins through GoTrue's password verification hook
set local role supabase_auth_admin;
select public.password_verification_attempt_hook(jsonb_build_object('user_id', :'signer', 'valid', false,
  'metadata', jsonb_build_object('ip_address', '198.51.100.9'))) as failed_reply \gset
select public.password_verification_attempt_hook(jsonb_build_object('user_id', :'signer', 'valid', true)) as valid_reply \gset
reset role;
select is(:'failed_reply'::jsonb, '{"decision": "continue"}'::jsonb, 'the hook never blocks a failed attempt');
select is(:'valid_reply'::jsonb, '{"decision": "continue"}'::jsonb, 'nor a valid one');

-- allow: a wrong password is recorded as a failure
select is((select count(*)::integer from audit.entries where object_id = :'signer' and action = 'auth.sign_in_failed'), 1,
  'exactly one failed sign-in is recorded');
select is((select jsonb_build_array(outcome, actor_id, host(ip), details ->> 'reason') from audit.entries where object_id = :'signer' and action = 'auth.sign_in_failed'),
  jsonb_build_array('failure', :'signer', '198.51.100.9', 'invalid_password'), 'with the user, the IP GoTrue passed and the reason');
-- deny: a right password adds nothing (the sign-in itself is GoTrue's login entry)
select is((select count(*)::integer from audit.entries where object_id = :'signer' and outcome = 'failure'), 1, 'a valid attempt is not recorded as a failure');

select ok(has_function_privilege('supabase_auth_admin', 'public.password_verification_attempt_hook(jsonb)', 'execute'), 'GoTrue may call the hook');
select ok(not has_function_privilege('authenticated', 'public.password_verification_attempt_hook(jsonb)', 'execute')
  and not has_function_privilege('anon', 'public.password_verification_attempt_hook(jsonb)', 'execute'),
  'API users cannot call the hook to forge failed sign-ins');

select ok((select ok from private.verify_audit_chain(null)), 'the platform chain verifies');
select is((select count(*)::integer from audit.entries where object_id = :'signer' and tenant_id is not null), 0, 'auth events belong to no tenant');

select * from finish();
rollback;
