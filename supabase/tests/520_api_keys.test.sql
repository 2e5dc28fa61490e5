-- Rule: tenant API keys are created by people holding manage_members (no role beyond what
-- they could grant, only Admins for Admin keys), in the tenant's own roles; the secret is
-- answered once and stored only as a bcrypt hash; a key acts as its role, is audited as
-- "API key <name>", is exempt from 2FA and does nothing a person does for themself; a
-- revoked key loses its membership and sessions at once, and a revoked or expired key is
-- refused at sign-in, on refresh and on every request.
begin;
select plan(59);

select tests.create_user('admin-520@example.test') as admin \gset
select tests.create_user('editor-520@example.test') as editor \gset
select tests.create_user('manager-520@example.test') as manager \gset
select tests.create_user('outsider-520@example.test') as outsider \gset

select tests.authenticate_as(:'admin');
select (public.create_tenant('Acme 520', 'acme-520', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.authenticate_as(:'outsider');
select (public.create_tenant('Other 520', 'other-520', 'UTC', 'en') ->> 'id') as other_tenant \gset
select tests.clear_authentication();

select id as admin_role from public.roles where tenant_id = :'tenant' and key = 'admin' \gset
select id as editor_role from public.roles where tenant_id = :'tenant' and key = 'editor' \gset
select id as viewer_role from public.roles where tenant_id = :'tenant' and key = 'viewer' \gset
select id as other_viewer_role from public.roles where tenant_id = :'other_tenant' and key = 'viewer' \gset
insert into public.roles (tenant_id, key, name, capabilities) values (:'tenant', 'people_ops', 'People ops', '{manage_members}')
  returning id as people_ops_role \gset
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'editor'), (:'tenant', :'manager');
insert into public.member_roles (tenant_id, user_id, role_id) values (:'tenant', :'editor', :'editor_role'), (:'tenant', :'manager', :'people_ops_role');

-- ---------------------------------------------------------------------------
-- Creating: manage_members, escalation, validation
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select public.create_api_key(:'tenant', 'Nightly export', :'viewer_role', now() + interval '30 days') as created \gset
select (:'created'::jsonb ->> 'id') as key_id, (:'created'::jsonb ->> 'user_id') as key_user, (:'created'::jsonb ->> 'key') as secret,
       (:'created'::jsonb ->> 'email') as key_email \gset
select is(:'created'::jsonb - array['id', 'user_id', 'key', 'email', 'created_at', 'created_by', 'expires_at', 'tenant_id', 'role_id'],
  '{"name": "Nightly export", "role": "viewer", "state": "active", "revoked_at": null, "revoked_by": null, "last_used_at": null}'::jsonb,
  'allow: an Admin creates a Viewer key');
select ok(:'secret' ~ '^fo_[A-Za-z0-9_-]{43}$', 'the key is fo_ and 256 random bits in base64url, answered once');
select is(:'key_email', format('key-%s@api-keys.flexoffice.invalid', :'key_id'), 'the key signs in with its machine address');

select tests.authenticate_as(:'editor');
select is(public.create_api_key(:'tenant', 'Editor key', :'viewer_role') ->> 'code', 'FODEN', 'deny: an Editor (no manage_members) cannot create keys');
select tests.clear_authentication();
select is((select details ->> 'reason' from audit.entries where action = 'create_api_key' and outcome = 'denied' and actor_id = :'editor'),
  'this needs the manage_members capability', 'the Editor''s attempt is audited as denied');

select tests.authenticate_as(:'manager');
select is(public.create_api_key(:'tenant', 'Manager key', :'viewer_role') ->> 'role', 'viewer',
  'allow: a manager creates a key with a role within their capabilities');
select is(public.create_api_key(:'tenant', 'Admin by manager', :'admin_role') ->> 'message',
  'Not allowed to create api key: only an Admin may grant or revoke the Admin role.', 'deny: only Admins create Admin keys');
select is(public.create_api_key(:'tenant', 'Editor by manager', :'editor_role') ->> 'code', 'FODEN',
  'deny: nor keys with capabilities the manager lacks');
select tests.clear_authentication();
select is((select count(*) from audit.entries where action = 'create_api_key' and outcome = 'denied' and actor_id = :'manager'), 2::bigint,
  'both escalation attempts are audited');

select tests.authenticate_as(:'admin');
select is(tests.error_of(format('select public.create_api_key(%L, %L, %L)', :'tenant', 'Cross', :'other_viewer_role')),
  '{"code": "FOVAL", "message": "The role must be a role of this tenant.", "details": {"field": "role_id", "rule": "exists"}, "hint": null}'::jsonb,
  'deny: a role of another tenant is refused');
select is(tests.error_of(format('select public.create_api_key(%L, %L, %L)', :'other_tenant', 'Elsewhere', :'other_viewer_role')) ->> 'code',
  'FONF0', 'deny: another tenant is not found');
select is(tests.error_of(format('select public.create_api_key(%L, %L, %L)', :'tenant', '  ', :'viewer_role')) -> 'details',
  '{"field": "name", "rule": "length"}'::jsonb, 'a key needs a name');
select is(tests.error_of(format('select public.create_api_key(%L, %L, %L)', :'tenant', repeat('k', 101), :'viewer_role')) -> 'details',
  '{"field": "name", "rule": "length"}'::jsonb, 'of at most 100 characters');
select is(tests.error_of(format('select public.create_api_key(%L, %L, %L, %L)', :'tenant', 'Old', :'viewer_role', now() - interval '1 second')) -> 'details',
  '{"field": "expires_at", "rule": "future"}'::jsonb, 'an expiry lies in the future');
select is(tests.error_of(format('select public.create_api_key(%L, %L, %L)', :'tenant', 'NIGHTLY EXPORT', :'viewer_role')) -> 'details',
  '{"field": "name", "rule": "unique"}'::jsonb, 'names are unique per tenant among live keys, ignoring case');
select public.create_api_key(:'tenant', 'Deployer', :'admin_role') ->> 'user_id' as admin_key_user \gset
select ok(:'admin_key_user' is not null, 'allow: an Admin creates an Admin key');

-- ---------------------------------------------------------------------------
-- What is stored: a machine member, the secret only as a bcrypt hash
-- ---------------------------------------------------------------------------
select tests.clear_authentication();
select ok((select extensions.crypt(:'secret', u.encrypted_password) = u.encrypted_password and u.encrypted_password like '$2a$10$%'
           from auth.users u where u.id = :'key_user'), 'the machine user''s password is the bcrypt hash of the key');
select is((select count(*) from auth.users u where u.id = :'key_user' and (u.encrypted_password like '%' || :'secret' || '%'
           or u.raw_app_meta_data::text like '%' || :'secret' || '%' or u.raw_user_meta_data::text like '%' || :'secret' || '%')), 0::bigint,
  'the key itself is stored nowhere');
select is((select count(*) from audit.entries e where e.after::text like '%' || :'secret' || '%' or e.details::text like '%' || :'secret' || '%'),
  0::bigint, 'nor audited');
select is((select jsonb_build_object('provider', u.raw_app_meta_data ->> 'provider', 'confirmed', u.email_confirmed_at is not null,
                                     'name', p.full_name)
           from auth.users u join public.profiles p on p.id = u.id where u.id = :'key_user'),
  '{"provider": "api_key", "confirmed": true, "name": "API key Nightly export"}'::jsonb, 'a confirmed machine user with its profile');
select is((select array_agg(r.key) from public.member_roles mr join public.roles r on r.id = mr.role_id
           where mr.tenant_id = :'tenant' and mr.user_id = :'key_user'), array['viewer'], 'a member of the tenant with the key''s role');
select ok(exists (select 1 from audit.entries where action = 'create_api_key' and outcome = 'success' and object_id = :'key_id'
                  and actor_id = :'admin' and after ->> 'name' = 'Nightly export'), 'the creation is audited');

-- ---------------------------------------------------------------------------
-- Listing
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select is((select array_agg(k ->> 'name' order by k ->> 'name') from jsonb_array_elements(public.list_api_keys(:'tenant')) k),
  array['Deployer', 'Manager key', 'Nightly export'], 'allow: an Admin lists the keys');
select ok(not (public.list_api_keys(:'tenant')::text like '%fo\_%'), 'without secrets');
select tests.authenticate_as(:'editor');
select is(public.list_api_keys(:'tenant') ->> 'code', 'FODEN', 'deny: an Editor cannot list keys');

-- ---------------------------------------------------------------------------
-- Acting as the key: its role, its tenant, audited under its name, exempt from 2FA
-- ---------------------------------------------------------------------------
select tests.clear_authentication();
update public.profiles set registered_at = now() - interval '90 days' where id = :'key_user';
select tests.authenticate_as(:'key_user', '52000000-0000-4000-8000-000000000520');
select is((select array_agg(id) from public.tenants), array[:'tenant']::uuid[], 'allow: the key reads its tenant (2FA rule exempt after 90 days)');
select is(public.get_mfa_requirement() ->> 'exempt', 'api_key', 'the 2FA policy says why');
select is(public.update_tenant(:'tenant', '{"name": "Hacked 520"}') ->> 'code', 'FODEN', 'deny: a Viewer key cannot change settings');
select tests.clear_authentication();
select is((select actor_name from audit.entries where action = 'update_tenant' and outcome = 'denied' and actor_id = :'key_user'),
  'API key Nightly export', 'what a key does is audited under its name');

-- ---------------------------------------------------------------------------
-- Nothing a person does for themself
-- ---------------------------------------------------------------------------
insert into public.invitations (tenant_id, email, role_ids, invited_by)
  values (:'other_tenant', 'invitee-520@example.test', array[:'other_viewer_role']::uuid[], :'outsider') returning id as invitation \gset
insert into private.invitation_tokens (invitation_id, token_hash) values (:'invitation', private.invitation_token_hash('token-520-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'));
select tests.authenticate_as(:'key_user', '52000000-0000-4000-8000-000000000520');
select is(public.create_tenant('Key Corp', 'key-corp-520') ->> 'message', 'Not allowed to create tenant: an API key cannot create tenants.',
  'deny: a key cannot create tenants');
select is(public.accept_invitation('token-520-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') ->> 'code', 'FODEN', 'deny: nor accept invitations');
select is(public.get_invitation('token-520-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') ->> 'email_matches', 'false', 'nor see them');
select is(tests.error_of(format('select public.leave_tenant(%L)', :'tenant')) #>> '{details,rule}', 'api_key', 'nor leave its tenant');
select tests.clear_authentication();
select is((select array_agg(action order by action) from audit.entries where actor_id = :'key_user' and outcome = 'denied'),
  array['accept_invitation', 'create_tenant', 'update_tenant'], 'its refusals are audited');
select is(tests.error_of(format('insert into private.mfa_factors (user_id, secret_id) values (%L, gen_random_uuid())', :'key_user')) ->> 'code',
  'FODEN', 'deny: a key cannot enroll a second factor');
-- the account function deletes as the table owner, with the caller's claims set
select set_config('request.jwt.claims', jsonb_build_object('sub', :'key_user', 'role', 'authenticated')::text, true) is not null as as_key \gset
select is(tests.error_of(format('delete from auth.users where id = %L', :'key_user')) ->> 'code', 'FODEN', 'nor delete its own account');
select tests.clear_authentication();
select is(tests.error_of(format('update auth.users set encrypted_password = %L where id = %L', 'x', :'key_user')) ->> 'code', 'FODEN',
  'nor change its secret or address');

select tests.authenticate_as(:'admin');
select is(tests.error_of(format('select public.invite_member(%L, %L, %L)', :'tenant', :'key_email', array[:'viewer_role']::uuid[])) ->> 'code',
  'FOCON', 'a key is already a member of its tenant');
select is(tests.error_of(format('select public.invite_member(%L, %L, %L)', :'tenant', 'key-x@api-keys.flexoffice.invalid', array[:'viewer_role']::uuid[])) -> 'details',
  '{"field": "email", "rule": "not_api_key"}'::jsonb, 'deny: machine addresses are never invited');
select is(tests.error_of(format('select public.set_member_roles(%L, %L, %L)', :'tenant', :'key_user', array[:'editor_role']::uuid[])) -> 'details',
  '{"field": "user_id", "rule": "api_key"}'::jsonb, 'a key''s role changes only with a new key');
select is(tests.error_of(format('select public.remove_member(%L, %L)', :'tenant', :'key_user')) -> 'details',
  '{"field": "user_id", "rule": "api_key"}'::jsonb, 'a key leaves its tenant only by revocation');

-- A key holding Admin does not count as the Admin a tenant must keep.
select is(tests.error_of(format('select public.leave_tenant(%L)', :'tenant')) #>> '{details,rule}', 'last_admin',
  'deny: the last person holding Admin cannot leave a tenant whose other Admin is a key');

-- A key cannot manage keys.
select tests.clear_authentication();
select tests.authenticate_as(:'admin_key_user');
select is(public.create_api_key(:'tenant', 'Successor', :'admin_role') ->> 'message',
  'Not allowed to create api key: an API key cannot create API keys; a person must.', 'deny: even an Admin key cannot create keys');
select is(public.delete_tenant(:'tenant', 'acme-520') ->> 'code', 'FODEN', 'deny: nor delete its tenant');

-- ---------------------------------------------------------------------------
-- Revoking: needs manage_members (and the key's capabilities); ends everything at once
-- ---------------------------------------------------------------------------
select tests.clear_authentication();
select id as admin_key_id from private.api_keys where user_id = :'admin_key_user' \gset
insert into auth.sessions (id, user_id) values (gen_random_uuid(), :'key_user');
select tests.authenticate_as(:'editor');
select is(public.revoke_api_key(:'key_id') ->> 'code', 'FODEN', 'deny: an Editor cannot revoke keys');
select tests.authenticate_as(:'manager');
select is(public.revoke_api_key(:'admin_key_id') ->> 'code', 'FODEN', 'deny: a manager cannot revoke an Admin key');
select tests.authenticate_as(:'admin');
select is((public.revoke_api_key(:'key_id') - 'revoked_at' - 'revoked_by') @> '{"state": "revoked", "sessions_revoked": 2}'::jsonb, true,
  'allow: an Admin revokes a key, ending both of its sessions');
select is(tests.error_of(format('select public.revoke_api_key(%L)', :'key_id')) #>> '{details,rule}', 'revoked', 'a key is revoked once');
select tests.clear_authentication();
select is((select count(*) from auth.sessions where user_id = :'key_user') + (select count(*) from public.tenant_members where user_id = :'key_user'),
  0::bigint, 'the revoked key has no session and no membership left');
select ok(exists (select 1 from audit.entries where action = 'revoke_api_key' and outcome = 'success' and object_id = :'key_id' and actor_id = :'admin'),
  'the revocation is audited');

-- its still unexpired token (session deleted) reaches nothing
select set_config('request.jwt.claims', jsonb_build_object('sub', :'key_user', 'role', 'authenticated',
  'session_id', '52000000-0000-4000-8000-000000000520')::text, true) is not null as as_revoked \gset
set local role authenticated;
select is((select count(*) from public.tenants), 0::bigint, 'deny: the revoked key''s token reads nothing');
select is(tests.error_of('select private.check_request()') #>> '{details,rule}', 'session_active', 'and every request is refused');
select tests.clear_authentication();
set local role supabase_auth_admin;
select public.custom_access_token_hook(jsonb_build_object('user_id', :'key_user', 'authentication_method', 'password',
  'claims', jsonb_build_object('sub', :'key_user', 'role', 'authenticated'))) as hook_out \gset
reset role;
select is(:'hook_out'::jsonb -> 'error', '{"http_code": 401, "message": "This API key has been revoked."}'::jsonb,
  'deny: a revoked key cannot sign in again');

-- ---------------------------------------------------------------------------
-- Expiry: refused at once, on every path
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select public.create_api_key(:'tenant', 'Short-lived', :'viewer_role', now() + interval '1 hour') ->> 'user_id' as short_user \gset
select tests.authenticate_as(:'short_user', '52000000-0000-4000-8000-000000000521');
select is((select count(*) from public.tenants), 1::bigint, 'allow: a key reads before it expires');
set local role supabase_auth_admin;
select public.custom_access_token_hook(jsonb_build_object('user_id', :'short_user', 'authentication_method', 'token_refresh',
  'claims', jsonb_build_object('sub', :'short_user', 'role', 'authenticated'))) as hook_out \gset
reset role;
select ok(:'hook_out'::jsonb ? 'claims', 'and refreshes its token');
select tests.clear_authentication();
update private.api_keys set expires_at = now() - interval '1 second' where user_id = :'short_user';
select tests.authenticate_as(:'short_user', '52000000-0000-4000-8000-000000000521');
select is((select count(*) from public.tenants), 0::bigint, 'deny: the same session reads nothing once the key expired');
select is(tests.error_of('select private.check_request()') #>> '{details,rule}', 'api_key_expired', 'every request is refused as expired');
select tests.clear_authentication();
set local role supabase_auth_admin;
select public.custom_access_token_hook(jsonb_build_object('user_id', :'short_user', 'authentication_method', 'token_refresh',
  'claims', jsonb_build_object('sub', :'short_user', 'role', 'authenticated'))) as hook_out \gset
reset role;
select is(:'hook_out'::jsonb #>> '{error,http_code}', '401', 'deny: an expired key can neither refresh nor sign in');

-- ---------------------------------------------------------------------------
-- A deleted tenant takes its keys' machine users with it
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select public.delete_tenant(:'tenant', 'acme-520') is not null as deleted \gset
select tests.clear_authentication();
select is((select count(*) from auth.users where id in (:'key_user', :'admin_key_user', :'short_user')), 0::bigint,
  'deleting the tenant deletes its keys and their machine users');

select * from finish();
rollback;
