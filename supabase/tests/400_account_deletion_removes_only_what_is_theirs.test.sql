-- Rule: deleting an account removes the user's own rows and the tenants where they are the
-- sole member (with every row those tenants own); shared tenants stay, their records now
-- authored by the deleted-user marker; the last Admin of a shared tenant and super admins
-- are refused (409 FOCON); audit entries stay without the person's email and name.
begin;
select plan(32);

select tests.create_user('ada-400@example.test') as ada \gset
select tests.create_user('bob-400@example.test') as bob \gset
select tests.create_user('root-400@example.test') as root \gset
insert into private.super_admins (user_id) values (:'root');

select tests.authenticate_as(:'ada');
select (public.create_tenant('Solo 400', 'solo-400') ->> 'id') as solo \gset
select (public.create_tenant('Shared 400', 'shared-400') ->> 'id') as shared \gset
select (public.create_tenant('Held 400', 'held-400') ->> 'id') as held \gset
select tests.clear_authentication();
-- Bob joins Shared as a second Admin and Held as an Editor; Ada authors a custom role in Shared.
insert into public.tenant_members (tenant_id, user_id, created_by) values (:'shared', :'bob', :'ada'), (:'held', :'bob', :'ada');
insert into public.member_roles (tenant_id, user_id, role_id, created_by)
select r.tenant_id, :'bob', r.id, :'ada' from public.roles r
where (r.tenant_id = :'shared' and r.key = 'admin') or (r.tenant_id = :'held' and r.key = 'editor');
insert into public.roles (tenant_id, key, name, created_by) values (:'shared', 'auditor', 'Auditor', :'ada');

-- ---------------------------------------------------------------------------
-- The preview
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'ada');
select public.get_account_deletion_preview() as preview \gset
select tests.clear_authentication();
select is((:'preview'::jsonb -> 'tenants_deleted' -> 0 -> 'rows'), '{"tenants": 1, "roles": 3, "tenant_members": 1, "member_roles": 1}'::jsonb,
  'preview: the sole tenant is deleted with its rows, counted per table');
select is(array(select t ->> 'slug' from jsonb_array_elements(:'preview'::jsonb -> 'tenants_kept') t order by 1), array['held-400', 'shared-400'],
  'preview: shared tenants are kept');
select is(array(select b ->> 'tenant_id' from jsonb_array_elements(:'preview'::jsonb -> 'blockers') b), array[:'held'],
  'preview: the tenant where Ada is the last Admin blocks the deletion');
select is((:'preview'::jsonb ->> 'can_delete')::boolean, false, 'preview: cannot delete yet');
select is((:'preview'::jsonb -> 'reassigned_rows' ->> 'roles.created_by')::integer, 7,
  'preview: authored rows outside the sole tenant are counted (3 built-in roles in each shared tenant + the custom one)');

select tests.authenticate_as(:'bob');
select is(public.get_account_deletion_preview() -> 'tenants_deleted', '[]'::jsonb, 'preview is about the caller: Bob deletes no tenant');
select tests.clear_authentication();

-- ---------------------------------------------------------------------------
-- Refusals
-- ---------------------------------------------------------------------------
select set_config('request.jwt.claims', json_build_object('sub', :'ada', 'role', 'authenticated')::text, true);
select is(tests.error_of(format('select private.delete_user_account(%L, %L)', :'ada', 'self')),
  '{"code": "FOCON", "message": "The account is the last Admin of \"Held 400\", which has other members: make another member Admin first (or remove the other members).", "details": {"field": "tenant_id", "rule": "last_admin"}, "hint": "Hand over the Admin role in each of these tenants, then delete the account again."}'::jsonb,
  'deny: the last Admin of a tenant with other members');
select is(tests.error_of(format('select private.delete_user_account(%L, %L)', :'root', 'admin')) #>> '{details,rule}', 'super_admin',
  'deny: a super admin account');
select is(tests.error_of(format('select private.delete_user_account(%L, %L)', private.deleted_user_id(), 'admin')) ->> 'code', 'FONF0',
  'deny: the deleted-user marker is no account to delete');
