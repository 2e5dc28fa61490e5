-- Rule: one generic trigger, attached with private.enable_audit, records every
-- insert, update and delete of an audited table: the tenant, the object (key
-- columns other than tenant_id), the actor, IP and user agent of the request, and
-- the before/after diff with every secret-named value replaced by "[redacted]".
begin;
select plan(22);

create table tests.audit_probes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  name text not null,
  password_hash text,
  api_token text,
  settings jsonb not null default '{}'
);
create table tests.audit_probe_grants (
  tenant_id uuid not null,
  user_id uuid not null,
  role_id uuid not null,
  primary key (tenant_id, user_id, role_id)
);
select private.enable_audit('tests.audit_probes');
select private.enable_audit('tests.audit_probes');
select private.enable_audit('tests.audit_probe_grants');

select is((select count(*)::integer from pg_trigger where tgrelid = 'tests.audit_probes'::regclass and not tgisinternal), 1,
  'enable_audit attaches one trigger, however often it is called');

select gen_random_uuid() as tenant, gen_random_uuid() as probe \gset
select tests.create_user('actor-203@example.test') as actor \gset
select set_config('request.jwt.claims', json_build_object('sub', :'actor', 'role', 'authenticated')::text, true);
select set_config('request.headers', '{"x-forwarded-for": "203.0.113.7, 10.0.0.1", "user-agent": "pgtap/203"}', true);

-- INSERT: the whole new row, secrets redacted at any depth
insert into tests.audit_probes (id, tenant_id, name, password_hash, api_token, settings)
values (:'probe', :'tenant', 'first', 'bcrypt$abc', 'tok_123', '{"theme": "dark", "smtp": {"password": "hunter2", "host": "mail"}}');
select * from audit.entries where tenant_id = :'tenant' and action = 'insert' \gset ins_
select is(:'ins_object_type'::text, 'tests.audit_probes', 'the object type is the table');
select is(:'ins_object_id'::text, :'probe', 'the object id is the row''s key');
select is(:'ins_actor_id'::text, :'actor', 'the actor is the requesting user');
select is(:'ins_actor_email'::text, 'actor-203@example.test', 'with their email at the time');
select is(:'ins_ip'::text, '203.0.113.7', 'the IP is the first X-Forwarded-For hop');
select is(:'ins_user_agent'::text, 'pgtap/203', 'the user agent comes from the request headers');
select is(:'ins_details'::jsonb ->> 'forwarded_for', '203.0.113.7, 10.0.0.1', 'the full forwarding chain is kept in details');
select ok((select before is null from audit.entries where id = :'ins_id'), 'an insert has no before');
select is(:'ins_after'::jsonb - 'id' - 'tenant_id',
  '{"name": "first", "password_hash": "[redacted]", "api_token": "[redacted]", "settings": {"theme": "dark", "smtp": {"password": "[redacted]", "host": "mail"}}}'::jsonb,
  'after holds the new row, with the password hash, the token and the nested password redacted');

-- UPDATE: only the changed columns; a changed secret shows as changed, not its value
update tests.audit_probes set name = 'second' where id = :'probe';
select is((select jsonb_build_array(before, after) from audit.entries where tenant_id = :'tenant' and action = 'update' order by id desc limit 1),
  '[{"name": "first"}, {"name": "second"}]'::jsonb, 'an update records only the changed columns, before and after');
update tests.audit_probes set password_hash = 'bcrypt$def' where id = :'probe';
select is((select jsonb_build_array(before, after) from audit.entries where tenant_id = :'tenant' and action = 'update' order by id desc limit 1),
  '[{"password_hash": "[redacted]"}, {"password_hash": "[redacted]"}]'::jsonb, 'a changed secret is recorded as changed without its values');
select is((select count(*)::integer from audit.entries where search_text like '%hunter2%' or search_text like '%bcrypt%' or search_text like '%tok_123%'), 0,
  'no secret value reached the audit log');

-- deny: an update that changes nothing leaves no entry
update tests.audit_probes set name = 'second' where id = :'probe';
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant' and action = 'update'), 2, 'a no-op update is not recorded');

-- DELETE: the old row as before
delete from tests.audit_probes where id = :'probe';
select is((select jsonb_build_array(before ->> 'name', before ->> 'api_token', after) from audit.entries where tenant_id = :'tenant' and action = 'delete'),
  '["second", "[redacted]", null]'::jsonb, 'a delete records the old row (redacted) as before');

-- Composite keys: the object id leaves out tenant_id
insert into tests.audit_probe_grants values (:'tenant', '11111111-1111-1111-1111-111111111111', '22222222-2222-2222-2222-222222222222');
select is((select object_id from audit.entries where tenant_id = :'tenant' and object_type = 'tests.audit_probe_grants'),
  '11111111-1111-1111-1111-111111111111/22222222-2222-2222-2222-222222222222', 'a composite key becomes user/role, without the tenant');

select ok((select ok from private.verify_audit_chain(:'tenant')), 'trigger-written entries are chained like any other');

-- public.tenants is audited under its own id
select set_config('request.jwt.claims', '', true);
insert into public.tenants (name, slug) values ('Probe 203', 'probe-203') returning id as tenant_row \gset
select is((select object_type || ':' || action from audit.entries where tenant_id = :'tenant_row' and object_id = :'tenant_row'),
  'tenants:insert', 'a tenant''s own row is audited in its own chain');
select ok((select actor_id is null from audit.entries where tenant_id = :'tenant_row' and object_id = :'tenant_row'),
  'system work (no signed-in user) has no actor');

-- deny: the audit log does not audit itself, and only migrations attach triggers
select is(tests.error_of($$ select private.enable_audit('audit.entries') $$) #>> '{details,rule}', 'not_audit', 'audit.entries cannot be audited');
select ok(not has_function_privilege('authenticated', 'private.enable_audit(regclass)', 'execute')
  and not has_function_privilege('service_role', 'private.enable_audit(regclass)', 'execute'),
  'API roles cannot attach audit triggers');
select ok(not has_function_privilege('authenticated', 'private.append_audit_entry(uuid, uuid, text, text, text, text, jsonb, jsonb, jsonb, inet, text)', 'execute'),
  'signed-in users cannot append entries with an actor of their choosing');

select * from finish();
rollback;
