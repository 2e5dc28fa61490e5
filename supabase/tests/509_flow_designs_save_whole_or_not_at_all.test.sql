-- Rule: the flow designer's save (save_flow_design) changes the status field's states and
-- the flow in one transaction: both land, or, when any part is refused, neither does.
begin;
select plan(14);

select tests.create_user('admin-509@example.test') as admin_user \gset
select tests.create_user('viewer-509@example.test') as viewer_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Flows 509', 'flows-509', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'viewer_user');
insert into public.member_roles (tenant_id, user_id, role_id)
  select :'tenant'::uuid, :'viewer_user'::uuid, id from public.roles where tenant_id = :'tenant' and key = 'viewer';

select tests.authenticate_as(:'admin_user');
select (public.create_blueprint(:'tenant', 'Tickets', '[
  {"key": "title", "label": "Title", "type": "text"},
  {"key": "status", "label": "Status", "type": "status", "options": [{"value": "OPEN"}, {"value": "DONE"}]}
]') ->> 'id') as bp \gset

-- allow: a new state and a flow that uses it land together
select public.save_flow_design(:'bp', 1,
  '[{"op": "update_field", "key": "status", "field": {"key": "status", "label": "Status", "type": "status",
     "options": [{"value": "OPEN"}, {"value": "WAITING"}, {"value": "DONE"}]}}]',
  0, '{"state_field": "status", "transitions": [{"key": "wait", "name": "Wait", "from": ["OPEN"], "to": "WAITING"}]}') as saved \gset
select is((:'saved'::jsonb #>> '{blueprint,version}')::integer, 2, 'the states are saved as a new blueprint version');
select is((:'saved'::jsonb #>> '{flow,version}')::integer, 1, 'and the flow with them');
select is(:'saved'::jsonb #>> '{flow,transitions,0,to}', 'WAITING', 'the flow may use the new state in the same save');

-- deny: a refused flow leaves the states as they were
select is(tests.error_of(format('select public.save_flow_design(%L, 2, %L, 1, %L)', :'bp',
  '[{"op": "update_field", "key": "status", "field": {"key": "status", "label": "Status", "type": "status",
     "options": [{"value": "OPEN"}, {"value": "WAITING"}, {"value": "DONE"}, {"value": "LOST"}]}}]',
  '{"state_field": "status", "transitions": [{"key": "go", "name": "Go", "to": "NOWHERE"}]}')) -> 'details',
  '{"rule": "state", "field": "flow.transitions.0.to"}', 'a refused flow names its part');
select is((select version from public.blueprints where id = :'bp'), 2, 'and the blueprint keeps its version');
select is((select jsonb_array_length(f -> 'options') from public.blueprint_versions v, jsonb_array_elements(v.fields) f
  where v.blueprint_id = :'bp' and f ->> 'key' = 'status' order by v.version desc limit 1), 3, 'and its states');

-- deny: refused states leave the flow as it was
select is(tests.error_of(format('select public.save_flow_design(%L, 2, %L, 1, %L)', :'bp',
  '[{"op": "rename_option", "key": "status", "from": "GONE", "to": "X"}]',
  '{"state_field": "status", "transitions": []}')) -> 'details' ->> 'field', 'changes.0.from', 'refused states name their change');
select is((select jsonb_array_length(transitions) from public.flows where blueprint_id = :'bp'), 1, 'and the flow keeps its transitions');

-- deny: a stale blueprint version changes nothing
select is(tests.error_of(format('select public.save_flow_design(%L, 1, %L, 1, %L)', :'bp',
  '[{"op": "rename_option", "key": "status", "from": "DONE", "to": "CLOSED"}]', '{"state_field": "status", "transitions": []}')) -> 'details',
  '{"rule": "stale", "field": "expected_version"}', 'a stale blueprint version is refused');

-- allow: without changes only the flow is saved
select public.save_flow_design(:'bp', 2, '[]', 1, '{"state_field": "status", "transitions": []}') as flow_only \gset
select ok(:'flow_only'::jsonb -> 'blueprint' = 'null'::jsonb and (:'flow_only'::jsonb #>> '{flow,version}')::integer = 2,
  'no changes: the blueprint is left alone, the flow saved');

-- deny: a member without manage_flows saves nothing
select tests.authenticate_as(:'viewer_user');
select is(public.save_flow_design(:'bp', 2, null, 2, '{"state_field": "status", "transitions": []}') ->> 'code',
  'FODEN', 'a viewer is refused (403, audited)');

select is((select version from public.flows where blueprint_id = :'bp'), 2, 'and nothing is saved');
select is(public.save_flow_design(:'bp', 2, '[{"op": "rename_option", "key": "status", "from": "DONE", "to": "CLOSED"}]',
  2, '{"state_field": "status", "transitions": []}') ->> 'code', 'FODEN', 'with states too');
select is((select version from public.blueprints where id = :'bp'), 2, 'which stay as they were');

select * from finish();
rollback;
