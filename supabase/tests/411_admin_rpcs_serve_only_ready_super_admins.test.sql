-- Rule: every admin RPC works for a ready super admin and is refused (403 FODEN, audited)
-- for anyone else; each call is audited (user actions in the platform chain, tenant actions
-- in the tenant's chain); tenant objects are reachable only in public tables with a
-- tenant_id, named as the catalog names them (no SQL injection through the table name).
begin;
select plan(49);

select tests.create_user('root-411@example.test') as root \gset
select tests.create_user('ada-411@example.test') as ada \gset
select tests.create_user('bob-411@example.test') as bob \gset
select tests.create_user('carol-411@example.test') as carol \gset
select tests.create_user('mallory-411@example.test') as mallory \gset

-- A ready super admin: verified, password changed, 2FA active and passed in this session.
insert into private.super_admins (user_id, password_changed_at) values (:'root', now());
select gen_random_uuid() as root_session \gset
select tests.authenticate_as(:'root', :'root_session');
select tests.clear_authentication();
select private.mfa_enroll(:'root', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
select set_config('request.jwt.claims', json_build_object('sub', :'root', 'role', 'authenticated')::text, true);
select private.mfa_complete_attempt(:'root', :'root_session', 'activate', 'totp', 1, null);
select tests.clear_authentication();

select tests.authenticate_as(:'ada');
select (public.create_tenant('Acme 411', 'acme-411') ->> 'id') as acme \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'acme', :'bob'), (:'acme', :'carol');
insert into public.member_roles (tenant_id, user_id, role_id)
select :'acme', u, r.id from public.roles r, unnest(array[:'bob', :'carol']::uuid[]) as u where r.tenant_id = :'acme' and r.key = 'editor';
insert into public.roles (tenant_id, key, name) values (:'acme', 'auditor', 'Auditor') returning id as auditor \gset
select id as admin_role from public.roles where tenant_id = :'acme' and key = 'admin' \gset
select tests.authenticate_as(:'bob');
select tests.authenticate_as(:'carol');

-- ---------------------------------------------------------------------------
-- Denied to a regular user (one per RPC), each a 403 body
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'mallory');
select is(public.admin_list_users() ->> 'code', 'FODEN', 'deny: admin_list_users');
select is(public.admin_get_user(:'ada') ->> 'code', 'FODEN', 'deny: admin_get_user');
select is(public.admin_update_user(:'ada', '{"banned": true}') ->> 'code', 'FODEN', 'deny: admin_update_user');
select is(public.admin_delete_user(:'ada') ->> 'code', 'FODEN', 'deny: admin_delete_user');
select is(public.admin_list_tenants() ->> 'code', 'FODEN', 'deny: admin_list_tenants');
select is(public.admin_get_tenant(:'acme') ->> 'code', 'FODEN', 'deny: admin_get_tenant');
select is(public.admin_update_tenant(:'acme', '{"name": "Owned"}') ->> 'code', 'FODEN', 'deny: admin_update_tenant');
select is(public.admin_delete_tenant(:'acme', 'acme-411') ->> 'code', 'FODEN', 'deny: admin_delete_tenant');
select is(public.admin_list_tenant_objects(:'acme', 'roles') ->> 'code', 'FODEN', 'deny: admin_list_tenant_objects');
select is(public.admin_delete_tenant_object(:'acme', 'roles', jsonb_build_object('id', :'auditor')) ->> 'code', 'FODEN',
  'deny: admin_delete_tenant_object');
select tests.clear_authentication();
select is((select count(*) from auth.users u where u.id = :'ada' and u.banned_until is null), 1::bigint, 'the refused calls changed nothing');
select is((select count(*) from public.roles where id = :'auditor'), 1::bigint, 'nor deleted anything');

