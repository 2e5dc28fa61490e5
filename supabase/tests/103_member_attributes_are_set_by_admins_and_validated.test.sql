-- Rule: only Admins set member attributes (they feed row rules); attributes are a flat
-- object of snake_case keys to strings, numbers or booleans, and a refused value changes nothing.
begin;
select plan(11);

select tests.create_user('admin-103@example.test') as admin \gset
select tests.create_user('manager-103@example.test') as manager \gset
select tests.create_user('stranger-103@example.test') as stranger \gset

select tests.authenticate_as(:'admin');
select (public.create_tenant('Acme 103', 'acme-103', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
insert into public.roles (tenant_id, key, name, capabilities)
  values (:'tenant', 'people_ops', 'People ops', private.capability_keys()) returning id as everything_role \gset
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'manager');
insert into public.member_roles (tenant_id, user_id, role_id) values (:'tenant', :'manager', :'everything_role');

-- allow
select tests.authenticate_as(:'admin');
select is(public.set_member_attributes(:'tenant', :'manager', '{"region": "north", "level": 3, "remote": true}') -> 'attributes',
  '{"region": "north", "level": 3, "remote": true}'::jsonb, 'allow: an Admin sets a member''s attributes');
select is(public.set_member_attributes(:'tenant', :'manager', '{}') -> 'attributes', '{}'::jsonb, 'an empty object clears them');

-- deny: validation, naming the attribute and the rule
select is(tests.error_of(format('select public.set_member_attributes(%L, %L, %L)', :'tenant', :'manager', '["north"]')),
  '{"code": "FOVAL", "message": "Member attributes must be a JSON object such as {\"region\": \"north\"}.", "details": {"field": "attributes", "rule": "object"}, "hint": null}'::jsonb,
  'a list is not an attribute object');
select is(tests.error_of(format('select public.set_member_attributes(%L, %L, %L)', :'tenant', :'manager', '{"Region": "north"}')) -> 'details',
  '{"field": "attributes.Region", "rule": "key_format"}'::jsonb, 'keys are snake_case');
select is(tests.error_of(format('select public.set_member_attributes(%L, %L, %L)', :'tenant', :'manager', '{"teams": ["a", "b"]}')) -> 'details',
  '{"field": "attributes.teams", "rule": "value_type"}'::jsonb, 'values are flat');
select is(tests.error_of(format('select public.set_member_attributes(%L, %L, %L)', :'tenant', :'manager', '{"team": null}')) -> 'details',
  '{"field": "attributes.team", "rule": "value_type"}'::jsonb, 'null is not a value');
select is(tests.error_of(format('select public.set_member_attributes(%L, %L, %L)', :'tenant', :'manager', jsonb_build_object('note', repeat('x', 201)))) -> 'details',
  '{"field": "attributes.note", "rule": "value_length"}'::jsonb, 'strings are at most 200 characters');
select is(tests.error_of(format('select public.set_member_attributes(%L, %L, %L)', :'tenant', :'stranger', '{}')) ->> 'code', 'FONF0',
  'a non-member is not found');

-- deny: not an Admin, even holding every capability
select tests.authenticate_as(:'manager');
select is(public.set_member_attributes(:'tenant', :'manager', '{"region": "everywhere"}') ->> 'message',
  'Not allowed to set member attributes: only an Admin may set member attributes.', 'deny: a non-Admin cannot set attributes, not even their own');
select tests.authenticate_as(:'stranger');
select is(tests.error_of(format('select public.set_member_attributes(%L, %L, %L)', :'tenant', :'manager', '{}')) ->> 'code', 'FONF0',
  'deny: a stranger does not even find the tenant');
select tests.clear_authentication();
select is((select attributes from public.tenant_members where tenant_id = :'tenant' and user_id = :'manager'), '{}'::jsonb,
  'the refused changes left the attributes as the Admin set them');

select * from finish();
rollback;
