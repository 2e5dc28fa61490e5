-- Rule: explain_permissions tells those who manage roles (or a member about themselves)
-- what a member may do with a blueprint's entities and why, evaluating row rules with the
-- member's own variables; anyone else is refused (403, audited).
begin;
select plan(12);

select tests.create_user('admin-513@example.test') as admin_user \gset
select tests.create_user('alice-513@example.test') as alice \gset
select tests.create_user('bob-513@example.test') as bob \gset
select tests.create_user('stranger-513@example.test') as stranger \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Explain 513', 'explain-513', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_role(:'tenant', 'Regional', '', '{}') ->> 'id') as regional \gset
select (public.create_blueprint(:'tenant', 'Deals', '[
  {"key": "title", "label": "Title", "type": "text", "required": true},
  {"key": "region", "label": "Region", "type": "single_select", "options": [{"value": "north"}, {"value": "south"}]},
  {"key": "secret", "label": "Secret", "type": "text"}]') ->> 'id') as deals \gset
select (public.create_entity(:'deals', '{"title": "N", "region": "north"}') ->> 'id') as north \gset
select (public.create_entity(:'deals', '{"title": "S", "region": "south"}') ->> 'id') as south \gset
select public.set_role_permissions(:'regional', :'deals', '[
  {"action": "read", "rows": {"field": "region", "op": "eq", "value": {"var": "member.region"}}, "fields": ["title", "region"]}]')
  is not null as saved \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id, attributes) values
  (:'tenant', :'alice', '{"region": "north"}'), (:'tenant', :'bob', '{"region": "south"}');
insert into public.member_roles (tenant_id, user_id, role_id) values (:'tenant', :'alice', :'regional'), (:'tenant', :'bob', :'regional');

-- allow: the Admin asks about Alice
select tests.authenticate_as(:'admin_user');
select public.explain_permissions(:'tenant', :'alice', :'deals', :'north') as about_alice \gset
select is(:'about_alice'::jsonb #> '{roles,0}' ->> 'source', 'grants', 'the member''s role and where its grants come from');
select is((:'about_alice'::jsonb #> '{actions,read}') - 'by_roles'::text,
  '{"allowed": true, "every_row": false, "fields": ["region", "title"]}'::jsonb, 'read: allowed, by a row rule, two fields');
select is(:'about_alice'::jsonb #>> '{actions,create,reason}', 'no_grant', 'create: denied because no role grants it');
select is(:'about_alice'::jsonb #> '{entity,read,allowed}', 'true'::jsonb,
  'the northern deal is Alice''s: the rule reads Alice''s region, not the Admin''s');
select is(public.explain_permissions(:'tenant', :'alice', :'deals', :'south') #>> '{entity,read,reason}', 'row_rule',
  'the southern deal: no grant''s row rule reaches it');
select is(public.explain_permissions(:'tenant', :'bob', :'deals', :'south') #> '{entity,read,allowed}', 'true'::jsonb,
  'and for Bob (south) the same rule reaches the southern deal');
select is(public.explain_permissions(:'tenant', :'alice', :'deals', :'north') #>> '{entity,update,reason}', 'no_grant',
  'update of that deal: no grant');

-- allow: Alice asks about herself
select tests.authenticate_as(:'alice');
select is(public.explain_permissions(:'tenant', :'alice', :'deals') #> '{actions,read,allowed}', 'true'::jsonb,
  'allow: a member sees their own permissions');

-- deny: Alice asks about Bob (she does not manage roles); the refusal is audited
select is(public.explain_permissions(:'tenant', :'bob', :'deals') ->> 'code', 'FODEN', 'deny: a member cannot explain another member');
select tests.clear_authentication();
select is((select count(*) from audit.entries where chain_key = :'tenant' and action = 'explain_permissions' and outcome = 'denied')::integer, 1,
  'the refusal is in the audit log');

-- not found: someone outside the tenant, and a tenant the caller is not in
select tests.authenticate_as(:'admin_user');
select is(tests.error_of(format('select public.explain_permissions(%L, %L, %L)', :'tenant', :'stranger', :'deals')) -> 'details' ->> 'rule',
  'exists', 'a user who is not a member is not found');
select tests.authenticate_as(:'stranger');
select is(tests.error_of(format('select public.explain_permissions(%L, %L, %L)', :'tenant', :'alice', :'deals')) -> 'details' ->> 'field',
  'tenant_id', 'an outsider learns nothing about the tenant');

select * from finish();
rollback;