select is(tests.error_of(format('delete from auth.users where id = %L', private.deleted_user_id())) #>> '{details,rule}', 'deleted_user_marker',
  'deny: the marker row cannot be deleted even directly');
select is((select count(*) from public.tenants where id in (:'solo', :'shared', :'held')), 3::bigint, 'a refused deletion deletes nothing');

-- Only the owner (the edge function's connection) runs the deletion and the password check.
select tests.authenticate_as(:'ada');
select is(tests.error_of(format('select private.delete_user_account(%L, %L)', :'ada', 'self')) ->> 'code', '42501',
  'deny: a signed-in user cannot call the deletion directly');
select is(tests.error_of(format('select private.check_account_deletion(%L, %L)', :'ada', 'x')) ->> 'code', '42501',
  'deny: nor the password check');
select tests.authenticate_as_service_role();
select is(tests.error_of(format('select private.delete_user_account(%L, %L)', :'ada', 'self')) ->> 'code', '42501',
  'deny: not even the service role');
select tests.clear_authentication();

-- ---------------------------------------------------------------------------
-- Deletion
-- ---------------------------------------------------------------------------
-- Bob becomes Admin of Held too; Ada can go.
insert into public.member_roles (tenant_id, user_id, role_id, created_by)
select :'held', :'bob', r.id, :'bob' from public.roles r where r.tenant_id = :'held' and r.key = 'admin';
select set_config('request.jwt.claims', json_build_object('sub', :'ada', 'role', 'authenticated')::text, true);
select count(*) as ada_audit from audit.entries where actor_id = :'ada' \gset
select private.delete_user_account(:'ada', 'self') as result \gset

select is((select count(*) from auth.users where id = :'ada'), 0::bigint, 'the user is gone');
select is((select count(*) from public.profiles where id = :'ada'), 0::bigint, 'the profile is gone');
select is((select count(*) from public.tenant_members where user_id = :'ada'), 0::bigint, 'every membership is gone');
select is((select count(*) from public.member_roles where user_id = :'ada'), 0::bigint, 'every role grant is gone');
select is((select count(*) from auth.sessions where user_id = :'ada'), 0::bigint, 'every session is gone');
select is((select count(*) from public.tenants where id = :'solo'), 0::bigint, 'the sole tenant is gone');
select is((select count(*) from public.roles where tenant_id = :'solo'), 0::bigint, 'with its roles');
select is((select count(*) from public.tenants where id in (:'shared', :'held')), 2::bigint, 'shared tenants stay');
select is((select count(*) from public.roles where tenant_id = :'shared'), 4::bigint, 'with all their roles, the custom one included');
select is(array(select distinct created_by from public.roles where tenant_id in (:'shared', :'held')), array[private.deleted_user_id()],
  'roles Ada authored in shared tenants now name the marker');
select is((select created_by from public.tenants where id = :'shared'), private.deleted_user_id(), 'so does the tenant she created');
select is((select created_by from public.tenant_members where tenant_id = :'shared' and user_id = :'bob'), private.deleted_user_id(),
  'and the membership she granted Bob');
select is((select count(*) from public.member_roles where user_id = :'bob'), 3::bigint, 'Bob keeps all his roles');
select is((:'result'::jsonb -> 'reassigned_rows' ->> 'roles.created_by')::integer, 7, 'the answer counts what was reassigned');

-- Audit: entries stay, without email and name, and the chains still verify.
select cmp_ok((select count(*) from audit.entries where actor_id = :'ada'), '>', :'ada_audit'::bigint, 'Ada''s audit entries stay');
select is((select count(*) from audit.entries where actor_id = :'ada' and (actor_email is not null or actor_name is not null)), 0::bigint,
  'none of them names her any more');
select is((select count(*) from audit.entries where actor_id = :'ada' and action = 'delete_account' and details ->> 'via' = 'self'), 1::bigint,
  'the deletion itself is audited');
select ok((select bool_and(ok) from (select (private.verify_audit_chain(t)).ok from unnest(array[:'shared', :'solo', null]::uuid[]) as t) v),
  'the audit chains of the kept and deleted tenants and the platform still verify');

select * from finish();
rollback;
