-- Rule: what a role may do with a blueprint's entities is what its grants say
-- (docs/permissions.md), on every path: actions, row rules for read and for writes,
-- readable and writable fields, validations, presets, variables, stacking of roles,
-- who may change grants, defaults and resets, recompiling after a blueprint edit, and
-- no probing of hidden values through filters, sorts, search or references.
-- Every allow is paired with a deny.
begin;
select plan(124);

-- ----------------------------------------------------------------------------
-- Fixture: a tenant, its people and roles, Customers and Deals with a flow
-- ----------------------------------------------------------------------------

select tests.create_user('admin-510@example.test') as admin_user \gset
select tests.create_user('editor-510@example.test') as editor_user \gset
select tests.create_user('viewer-510@example.test') as viewer_user \gset
select tests.create_user('alice-510@example.test') as alice \gset
select tests.create_user('bob-510@example.test') as bob \gset
select tests.create_user('carol-510@example.test') as carol \gset
select tests.create_user('dave-510@example.test') as dave \gset
select tests.create_user('manager-510@example.test') as manager \gset

select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Permissions 510', 'permissions-510', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_role(:'tenant', 'North sales', '', '{}') ->> 'id') as north_sales \gset
select (public.create_role(:'tenant', 'Auditors', '', '{}') ->> 'id') as auditors \gset
select (public.create_role(:'tenant', 'Nobody', '', '{}') ->> 'id') as nobody \gset
select (public.create_role(:'tenant', 'Probe', '', '{}') ->> 'id') as probe \gset
select (public.create_role(:'tenant', 'Role managers', '', '{manage_roles}') ->> 'id') as role_managers \gset
select tests.clear_authentication();
select id as admin_role from public.roles where tenant_id = :'tenant' and key = 'admin' \gset
select id as editor_role from public.roles where tenant_id = :'tenant' and key = 'editor' \gset
insert into public.tenant_members (tenant_id, user_id, attributes) values
  (:'tenant', :'editor_user', '{}'), (:'tenant', :'viewer_user', '{}'),
  (:'tenant', :'alice', '{"region": "north", "level": 3}'), (:'tenant', :'bob', '{"region": "north"}'),
  (:'tenant', :'carol', '{}'), (:'tenant', :'dave', '{"region": "south", "level": 5}'), (:'tenant', :'manager', '{}');
insert into public.member_roles (tenant_id, user_id, role_id) values
  (:'tenant', :'editor_user', :'editor_role'),
  (:'tenant', :'viewer_user', (select id from public.roles where tenant_id = :'tenant' and key = 'viewer')),
  (:'tenant', :'alice', :'north_sales'), (:'tenant', :'bob', :'north_sales'), (:'tenant', :'bob', :'auditors'),
  (:'tenant', :'carol', :'nobody'), (:'tenant', :'dave', :'probe'),
  (:'tenant', :'manager', :'role_managers'), (:'tenant', :'manager', :'north_sales');

