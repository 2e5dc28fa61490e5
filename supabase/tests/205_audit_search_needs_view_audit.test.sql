-- Rule: a tenant's audit log is read (searched, opened, verified) only by members holding
-- view_audit, and by super admins, whose access is itself audited; the platform
-- log only by super admins. Every denial answers 403 FODEN and is audited,
-- in the tenant's log when the tenant exists, otherwise in the platform log.
begin;
select plan(20);

select tests.create_user('admin-205@example.test') as admin_user \gset
select tests.create_user('viewer-205@example.test') as viewer_user \gset
select tests.create_user('outsider-205@example.test') as outsider_user \gset
select tests.create_user('root-205@example.test') as root_user \gset
insert into private.super_admins (user_id) values (:'root_user');
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Audit 205', 'audit-205', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'viewer_user');
insert into public.member_roles (tenant_id, user_id, role_id)
  select :'tenant', :'viewer_user', id from public.roles where tenant_id = :'tenant' and key = 'viewer';

-- allow: an Admin (view_audit) searches the tenant's log
select tests.authenticate_as(:'admin_user');
select public.search_audit_log(:'tenant') as admin_page \gset
select ok(jsonb_array_length(:'admin_page'::jsonb -> 'entries') >= 3, 'an Admin reads the tenant''s audit log');
select tests.clear_authentication();
select is((select array_agg(distinct a.tenant_id) from jsonb_array_elements(:'admin_page'::jsonb -> 'entries') e
           join audit.entries a on a.id = (e ->> 'id')::bigint),
  array[:'tenant'::uuid], 'only this tenant''s entries');
select tests.authenticate_as(:'admin_user');
select (:'admin_page'::jsonb #>> '{entries,0,id}') as entry_id \gset
select is((public.get_audit_entry(:'tenant', :'entry_id') ->> 'tenant_id'), :'tenant', 'an Admin opens an entry whole');
select is((public.verify_audit_chain(:'tenant') ->> 'ok'), 'true', 'an Admin verifies the tenant''s chain');
-- deny: but not the platform log
select is((public.search_audit_log(null) ->> 'code'), 'FODEN', 'an Admin cannot read the platform log');

-- deny: a Viewer (no view_audit)
select tests.authenticate_as(:'viewer_user');
select public.search_audit_log(:'tenant', p_text => 'admin') as viewer_reply \gset
select is(current_setting('response.status', true), '403', 'a Viewer gets HTTP 403');
select is(:'viewer_reply'::jsonb,
  '{"code": "FODEN", "message": "Not allowed to search audit log: viewing the audit log needs the view_audit capability.", "details": "{\"rule\": \"permission\", \"field\": null}", "hint": null}'::jsonb,
  'with the FODEN body naming the missing capability');
select is((public.verify_audit_chain(:'tenant') ->> 'code'), 'FODEN', 'a Viewer cannot verify the chain either');
select is((public.get_audit_entry(:'tenant', :'entry_id') ->> 'code'), 'FODEN', 'nor open an entry');

-- deny: a non-member, for an existing and for an unknown tenant alike
select tests.authenticate_as(:'outsider_user');
select is((public.search_audit_log(:'tenant') ->> 'code'), 'FODEN', 'a non-member is denied');
select gen_random_uuid() as unknown_tenant \gset
select is((public.search_audit_log(:'unknown_tenant') ->> 'code'), 'FODEN', 'an unknown tenant gets the same answer (no existence leak)');
select tests.clear_authentication();

-- allow: the denials are in the log, with who tried and why
select is(
  (select array_agg(actor_email || ' ' || action || ' ' || outcome order by id) from audit.entries where tenant_id = :'tenant' and outcome = 'denied'),
  array['viewer-205@example.test search_audit_log denied', 'viewer-205@example.test verify_audit_chain denied',
        'viewer-205@example.test get_audit_entry denied', 'outsider-205@example.test search_audit_log denied'],
  'every denial against the tenant is audited in the tenant''s log'
);
select is((select details ->> 'reason' from audit.entries where tenant_id = :'tenant' and outcome = 'denied' and actor_id = :'outsider_user'),
  'viewing the audit log needs the view_audit capability', 'with the reason');
select is((select count(*)::integer from audit.entries where tenant_id is null and actor_id = :'outsider_user' and object_id = :'unknown_tenant' and outcome = 'denied'),
  1, 'a denial for an unknown tenant goes to the platform log, creating no chain');
select ok(not exists (select 1 from audit.chains where chain_key = :'unknown_tenant'), 'no chain exists for the unknown tenant');

-- allow: a super admin reads any tenant's log and the platform log; the former is audited
select tests.authenticate_as(:'root_user');
select ok(json_array_length(public.search_audit_log(:'tenant', p_action => 'insert') -> 'entries') > 0, 'a super admin reads a tenant''s log');
select ok(json_typeof(public.search_audit_log(null) -> 'entries') = 'array', 'a super admin reads the platform log');
select tests.clear_authentication();
select is((select details from audit.entries where tenant_id = :'tenant' and actor_id = :'root_user' and action = 'search_audit_log'),
  '{"action": "insert", "as": "super_admin"}'::jsonb, 'a super admin''s access to a tenant''s log is audited there, with the filter');

-- deny: bad input is refused with the field and rule
select tests.authenticate_as(:'admin_user');
select is(tests.error_of(format('select public.search_audit_log(%L, p_limit => 0)', :'tenant')) #>> '{details,rule}', 'range', 'a page size of 0 is refused');
select is(tests.error_of(format('select public.search_audit_log(%L, p_from => now(), p_to => now() - interval ''1 day'')', :'tenant')) #>> '{details,field}',
  'from', 'a date range that ends before it starts is refused');
select tests.clear_authentication();

select * from finish();
rollback;
