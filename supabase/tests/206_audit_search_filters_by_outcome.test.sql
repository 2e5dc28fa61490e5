-- Rule: the audit search filters by outcome (success, denied, failure) on the server,
-- across pages, with the same access rules as every other filter; an unknown outcome
-- is refused by name, and a member without view_audit is still denied (and audited).
begin;
select plan(11);

select tests.create_user('admin-206@example.test') as admin_user \gset
select tests.create_user('viewer-206@example.test') as viewer_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Audit 206', 'audit-206', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'viewer_user');
insert into public.member_roles (tenant_id, user_id, role_id)
  select :'tenant', :'viewer_user', id from public.roles where tenant_id = :'tenant' and key = 'viewer';

-- Three denied attempts by the Viewer, next to the successful inserts of the setup.
select tests.authenticate_as(:'viewer_user');
select public.update_tenant(:'tenant', '{"name": "Taken over"}');
select public.verify_audit_chain(:'tenant');
select public.search_audit_log(:'tenant');
select tests.clear_authentication();

-- allow: an Admin lists only the denied entries, and only the successful ones
select tests.authenticate_as(:'admin_user');
select public.search_audit_log(:'tenant', p_outcome => 'denied') as denied_page \gset
select is(jsonb_array_length(:'denied_page'::jsonb -> 'entries'), 3, 'outcome denied finds the three refused attempts');
select is((select array_agg(distinct e ->> 'outcome') from jsonb_array_elements(:'denied_page'::jsonb -> 'entries') e),
  array['denied'], 'and nothing else');
select is((select array_agg(e ->> 'action' order by (e ->> 'id')::bigint) from jsonb_array_elements(:'denied_page'::jsonb -> 'entries') e),
  array['update_tenant', 'verify_audit_chain', 'search_audit_log'], 'each with its action');
select public.search_audit_log(:'tenant', p_outcome => 'success') as success_page \gset
select ok(jsonb_array_length(:'success_page'::jsonb -> 'entries') >= 3
          and (select bool_and(e ->> 'outcome' = 'success') from jsonb_array_elements(:'success_page'::jsonb -> 'entries') e),
  'outcome success finds only successful entries');
select is(json_array_length(public.search_audit_log(:'tenant', p_outcome => 'failure') -> 'entries'), 0,
  'outcome failure finds none here');

-- allow: the filter holds across pages (keyset cursor)
select public.search_audit_log(:'tenant', p_outcome => 'denied', p_limit => 2) as first_page \gset
select is(jsonb_array_length(:'first_page'::jsonb -> 'entries'), 2, 'a first page of two');
select is(json_array_length(public.search_audit_log(:'tenant', p_outcome => 'denied', p_limit => 2,
            p_before_id => (:'first_page'::jsonb ->> 'next_before_id')::bigint) -> 'entries'),
  1, 'the next page holds the third denial only');

-- allow: combined with another filter
select is(json_array_length(public.search_audit_log(:'tenant', p_outcome => 'denied', p_action => 'update_tenant') -> 'entries'), 1,
  'outcome and action together');

-- deny: an unknown outcome is refused with the field and rule
select is(tests.error_of(format('select public.search_audit_log(%L, p_outcome => %L)', :'tenant', 'maybe')) -> 'details',
  '{"field": "outcome", "rule": "known"}'::jsonb, 'an unknown outcome is refused by name');
select tests.clear_authentication();

-- deny: a Viewer cannot search by outcome either, and the attempt is audited with the filter
select tests.authenticate_as(:'viewer_user');
select is((public.search_audit_log(:'tenant', p_outcome => 'denied') ->> 'code'), 'FODEN', 'a Viewer is denied');
select tests.clear_authentication();
select is((select count(*)::integer from audit.entries
           where tenant_id = :'tenant' and actor_id = :'viewer_user' and action = 'search_audit_log' and outcome = 'denied'),
  2, 'both of the Viewer''s searches are audited as denied');

select * from finish();
rollback;