select tests.authenticate_as(:'admin_user');
select (public.create_blueprint(:'tenant', 'Customers', '[
  {"key": "name", "label": "Name", "type": "text", "required": true},
  {"key": "region", "label": "Region", "type": "single_select", "options": [{"value": "north"}, {"value": "south"}]}
]') ->> 'id') as customers \gset
select (public.create_entity(:'customers', '{"name": "Acme", "region": "north"}') ->> 'id') as acme \gset
select (public.create_blueprint(:'tenant', 'Deals', format('[
  {"key": "title", "label": "Title", "type": "text", "required": true},
  {"key": "region", "label": "Region", "type": "single_select", "options": [{"value": "north"}, {"value": "south"}]},
  {"key": "amount", "label": "Amount", "type": "number"},
  {"key": "tier", "label": "Tier", "type": "integer"},
  {"key": "owner", "label": "Owner", "type": "member"},
  {"key": "contact", "label": "Contact", "type": "email"},
  {"key": "due", "label": "Due", "type": "date"},
  {"key": "at", "label": "Meeting", "type": "datetime"},
  {"key": "teams", "label": "Teams", "type": "multi_select", "options": [{"value": "north_sales"}, {"value": "auditors"}, {"value": "probe"}]},
  {"key": "opened", "label": "Opened", "type": "date"},
  {"key": "team", "label": "Team", "type": "single_select", "options": [{"value": "north_sales"}, {"value": "auditors"}, {"value": "probe"}]},
  {"key": "secret", "label": "Secret", "type": "text", "default": {"kind": "literal", "value": "classified"}},
  {"key": "status", "label": "Status", "type": "status", "options": [{"value": "OPEN"}, {"value": "WON"}, {"value": "LOST"}]},
  {"key": "customer", "label": "Customer", "type": "reference", "reference": {"blueprint_id": "%s", "on_delete": "set_null"}}
]', :'customers')::jsonb) ->> 'id') as deals \gset
select public.save_flow(:'deals', 0, '{
  "state_field": "status",
  "states": [{"key": "OPEN", "x": 0, "y": 0}, {"key": "WON", "x": 200, "y": 0}, {"key": "LOST", "x": 200, "y": 100}],
  "transitions": [{"key": "win", "name": "Won", "from": ["OPEN"], "to": "WON"},
                  {"key": "lose", "name": "Lost", "from": ["OPEN"], "to": "LOST",
                   "inputs": [{"key": "why", "label": "Why", "type": "text"}, {"key": "label", "label": "Label", "type": "text"}],
                   "updates": [{"field": "secret", "kind": "input", "from": "why"}, {"field": "title", "kind": "input", "from": "label"}]}]}') is not null as flow_saved \gset

select (public.create_entity(:'deals', format('{"title": "North one", "region": "north", "owner": "%s", "amount": 100, "tier": 2,
  "contact": "alice-510@example.test", "due": "2000-01-01", "team": "probe",
  "at": "2000-01-01T00:00:00Z", "teams": ["probe", "auditors"], "secret": "n1-secret", "customer": "%s"}', :'alice', :'acme')::jsonb) ->> 'id') as n1 \gset
select (public.create_entity(:'deals', format('{"title": "North two", "region": "north", "owner": "%s", "amount": 200, "tier": 4,
  "due": "2999-01-01", "at": "2999-01-01T00:00:00Z", "teams": ["north_sales"], "secret": "n2-secret"}', :'editor_user')::jsonb) ->> 'id') as n2 \gset
select (public.create_entity(:'deals', format('{"title": "South one", "region": "south", "owner": "%s", "amount": 300, "tier": 9,
  "contact": "dave-510@example.test", "team": "auditors", "secret": "s1-secret"}', :'dave')::jsonb) ->> 'id') as s1 \gset

-- North sales: north deals (member.region), some fields; create with presets and a
-- validation; change, delete and win only their own deals (user.id).
select public.set_role_permissions(:'north_sales', :'deals', '[
  {"action": "read", "rows": {"field": "region", "op": "eq", "value": {"var": "member.region"}},
   "fields": ["title", "region", "amount", "tier", "owner", "status", "customer", "opened"]},
  {"action": "create", "fields": ["title", "amount", "region", "tier"],
   "presets": {"owner": {"var": "user.id"}, "region": {"var": "member.region"}, "contact": {"var": "user.email"},
               "opened": {"var": "now"}, "status": "OPEN"},
   "validation": {"field": "amount", "op": "lte", "value": 1000}},
  {"action": "update", "rows": {"field": "owner", "op": "eq", "value": {"var": "user.id"}}, "fields": ["title", "amount"],
   "validation": {"field": "amount", "op": "lte", "value": 1000}},
  {"action": "delete", "rows": {"field": "owner", "op": "eq", "value": {"var": "user.id"}}},
  {"action": "transition", "transition": "win", "rows": {"field": "owner", "op": "eq", "value": {"var": "user.id"}}}
]') ->> 'default' as saved \gset
-- Auditors: south deals, with their secret.
select public.set_role_permissions(:'auditors', :'deals', '[
  {"action": "read", "rows": {"field": "region", "op": "eq", "value": "south"}, "fields": ["title", "secret"]}
]') ->> 'default' as saved \gset
-- North sales on Customers: only their region's customers.
select public.set_role_permissions(:'north_sales', :'customers', '[
  {"action": "read", "rows": {"field": "region", "op": "eq", "value": {"var": "member.region"}}}
]') ->> 'default' as saved \gset
select is(:'saved'::text, 'false', 'an Admin saves grants for a custom role');

-- ----------------------------------------------------------------------------
-- Actions
-- ----------------------------------------------------------------------------

-- deny: a custom role without a read grant reads nothing (403 on the list, 404 on one)
select tests.authenticate_as(:'carol');
select is((public.query_entities(:'deals')::jsonb ->> 'details')::jsonb ->> 'rule', 'permission',
  'deny: a custom role without a read grant cannot list (403 FODEN permission)');
select is(current_setting('response.status', true), '403', 'with HTTP 403');
select is(tests.error_of(format('select public.get_entity(%L)', :'n1')) ->> 'code', 'FONF0', 'and gets 404 for an entity');
-- allow: the same role with a read grant reads
select tests.authenticate_as(:'admin_user');
select public.set_role_permissions(:'nobody', :'deals', '[{"action": "read"}]') is not null as saved \gset
select tests.authenticate_as(:'carol');
select is(jsonb_array_length(public.query_entities(:'deals')::jsonb -> 'entities'), 3, 'allow: with a read grant it lists every deal');
select is(public.get_entity(:'n1') ->> 'id', :'n1', 'and gets one');
select is((public.create_entity(:'deals', '{"title": "Carol''s"}') ->> 'details')::jsonb ->> 'rule', 'permission',
  'deny: a read grant does not let it create');

-- deny: a Viewer cannot create; allow: an Editor (default) creates and reads everything
select tests.authenticate_as(:'viewer_user');
select is((public.create_entity(:'deals', '{"title": "Viewer''s"}') ->> 'code'), 'FODEN', 'deny: a Viewer cannot create');
select is(jsonb_array_length(public.query_entities(:'deals')::jsonb -> 'entities'), 3, 'allow: a Viewer reads every deal');
select tests.authenticate_as(:'editor_user');
select public.create_entity(:'deals', '{"title": "Editor''s", "region": "south", "secret": "e-secret"}') as editor_deal \gset
select is(:'editor_deal'::jsonb #>> '{data,secret}', 'e-secret', 'allow: an Editor (no saved grants) creates and reads every field');
select :'editor_deal'::jsonb ->> 'id' as e1 \gset
select is(jsonb_array_length(public.query_entities(:'deals')::jsonb -> 'entities'), 4, 'and lists every deal');

-- ----------------------------------------------------------------------------
-- Row rule for read
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'alice');
select is((select array_agg(x ->> 'id' order by x ->> 'id') from jsonb_array_elements(public.query_entities(:'deals')::jsonb -> 'entities') x),
  (select array_agg(id::text order by id::text) from (values (:'n1'::uuid), (:'n2'::uuid)) v(id)),
  'allow: the row rule lets Alice list the north deals only');
select is(public.get_entity(:'n2') ->> 'id', :'n2', 'allow: she gets a north deal');
select is(tests.error_of(format('select public.get_entity(%L)', :'s1')) -> 'details', '{"field": "entity_id", "rule": "exists"}',
  'deny: a south deal is 404 for her');
select is(tests.error_of(format('select public.entity_history(%L)', :'s1')) ->> 'code', 'FONF0', 'and so is its history');
select is((public.query_entities(:'deals', null, null, 50, null, null, true)::jsonb #>> '{count,value}')::integer, 2,
  'the count counts only her rows');

-- ----------------------------------------------------------------------------
-- Row rule for update, delete, transition
-- ----------------------------------------------------------------------------

-- deny: n2 is north (readable) but owned by the Editor
select public.update_entity(:'n2', 1, '{"title": "Mine now"}') as r \gset
select is(:'r'::jsonb ->> 'code', 'FODEN', 'deny: Alice cannot change a deal she does not own');
select is((:'r'::jsonb ->> 'details')::jsonb, '{"field": null, "rule": "row_rule"}', 'rule row_rule');
select is(current_setting('response.status', true), '403', 'with HTTP 403');
select is((public.delete_entity(:'n2') ->> 'details')::jsonb ->> 'rule', 'row_rule', 'deny: nor delete it');
select is((public.delete_entities(array[:'n1', :'n2']::uuid[]) ->> 'details')::jsonb ->> 'rule', 'row_rule', 'nor delete it among others');
select is((public.update_entities(format('[{"id": "%s", "expected_version": 1, "changes": {"amount": 5}}]', :'n2')::jsonb) ->> 'details')::jsonb ->> 'rule',
  'row_rule', 'nor change it in bulk');
select is((public.transition_entity(:'n2', 'win', null, 1) ->> 'details')::jsonb ->> 'rule', 'row_rule', 'deny: nor win it');
select is((select x ->> 'reason' from jsonb_array_elements(public.entity_transitions(:'n2') -> 'transitions') x where x ->> 'key' = 'win'),
  'row_rule', 'entity_transitions says why');
select is((public.transition_entity(:'n1', 'lose', null, 1) ->> 'details')::jsonb ->> 'rule', 'permission',
  'deny: a transition her grants do not name is refused');
select is(tests.error_of(format('select public.update_entity(%L, 1, %L)', :'s1', '{"amount": 1}')) ->> 'code', 'FONF0',
  'write needs read: a deal outside her read rows is 404 to update');
select is(tests.error_of(format('select public.delete_entity(%L)', :'s1')) ->> 'code', 'FONF0', 'and to delete');
select is(tests.error_of(format('select public.transition_entity(%L, %L, null, 1)', :'s1', 'win')) ->> 'code', 'FONF0', 'and to win');
select tests.clear_authentication();
select is((select version from public.entities where id = :'n2'), 1, 'nothing was written');
select is((select count(*)::integer from public.entity_history where entity_id = :'n2'), 1, 'no history either');
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant' and actor_id = :'alice' and outcome = 'denied'
             and action in ('update_entity', 'delete_entity', 'transition_entity')), 6,
  'every refusal is audited as denied');
select is((select details ->> 'rule' from audit.entries where tenant_id = :'tenant' and actor_id = :'alice' and outcome = 'denied'
             and action = 'update_entity' order by id limit 1), 'row_rule', 'with its rule');
-- allow: on her own deal
select tests.authenticate_as(:'alice');
select is(public.update_entity(:'n1', 1, '{"title": "North one!"}') #>> '{data,title}', 'North one!', 'allow: Alice changes her own deal');
select is(public.transition_entity(:'n1', 'win', null, 2) #>> '{data,status}', 'WON', 'allow: and wins it');

-- ----------------------------------------------------------------------------
-- Readable fields
-- ----------------------------------------------------------------------------

select is((select bool_or(x -> 'data' ? 'secret' or x -> 'data' ? 'contact' or x -> 'data' ? 'due')
           from jsonb_array_elements(public.query_entities(:'deals')::jsonb -> 'entities') x)::boolean, false,
  'deny: hidden fields are absent from query_entities');
select is((select bool_and(x -> 'data' ? 'title') from jsonb_array_elements(public.query_entities(:'deals')::jsonb -> 'entities') x)::boolean, true,
  'allow: readable fields are there');
select is(public.get_entity(:'n1') -> 'data' ? 'secret', false, 'deny: absent from get_entity');
select is(public.get_entity(:'n1') #>> '{data,title}', 'North one!', 'allow: readable there');
select public.create_entity(:'deals', '{"title": "Alice new", "amount": 10}') as alice_deal \gset
select :'alice_deal'::jsonb ->> 'id' as a1 \gset
select is(:'alice_deal'::jsonb -> 'data' ? 'secret', false, 'deny: the create result hides the secret (its default was stored)');
select is(public.update_entity(:'a1', 1, '{"amount": 11}') -> 'data' ? 'secret', false, 'deny: so does the update result');
select tests.clear_authentication();
select is((select data ->> 'secret' from public.entities where id = :'a1'), 'classified', 'the hidden value is stored all the same');
select tests.authenticate_as(:'admin_user');
select public.update_entity(:'n1', 3, '{"secret": "n1-new", "amount": 150}') is not null as changed \gset
select tests.authenticate_as(:'alice');
select is((select count(*)::integer from jsonb_array_elements(public.entity_history(:'n1') -> 'entries') h where h -> 'changes' ? 'secret'), 0,
  'deny: the history''s changes leave out the secret');
select is((public.entity_history(:'n1') -> 'entries' -> 0 -> 'changes' -> 'amount'), '[100, 150]',
  'allow: and keep the readable changes');
select tests.authenticate_as(:'admin_user');
select public.transition_entity(:'n2', 'lose', '{"why": "n2-why", "label": "North two"}', 1) is not null as lost \gset
select tests.authenticate_as(:'alice');
select is(public.entity_history(:'n2') -> 'entries' -> 0 -> 'input', '{"label": "North two"}',
  'deny: a transition input written to a hidden field is left out of the history; allow: the others stay');
select tests.authenticate_as(:'admin_user');
select is(public.entity_history(:'n2') -> 'entries' -> 0 -> 'input', '{"why": "n2-why", "label": "North two"}', 'an Admin sees the whole input');
select public.delete_entity(:'n2') is not null as trashed \gset
select public.delete_entity(:'s1') is not null as trashed \gset
select tests.authenticate_as(:'alice');
select is((select array_agg(x ->> 'id') from jsonb_array_elements(public.list_trash(:'tenant') -> 'entities') x), array[:'n2'],
  'deny: the trash lists only the deleted deals her row rule matches');
select is((public.list_trash(:'tenant') -> 'entities' -> 0 -> 'data') ? 'secret', false, 'and without their hidden fields');
select tests.authenticate_as(:'admin_user');
select (public.create_blueprint(:'tenant', 'Memos', '[{"key": "text", "label": "Text", "type": "text"}]') ->> 'id') as memos \gset
select public.create_entities(:'memos', '[{"text": "a"}, {"text": "b"}]') is not null as made \gset
select public.delete_blueprint(:'memos') is not null as trashed \gset
select is((select (x ->> 'entities')::integer from jsonb_array_elements(public.list_trash(:'tenant') -> 'blueprints') x where x ->> 'id' = :'memos'), 2,
  'allow: an Admin sees how many entities a deleted blueprint took along');
select tests.authenticate_as(:'alice');
select is((select (x ->> 'entities')::integer from jsonb_array_elements(public.list_trash(:'tenant') -> 'blueprints') x where x ->> 'id' = :'memos'), 0,
  'deny: a member who reads none of them is not told how many');
select tests.authenticate_as(:'admin_user');
select public.restore_entity(:'n2') is not null as restored \gset
select public.restore_entity(:'s1') is not null as restored \gset

-- ----------------------------------------------------------------------------
-- Writable fields, validation, presets
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'alice');
select public.create_entity(:'deals', '{"title": "Sneaky", "secret": "mine"}') as r \gset
select is((:'r'::jsonb ->> 'details')::jsonb, '{"field": "secret", "rule": "field_not_writable"}',
  'deny: creating with a field she may not write names the field');
select ok(:'r'::jsonb ->> 'message' like '%"secret"%', 'and the message names it too');
select is((public.update_entity(:'a1', 2, '{"tier": 7}') ->> 'details')::jsonb, '{"field": "tier", "rule": "field_not_writable"}',
  'deny: changing a field she may not update names it');
select is(public.update_entity(:'a1', 2, '{"title": "Alice renamed"}') #>> '{data,title}', 'Alice renamed', 'allow: a field she may update works');
select is((public.create_entity(:'deals', '{"title": "Big", "amount": 5000}') ->> 'details')::jsonb, '{"field": null, "rule": "validation"}',
  'deny: a create failing the validation is refused (403 validation)');
select is((public.update_entity(:'a1', 3, '{"amount": 5000}') ->> 'details')::jsonb ->> 'rule', 'validation',
  'deny: so is an update');
select public.create_entity(:'deals', '{"title": "Small", "amount": 999, "region": "south"}') as small \gset
select is(:'small'::jsonb #>> '{data,amount}', '999', 'allow: one passing the validation is created');
select is(:'small'::jsonb #>> '{data,owner}', :'alice', 'presets: owner is forced to user.id');
select is(:'small'::jsonb #>> '{data,region}', 'north', 'presets: region is forced to member.region, whatever she sent');
select is(:'small'::jsonb #>> '{data,opened}', to_char(now() at time zone 'UTC', 'YYYY-MM-DD'), 'presets: a date is forced to now (today in the tenant)');
select tests.clear_authentication();
select is((select data ->> 'contact' from public.entities where id = (:'small'::jsonb ->> 'id')::uuid), 'alice-510@example.test',
  'presets: contact is forced to user.email (stored, though she cannot read it)');
select tests.authenticate_as(:'alice');
select tests.clear_authentication();
select is((select count(*)::integer from public.entities where blueprint_id = :'deals' and data ->> 'title' in ('Sneaky', 'Big')), 0,
  'refused creates wrote nothing');
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant' and actor_id = :'alice' and outcome = 'denied'
             and action = 'create_entity'), 2, 'and were audited');

-- ----------------------------------------------------------------------------
-- Variables (Dave: role Probe, attributes region south, level 5)
-- ----------------------------------------------------------------------------

create temporary table probe_rules (name text primary key, rows jsonb, expected text[]) on commit drop;
grant select on probe_rules to authenticated;
insert into probe_rules values
  ('user.id', '{"field": "owner", "op": "eq", "value": {"var": "user.id"}}', array['s1']),
  ('user.id neq', '{"field": "owner", "op": "neq", "value": {"var": "user.id"}}', array['n1', 'n2']),
  ('user.email', '{"field": "contact", "op": "eq", "value": {"var": "user.email"}}', array['s1']),
  ('user.email starts_with', '{"field": "contact", "op": "starts_with", "value": {"var": "user.email"}}', array['s1']),
  ('user.roles', '{"field": "team", "op": "in", "value": {"var": "user.roles"}}', array['n1']),
  ('member.region', '{"field": "region", "op": "eq", "value": {"var": "member.region"}}', array['s1']),
  ('member.level on a number', '{"field": "tier", "op": "lte", "value": {"var": "member.level"}}', array['n1', 'n2']),
  ('member attribute the member lacks', '{"field": "region", "op": "eq", "value": {"var": "member.office"}}', '{}'),
  ('not of a missing attribute', '{"not": {"field": "region", "op": "eq", "value": {"var": "member.office"}}}', array['n1', 'n2', 's1']),
  ('a text attribute against a number', '{"field": "tier", "op": "lte", "value": {"var": "member.region"}}', '{}'),
  ('now on a date', '{"field": "due", "op": "lt", "value": {"var": "now"}}', array['n1']),
  ('now on a datetime', '{"field": "at", "op": "lt", "value": {"var": "now"}}', array['n1']),
  ('user.roles on a multi select', '{"field": "teams", "op": "in", "value": {"var": "user.roles"}}', array['n1']),
  ('now on created_at', '{"field": "created_at", "op": "lte", "value": {"var": "now"}}', array['n1', 'n2', 's1']),
  ('user.id on created_by', '{"field": "created_by", "op": "eq", "value": {"var": "user.id"}}', '{}');

create temporary table probe_results (name text primary key, got text[]) on commit drop;
select set_config('tests.admin', :'admin_user', true), set_config('tests.dave', :'dave', true), set_config('tests.probe', :'probe', true),
       set_config('tests.deals', :'deals', true), set_config('tests.n1', :'n1', true), set_config('tests.n2', :'n2', true),
       set_config('tests.s1', :'s1', true) is not null as configured \gset
do $$
declare
  r record;
  names jsonb := jsonb_build_object(current_setting('tests.n1'), 'n1', current_setting('tests.n2'), 'n2', current_setting('tests.s1'), 's1');
  results jsonb := '{}';
begin
  for r in select * from probe_rules order by name loop
    perform tests.authenticate_as(current_setting('tests.admin')::uuid);
    perform public.set_role_permissions(current_setting('tests.probe')::uuid, current_setting('tests.deals')::uuid,
      jsonb_build_array(jsonb_build_object('action', 'read', 'rows', r.rows)));
    perform tests.authenticate_as(current_setting('tests.dave')::uuid);
    results := results || jsonb_build_object(r.name, (
      select coalesce(jsonb_agg(names ->> (x ->> 'id') order by names ->> (x ->> 'id')), '[]')
      from json_array_elements(public.query_entities(current_setting('tests.deals')::uuid) -> 'entities') x
      where names ? (x ->> 'id')));
  end loop;
  perform tests.clear_authentication();
  insert into probe_results select key, array(select jsonb_array_elements_text(value)) from jsonb_each(results);
end
$$;
select is(r.got, p.expected, 'variables: ' || p.name) from probe_rules p left join probe_results r using (name) order by p.name;

-- ----------------------------------------------------------------------------
-- Stacking: Bob holds North sales and Auditors
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'bob');
select is((select count(*)::integer from jsonb_array_elements(public.query_entities(:'deals')::jsonb -> 'entities') x
           where x ->> 'id' in (:'n1', :'n2', :'s1')), 3, 'stacking: Bob reads the north deals (North sales) and the south ones (Auditors)');
select is(public.get_entity(:'s1') #>> '{data,secret}', 's1-secret', 'stacking: the Auditors'' secret is readable to him');
select is(public.get_entity(:'n2') #>> '{data,secret}', 'n2-why', 'the union of fields holds on every row he reads');
select is(public.get_entity(:'s1') #>> '{data,amount}', '300', 'and North sales'' fields on the Auditors'' rows');
select is(public.get_entity(:'s1') -> 'data' ? 'contact', false, 'deny: a field neither role reads stays hidden');
select is(jsonb_array_length(public.query_entities(:'deals', '{"field": "secret", "op": "eq", "value": "s1-secret"}')::jsonb -> 'entities'), 1,
  'allow: he may filter on the secret he reads');
select tests.authenticate_as(:'alice');
select is(tests.error_of(format('select public.get_entity(%L)', :'s1')) ->> 'code', 'FONF0', 'deny: Alice alone still does not see the south deal');

-- ----------------------------------------------------------------------------
-- Probing refused: filter, sort, search, references
-- ----------------------------------------------------------------------------

select is(tests.error_of(format('select public.query_entities(%L, %L)', :'deals', '{"field": "secret", "op": "eq", "value": "n2-secret"}')),
  '{"code": "FODEN", "hint": null, "details": {"field": "filter", "rule": "hidden_field"}, "message": "You cannot filter, sort or search on \"secret\": your roles do not let you read it."}',
  'deny: filtering on a hidden field is 403 hidden_field');
select is(tests.error_of(format('select public.query_entities(%L, %L)', :'deals', '{"or": [{"field": "title", "op": "eq", "value": "x"}, {"not": {"field": "due", "op": "is_null", "value": true}}]}')) -> 'details',
  '{"field": "filter", "rule": "hidden_field"}', 'deny: at any depth');
select is(tests.error_of(format('select public.query_entities(%L, null, %L)', :'deals', '[{"field": "secret", "direction": "asc"}]')) -> 'details',
  '{"field": "filter", "rule": "hidden_field"}', 'deny: sorting on a hidden field');
select is(jsonb_array_length(public.query_entities(:'deals', '{"field": "amount", "op": "gte", "value": 0}', '[{"field": "title", "direction": "asc"}]')::jsonb -> 'entities') > 0,
  true, 'allow: filtering and sorting on readable fields');
select is(jsonb_array_length(public.query_entities(:'deals', null, null, 50, null, null, false, 1000, 'n2-secret')::jsonb -> 'entities'), 0,
  'deny: a search does not find a value only a hidden field holds');
select is(jsonb_array_length(public.query_entities(:'deals', null, null, 50, null, null, false, 1000, 'North two')::jsonb -> 'entities'), 1,
  'allow: a search finds readable text');
select is(tests.error_of(format('select public.query_entities(%L, %L)', :'deals', '{"field": "customer.name", "op": "eq", "value": "Acme"}')) -> 'details',
  '{"field": "filter", "rule": "hidden_field"}', 'deny: filtering through a reference into a blueprint she reads only in part');
select tests.authenticate_as(:'editor_user');
select is(jsonb_array_length(public.query_entities(:'deals', '{"field": "customer.name", "op": "eq", "value": "Acme"}')::jsonb -> 'entities'), 1,
  'allow: an Editor (reads Customers whole) filters through the reference');

-- ----------------------------------------------------------------------------
-- Who may change grants
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'admin_user');
select is(tests.error_of(format('select public.set_role_permissions(%L, %L, %L)', :'admin_role', :'deals', '[]')) - 'message',
  '{"code": "FOVAL", "hint": null, "details": {"field": "role_id", "rule": "admin_role"}}', 'deny: the builtin Admin role cannot get grants');
select tests.authenticate_as(:'manager');
select public.set_role_permissions(:'north_sales', :'deals', '[{"action": "read"}]') as r \gset
select is(:'r'::jsonb ->> 'code', 'FODEN', 'deny: a non-Admin with manage_roles cannot change a role they hold');
select is(current_setting('response.status', true), '403', 'with HTTP 403');
select is(public.reset_role_permissions(:'north_sales', :'deals') ->> 'code', 'FODEN', 'nor reset it');
select is(public.set_role_permissions(:'auditors', :'deals', '[{"action": "read", "rows": {"field": "region", "op": "eq", "value": "south"}, "fields": ["title", "secret"]}]') ->> 'default',
  'false', 'allow: they change a role they do not hold');
select tests.authenticate_as(:'viewer_user');
select is(public.set_role_permissions(:'auditors', :'deals', '[]') ->> 'code', 'FODEN', 'deny: a Viewer (no manage_roles) changes no grants');
select tests.clear_authentication();
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant' and actor_id = :'manager' and outcome = 'denied'
             and action in ('set_role_permissions', 'reset_role_permissions')), 2, 'the refusals are audited');
select is((select (grants -> 0 ->> 'action') from public.permission_sets where role_id = :'north_sales' and blueprint_id = :'deals'), 'read',
  'and North sales'' grants are unchanged');
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant' and actor_id = :'manager' and outcome = 'success'
             and object_type = 'permission_sets'), 1, 'the allowed change is audited');

-- ----------------------------------------------------------------------------
-- Defaults and reset
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'admin_user');
select public.set_role_permissions(:'editor_role', :'deals', '[{"action": "read", "fields": ["title"]}]') is not null as saved \gset
select tests.authenticate_as(:'editor_user');
select is(public.create_entity(:'deals', '{"title": "Editor again"}') ->> 'code', 'FODEN', 'deny: an Editor with saved grants loses the default');
select is(public.get_entity(:'n1') -> 'data', '{"title": "North one!"}', 'and reads only what they give');
select tests.authenticate_as(:'admin_user');
select is(public.reset_role_permissions(:'editor_role', :'deals') ->> 'default', 'true', 'reset_role_permissions returns the role to its default');
select tests.authenticate_as(:'editor_user');
select is(public.create_entity(:'deals', '{"title": "Editor again"}') #>> '{data,title}', 'Editor again', 'allow: the Editor creates again');
select tests.authenticate_as(:'admin_user');
select is(public.reset_role_permissions(:'nobody', :'deals') ->> 'default', 'true', 'a custom role is reset too');
select tests.authenticate_as(:'carol');
select is((public.query_entities(:'deals')::jsonb ->> 'details')::jsonb ->> 'rule', 'permission', 'deny: and has nothing again');

-- ----------------------------------------------------------------------------
-- Blueprint edits: grants are compiled again; a grant that no longer fits allows nothing
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'admin_user');
select public.update_blueprint(:'deals', 1, '[{"op": "add_field", "field": {"key": "note", "label": "Note", "type": "text"}}]') is not null as edited \gset
select tests.authenticate_as(:'alice');
select is((select count(*)::integer from jsonb_array_elements(public.query_entities(:'deals')::jsonb -> 'entities') x where x ->> 'id' in (:'n1', :'n2')), 2,
  'allow: after an unrelated edit Alice''s grants still work');
select is(public.get_entity(:'n1') -> 'data' ? 'note', false, 'and a new field is hidden from her (not in her fields)');
select tests.clear_authentication();
select is((select count(*)::integer from private.compiled_grants where role_id = :'north_sales' and blueprint_id = :'deals' and broken is null), 5,
  'none of her grants broke');
-- migrating rewrites every field of every entity: not for a role with row or field rules
select tests.authenticate_as(:'alice');
select is((public.migrate_entities(:'deals', null, null, null, true) ->> 'details')::jsonb ->> 'rule', 'row_rule',
  'deny: Alice (update grant with a row rule) cannot migrate the blueprint''s entities');
select tests.authenticate_as(:'admin_user');
select public.set_role_permissions(:'probe', :'deals', '[{"action": "read", "fields": ["title"]}, {"action": "update"}]') is not null as saved \gset
select tests.authenticate_as(:'dave');
select is(tests.error_of(format('select public.migrate_entities(%L, null, null, %L, true)', :'deals', '{"field": "secret", "op": "eq", "value": "n1-new"}')) -> 'details',
  '{"field": "filter", "rule": "hidden_field"}', 'deny: a migration filter may not name a hidden field');
select is((public.migrate_entities(:'deals', null, null, '{"field": "title", "op": "eq", "value": "North one!"}', true) ->> 'would_migrate')::integer, 1,
  'allow: with an update grant without rules, and a readable filter, Dave migrates');
select tests.authenticate_as(:'admin_user');
select public.update_blueprint(:'deals', 2, '[{"op": "remove_field", "key": "tier"}]') is not null as edited \gset
select tests.clear_authentication();
select is((select count(*)::integer from private.compiled_grants where role_id = :'north_sales' and blueprint_id = :'deals' and broken is not null), 5,
  'removing a field her grants name breaks them, saying why');
select is((select grants -> 0 -> 'fields' from public.permission_sets where role_id = :'north_sales' and blueprint_id = :'deals') ? 'tier', true,
  'the grants are kept as saved, for an Admin to fix');
select tests.authenticate_as(:'alice');
select is((public.query_entities(:'deals')::jsonb -> 'entities')::jsonb, '[]', 'deny: a broken grant lists nothing');
select is(tests.error_of(format('select public.get_entity(%L)', :'n1')) ->> 'code', 'FONF0', 'deny: gets nothing');
select is(public.create_entity(:'deals', '{"title": "After"}') ->> 'code', 'FODEN', 'deny: creates nothing');
select tests.authenticate_as(:'bob');
select is(public.get_entity(:'s1') -> 'data', '{"title": "South one", "secret": "s1-secret"}',
  'Bob keeps what Auditors give him: a broken grant takes away only its own');
select tests.authenticate_as(:'admin_user');
select public.set_role_permissions(:'north_sales', :'deals', '[{"action": "read", "rows": {"field": "region", "op": "eq", "value": {"var": "member.region"}}, "fields": ["title"]}]') is not null as saved \gset
select tests.authenticate_as(:'alice');
select is(public.get_entity(:'n1') -> 'data', '{"title": "North one!"}', 'allow: saved again, the grants work');


-- ----------------------------------------------------------------------------
-- Flows do not tell a state the caller cannot read
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'admin_user');
select public.set_role_permissions(:'probe', :'deals', '[{"action": "read", "fields": ["title"]}, {"action": "transition"}]') is not null as saved \gset
select tests.authenticate_as(:'dave');
select is(public.entity_transitions(:'n1') -> 'state', 'null'::jsonb, 'deny: entity_transitions does not tell a hidden state');
select is(tests.error_of(format('select public.transition_entity(%L, %L, null, %s)', :'n1', 'lose', public.get_entity(:'n1') ->> 'version')) ->> 'message',
  '"Lost" runs from OPEN; this entity is in another state.', 'deny: nor does a transition refused for its state');
select tests.authenticate_as(:'editor_user');
select is(public.entity_transitions(:'n1') ->> 'state', 'WON', 'allow: a reader of the state field sees it');
select is(tests.error_of(format('select public.transition_entity(%L, %L, null, %s)', :'n1', 'lose', public.get_entity(:'n1') ->> 'version')) ->> 'message',
  '"Lost" runs from OPEN; this entity is WON.', 'and is told why a transition is refused');

select * from finish();
rollback;
