-- Rule: a super admin is registered only by the service role (idempotently), and every admin
-- RPC refuses it (403 FODEN, audited, naming the remaining steps) until its email is
-- verified, its initial password changed and 2FA enabled, in a session that passed 2FA.
-- Anyone else is refused as not a super admin.
begin;
select plan(22);

select tests.create_user('root-410@example.test', false) as root \gset
select tests.create_user('user-410@example.test') as someone \gset
select gen_random_uuid() as root_session \gset

-- ---------------------------------------------------------------------------
-- Registration: service role only, idempotent
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'someone');
select is(tests.error_of($$select public.register_super_admin('user-410@example.test')$$) ->> 'code', '42501',
  'deny: a signed-in user cannot register a super admin');
select tests.authenticate_as_service_role();
select is(public.register_super_admin('nobody-410@example.test'), '{"result": "no_user"}'::jsonb, 'an unknown email is reported, not created');
select is(public.register_super_admin('ROOT-410@example.test'),
  jsonb_build_object('result', 'registered', 'user_id', :'root', 'created', true, 'remaining', '["verify_email", "change_password", "enable_2fa"]'::jsonb),
  'allow: the service role registers the user with that email');
select is(public.register_super_admin('root-410@example.test') ->> 'created', 'false', 'registering again changes nothing');
select tests.clear_authentication();
select is((select count(*) from private.super_admins where user_id = :'root'), 1::bigint, 'one registration');
select is((select count(*) from audit.entries where action = 'register_super_admin' and object_id = :'root'), 1::bigint,
  'the registration is audited once');

-- ---------------------------------------------------------------------------
-- Each missing step refuses the admin RPCs and is named
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'root', :'root_session');
select is(public.get_super_admin_status() - 'steps',
  '{"is_super_admin": true, "ready": false, "remaining": ["verify_email", "change_password", "enable_2fa"], "next_step": "verify_email"}'::jsonb,
  'status: three steps remain, email first');
select is(public.admin_list_users() - 'details',
  '{"code": "FODEN", "message": "Not allowed to admin list users: finish the super admin setup first (remaining: verify_email, change_password, enable_2fa).", "hint": "Confirm your email address with the link sent to it."}'::jsonb,
  'deny: no admin RPC before the setup');
select is((public.admin_list_users() ->> 'details')::jsonb,
  '{"field": "super_admin", "rule": "setup_incomplete", "remaining": ["verify_email", "change_password", "enable_2fa"]}'::jsonb,
  'the refusal lists the remaining steps for the SPA');
select is(current_setting('response.status', true), '403', 'as an HTTP 403');

select tests.clear_authentication();
update auth.users set email_confirmed_at = now() where id = :'root';
select tests.authenticate_as(:'root', :'root_session');
select is((public.admin_get_user(:'someone') ->> 'details')::jsonb -> 'remaining', '["change_password", "enable_2fa"]'::jsonb,
  'deny: email verified, the password is still the initial one');

select tests.clear_authentication();
update auth.users set encrypted_password = extensions.crypt('a-new-password', extensions.gen_salt('bf', 4)) where id = :'root';
select isnt((select password_changed_at from private.super_admins where user_id = :'root'), null, 'changing the password is noticed');
select tests.authenticate_as(:'root', :'root_session');
select is((public.admin_list_tenants() ->> 'details')::jsonb -> 'remaining', '["enable_2fa"]'::jsonb,
  'deny: password changed, no 2FA yet');

select tests.clear_authentication();
select private.mfa_enroll(:'root', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
select tests.authenticate_as(:'root', gen_random_uuid());
select is(public.get_super_admin_status() -> 'remaining', '["enable_2fa"]'::jsonb, 'a pending factor is not enough');
select tests.clear_authentication();
select set_config('request.jwt.claims', json_build_object('sub', :'root', 'role', 'authenticated', 'session_id', :'root_session')::text, true);
select is(private.mfa_complete_attempt(:'root', :'root_session', 'activate', 'totp', 1, null) ->> 'result', 'ok',
  '2FA activated in the first session');
select tests.clear_authentication();

select tests.authenticate_as(:'root', gen_random_uuid());
select is((public.admin_list_users() ->> 'details')::jsonb -> 'remaining', '["verify_2fa_session"]'::jsonb,
  'deny: another session that has not passed its 2FA challenge');

select tests.authenticate_as(:'root', :'root_session');
select is(public.get_super_admin_status() - 'steps',
  '{"is_super_admin": true, "ready": true, "remaining": [], "next_step": null}'::jsonb, 'status: ready');
select ok(private.super_admin_ready(), 'private.super_admin_ready() agrees');
select is((public.admin_list_users('user-410@example.test') -> 'items' -> 0 ->> 'id')::uuid, :'someone'::uuid,
  'allow: the ready super admin lists users');

-- ---------------------------------------------------------------------------
-- Everyone else
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'someone');
select is(public.get_super_admin_status(),
  '{"is_super_admin": false, "ready": false, "steps": [], "remaining": [], "next_step": null}'::jsonb, 'status of a regular user');
select is(public.admin_list_users() ->> 'message', 'Not allowed to admin list users: only platform super admins may do this.',
  'deny: a regular user');
select tests.clear_authentication();

select is((select array_agg(outcome || ':' || coalesce(details ->> 'reason', '') order by id) from audit.entries
           where action = 'admin_list_users' and actor_id in (:'root', :'someone')),
  array[
    'denied:finish the super admin setup first (remaining: verify_email, change_password, enable_2fa)',
    'denied:finish the super admin setup first (remaining: verify_email, change_password, enable_2fa)',
    'denied:finish the super admin setup first (remaining: verify_2fa_session)',
    'success:',
    'denied:only platform super admins may do this'],
  'every refusal and the success are audited');

select * from finish();
rollback;
