-- Rule: only members holding manage_settings change tenant settings; each field is validated.
begin;
select plan(8);

select tests.create_user('admin-013@example.test') as admin_user \gset
select tests.create_user('editor-013@example.test') as editor_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Acme 013', 'acme-013', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'editor_user');
insert into public.member_roles (tenant_id, user_id, role_id)
  select :'tenant', :'editor_user', id from public.roles where tenant_id = :'tenant' and key = 'editor';

-- allow
select tests.authenticate_as(:'admin_user');
select is((public.update_tenant(:'tenant', '{"session_timeout_minutes": 30, "modules": ["crm", "hrm"]}') ->> 'session_timeout_minutes'), '30',
  'an Admin sets the inactivity timeout');
select is((select modules from public.tenants where id = :'tenant'), array['crm', 'hrm'], 'an Admin enables modules');

-- deny: wrong values name the field and the rule
select is(tests.error_of(format('select public.update_tenant(%L, %L)', :'tenant', '{"audit_retention_days": 30}')),
  '{"code": "FOVAL", "message": "Audit entries must be kept at least 365 days (and at most 100 years).", "details": {"field": "audit_retention_days", "rule": "minimum"}, "hint": null}'::jsonb,
  'retention below 365 days is refused with code, message, field and rule');
select is(tests.error_of(format('select public.update_tenant(%L, %L)', :'tenant', '{"timezone": "Mars/Base"}')) #>> '{details,rule}', 'iana', 'unknown time zones are refused');
select is(tests.error_of(format('select public.update_tenant(%L, %L)', :'tenant', '{"modules": ["crm", "casino"]}')) #>> '{details,rule}', 'known', 'unknown modules are refused');
select is(tests.error_of(format('select public.update_tenant(%L, %L)', :'tenant', '{"colour": "red"}')) #>> '{details,field}', 'colour', 'unknown settings are refused, naming the field');

-- deny: an Editor lacks manage_settings
select tests.authenticate_as(:'editor_user');
select is(public.update_tenant(:'tenant', '{"name": "Editor was here"}') ->> 'code', 'FODEN', 'an Editor cannot change settings');
select tests.clear_authentication();
select is((select name from public.tenants where id = :'tenant'), 'Acme 013', 'the name is unchanged');

select * from finish();
rollback;