-- ---------------------------------------------------------------------------
-- Users
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'root', :'root_session');
select is(public.admin_list_users('ADA-411') -> 'items' -> 0 ->> 'email', 'ada-411@example.test', 'allow: admin_list_users searches emails');
select is((public.admin_list_users('ada-411', 1, 0) ->> 'total')::integer, 1, 'with a total');
select is(public.admin_list_users('Deleted user') ->> 'total', '0', 'the deleted-user marker is not listed');
select is(public.admin_list_users('%') ->> 'total', '0', 'a % in the search is taken literally');
select is(tests.error_of('select public.admin_list_users(null, 500, 0)') #>> '{details,rule}', 'range', 'the page size is bounded');

select is(public.admin_get_user(:'ada') -> 'memberships' -> 0 -> 'role_keys', '["admin"]'::jsonb, 'allow: admin_get_user shows memberships and roles');
select is(tests.error_of(format('select public.admin_get_user(%L)', private.deleted_user_id())) ->> 'code', 'FONF0',
  'the marker is no user to manage');

select is(public.admin_update_user(:'bob', '{"banned": true}') ->> 'banned', 'true', 'allow: admin_update_user bans');
select tests.clear_authentication();
select is((select banned_until from auth.users where id = :'bob'), 'infinity'::timestamptz, 'forever');
select is((select count(*) from auth.sessions where user_id = :'bob'), 0::bigint, 'and ends every session of the banned user');
select tests.authenticate_as(:'root', :'root_session');
select is(public.admin_update_user(:'bob', '{"banned": false, "email_verified": false, "full_name": "Robert"}') - 'created_at' - 'last_sign_in_at'
            - 'registered_at' - 'id' - 'memberships' - 'providers' - 'mfa_policy' - 'banned_until' - 'session_count',
  '{"email": "bob-411@example.test", "full_name": "Robert", "email_verified": false, "banned": false, "super_admin": false, "mfa": "none",
    "tenant_count": 1, "super_admin_remaining": null, "sessions_ended": 0}'::jsonb,
  'unbans, unverifies and renames');
select is(tests.error_of(format('select public.admin_update_user(%L, %L)', :'bob', '{"email": "x@example.test"}')) #>> '{details,rule}',
  'unknown_field', 'only the listed fields change');
select is(tests.error_of(format('select public.admin_update_user(%L, %L)', :'root', '{"banned": true}')) #>> '{details,rule}',
  'super_admin', 'a super admin cannot be banned');
select tests.clear_authentication();
select is((select after from audit.entries where action = 'admin_update_user' and object_id = :'bob' and outcome = 'success' order by id desc limit 1),
  '{"banned": false, "email_verified": false}'::jsonb, 'the audit diff holds flags, never the name');
select tests.authenticate_as(:'root', :'root_session');

select is(tests.error_of(format('select public.admin_delete_user(%L)', :'root')) #>> '{details,rule}', 'super_admin',
  'a super admin account is not deleted');
select is(public.admin_delete_user(:'bob') ->> 'via', 'admin', 'allow: admin_delete_user deletes the account');
select tests.clear_authentication();
select is((select count(*) from auth.users where id = :'bob'), 0::bigint, 'it is gone');
select is((select count(*) from audit.entries where actor_id = :'root' and action = 'delete_account' and object_id = :'bob'
           and details ->> 'via' = 'admin'), 1::bigint, 'audited with the super admin as actor');
select tests.authenticate_as(:'root', :'root_session');

-- ---------------------------------------------------------------------------
-- Tenants
-- ---------------------------------------------------------------------------
select is(public.admin_list_tenants('acme-411') -> 'items' -> 0 ->> 'member_count', '2', 'allow: admin_list_tenants');
select public.admin_get_tenant(:'acme') as acme_detail \gset
select is(jsonb_array_length(:'acme_detail'::jsonb -> 'members'), 2, 'allow: admin_get_tenant lists members');
select is(:'acme_detail'::jsonb -> 'objects' -> 'roles', '4'::jsonb, 'and counts rows per tenant table');
select tests.clear_authentication();
select is((select count(*) from audit.entries where tenant_id = :'acme' and action = 'admin_get_tenant' and actor_id = :'root'), 1::bigint,
  'tenant actions are audited in the tenant''s own chain');
