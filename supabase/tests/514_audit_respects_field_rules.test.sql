-- Rule: the audit log does not hand out entity values a member's grants hide: an entry
-- shows only the fields the reader may read (no values for an entity outside their read
-- rows), and free-text search skips the changes of blueprints their grants restrict.
begin;
select plan(8);

select tests.create_user('admin-514@example.test') as admin_user \gset
select tests.create_user('auditor-514@example.test') as auditor \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Audit fields 514', 'audit-fields-514', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_role(:'tenant', 'Auditors', '', '{view_audit}') ->> 'id') as auditors \gset
select (public.create_blueprint(:'tenant', 'Deals', '[
  {"key": "title", "label": "Title", "type": "text", "required": true},
  {"key": "region", "label": "Region", "type": "single_select", "options": [{"value": "north"}, {"value": "south"}]},
  {"key": "margin", "label": "Margin", "type": "text"}]') ->> 'id') as deals \gset
select (public.create_entity(:'deals', '{"title": "North deal", "region": "north", "margin": "zebra-514"}') ->> 'id') as north \gset
select (public.create_entity(:'deals', '{"title": "South deal", "region": "south", "margin": "yak-514"}') ->> 'id') as south \gset
select public.set_role_permissions(:'auditors', :'deals', '[
  {"action": "read", "rows": {"field": "region", "op": "eq", "value": "north"}, "fields": ["title", "region"]}]') is not null as saved \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'auditor');
insert into public.member_roles (tenant_id, user_id, role_id) values (:'tenant', :'auditor', :'auditors');
select id as north_entry from audit.entries where chain_key = :'tenant' and action = 'create_entity' and object_id = :'north' \gset
select id as south_entry from audit.entries where chain_key = :'tenant' and action = 'create_entity' and object_id = :'south' \gset

-- allow: the Admin reads the entry whole and finds it by a value
select tests.authenticate_as(:'admin_user');
select is(public.get_audit_entry(:'tenant', :'north_entry') #>> '{after,margin}', 'zebra-514', 'allow: the Admin reads every value');
select is(json_array_length(public.search_audit_log(:'tenant', p_text => 'zebra-514') -> 'entries'), 1,
  'allow: the Admin finds the change by a value');

-- deny: the auditor reads the entry without the hidden field
select tests.authenticate_as(:'auditor');
select public.get_audit_entry(:'tenant', :'north_entry') as seen \gset
select is(:'seen'::jsonb -> 'after' ? 'margin', false, 'deny: the hidden field is absent from the auditor''s entry');
select is(:'seen'::jsonb #>> '{after,title}', 'North deal', 'allow: the readable fields are there');
select is(:'seen'::jsonb -> 'values_hidden', 'true'::jsonb, 'and the entry says values were left out');
select is(public.get_audit_entry(:'tenant', :'south_entry') -> 'after', 'null'::jsonb,
  'deny: an entity outside the auditor''s read rows shows no values');
select is(json_array_length(public.search_audit_log(:'tenant', p_text => 'zebra-514') -> 'entries'), 0,
  'deny: searching for a hidden value finds nothing');
select ok(json_array_length(public.search_audit_log(:'tenant', p_actor => :'admin_user') -> 'entries') > 0,
  'allow: the auditor still lists the log (filters without text)');

select * from finish();
rollback;