select tests.authenticate_as(:'root', :'root_session');

select is(public.admin_update_tenant(:'acme', '{"name": "Acme Renamed"}') ->> 'name', 'Acme Renamed', 'allow: admin_update_tenant');
select is(tests.error_of(format('select public.admin_update_tenant(%L, %L)', :'acme', '{"timezone": "Mars/Base"}')) #>> '{details,rule}',
  'iana', 'with the tenant rules');

-- ---------------------------------------------------------------------------
-- Tenant objects
-- ---------------------------------------------------------------------------
select is((public.admin_list_tenant_objects(:'acme', 'roles') ->> 'total')::integer, 4, 'allow: admin_list_tenant_objects');
select is(array(select tests.error_of(format('select public.admin_list_tenant_objects(%L, %L)', :'acme', t)) #>> '{details,rule}'
                from unnest(array['roles; drop table public.tenants', 'tenants', 'pg_authid', 'auth.users', '"roles"', 'public.roles',
                                  'mfa_factors', 'ROLES']) as t),
  array_fill('tenant_table'::text, array[8]),
  'only catalog names of public tenant tables are accepted');
select tests.clear_authentication();
select is((select count(*) from public.tenants where id = :'acme'), 1::bigint, 'nothing was dropped');
select tests.authenticate_as(:'root', :'root_session');

select is(tests.error_of(format('select public.admin_delete_tenant_object(%L, %L, %L)', :'acme', 'roles', '{}')) #>> '{details,rule}',
  'primary_key', 'a row is named by its whole key');
select is(tests.error_of(format('select public.admin_delete_tenant_object(%L, %L, %L)', :'acme', 'roles', '{"id": "1; drop"}')) #>> '{details,rule}',
  'type', 'key values are typed, never spliced');
select is(tests.error_of(format('select public.admin_delete_tenant_object(%L, %L, %L)', :'acme', 'roles', json_build_object('id', gen_random_uuid())))
  ->> 'code', 'FONF0', 'an unknown row is a 404');
select is(tests.error_of(format('select public.admin_delete_tenant_object(%L, %L, %L)', :'acme', 'roles',
  json_build_object('id', :'admin_role'))) #>> '{details,rule}',
  'builtin', 'the table''s own rules still apply (built-in roles stay)');
select is(public.admin_delete_tenant_object(:'acme', 'roles', jsonb_build_object('id', :'auditor')) ->> 'deleted', 'true',
  'allow: admin_delete_tenant_object');
select is((public.admin_delete_tenant_object(:'acme', 'tenant_members', jsonb_build_object('user_id', :'carol')) ->> 'sessions_ended')::integer, 1,
  'removing a membership ends that user''s sessions');

-- ---------------------------------------------------------------------------
-- Deleting a tenant
-- ---------------------------------------------------------------------------
select is(tests.error_of(format('select public.admin_delete_tenant(%L, %L)', :'acme', 'acme')) #>> '{details,rule}', 'matches',
  'the slug must be typed back');
select is(public.admin_delete_tenant(:'acme', 'acme-411') ->> 'deleted', 'true', 'allow: admin_delete_tenant');
select tests.clear_authentication();
select is((select count(*) from public.roles where tenant_id = :'acme'), 0::bigint, 'with everything it owned');

select is(
  array(select a from unnest(array['admin_list_users', 'admin_get_user', 'admin_update_user', 'admin_delete_user', 'admin_list_tenants',
                                   'admin_get_tenant', 'admin_update_tenant', 'admin_delete_tenant', 'admin_list_tenant_objects',
                                   'admin_delete_tenant_object']) as a
        where not exists (select 1 from audit.entries e where e.action = a and e.actor_id = :'root' and e.outcome = 'success')
           or not exists (select 1 from audit.entries e where e.action = a and e.actor_id = :'mallory' and e.outcome = 'denied')),
  array[]::text[],
  'every admin RPC left a success entry for the super admin and a denied one for the regular user');

select * from finish();
rollback;
