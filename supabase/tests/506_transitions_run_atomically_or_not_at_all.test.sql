-- Rule: a flow transition runs atomically: it checks the runner's roles, the entity's
-- state and the guard, applies the state and the updates, bumps the version, and
-- writes history and audit. A transition from a wrong state, failing its guard, with
-- a stale version or missing input is refused with a clear error and writes nothing.
begin;
select plan(21);

select tests.create_user('admin-506@example.test') as admin_user \gset
select tests.create_user('editor-506@example.test') as editor_user \gset
select tests.create_user('viewer-506@example.test') as viewer_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Delivery 506', 'delivery-506', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'editor_user'), (:'tenant', :'viewer_user');
insert into public.member_roles (tenant_id, user_id, role_id)
  select :'tenant'::uuid, :'editor_user'::uuid, id from public.roles where tenant_id = :'tenant' and key = 'editor'
  union all select :'tenant'::uuid, :'viewer_user'::uuid, id from public.roles where tenant_id = :'tenant' and key = 'viewer';
select id as admin_role from public.roles where tenant_id = :'tenant' and key = 'admin' \gset

select tests.authenticate_as(:'admin_user');
select (public.create_blueprint(:'tenant', 'Deliveries', '[
  {"key": "cargo", "label": "Cargo", "type": "text", "required": true},
  {"key": "weight", "label": "Weight", "type": "number"},
  {"key": "status", "label": "Status", "type": "status", "options": [{"value": "PENDING"}, {"value": "IN_PROGRESS"}, {"value": "DELIVERED"}]},
  {"key": "started_at", "label": "Started", "type": "datetime"},
  {"key": "delivered_at", "label": "Delivered", "type": "datetime"},
  {"key": "courier", "label": "Courier", "type": "member"},
  {"key": "note", "label": "Delivery note", "type": "long_text"},
  {"key": "attempts", "label": "Attempts", "type": "integer"}
]') ->> 'id') as bp \gset

-- saving: bad flows are refused with the path and rule
select is(tests.error_of(format('select public.save_flow(%L, 0, %L)', :'bp', '{"state_field": "cargo", "transitions": []}')) -> 'details',
  '{"rule": "status", "field": "flow.state_field"}', 'a flow must drive a status field');
select is(tests.error_of(format('select public.save_flow(%L, 0, %L)', :'bp',
  '{"state_field": "status", "transitions": [{"key": "go", "name": "Go", "to": "LOST"}]}')) -> 'details',
  '{"rule": "state", "field": "flow.transitions.0.to"}', 'a transition must end in a state of the field');
select is(tests.error_of(format('select public.save_flow(%L, 0, %L)', :'bp',
  '{"state_field": "status", "transitions": [{"key": "go", "name": "Go", "to": "DELIVERED", "guard": {"field": "nope", "op": "eq", "value": 1}}]}')) -> 'details',
  '{"rule": "unknown_field", "field": "flow.transitions.0.guard"}', 'a guard on an unknown field is refused');
select is(tests.error_of(format('select public.save_flow(%L, 0, %L)', :'bp',
  '{"state_field": "status", "transitions": [{"key": "go", "name": "Go", "to": "DELIVERED", "updates": [{"field": "weight", "kind": "now"}]}]}')) -> 'details',
  '{"rule": "kind", "field": "flow.transitions.0.updates.0.kind"}', 'now into a number is refused');

select public.save_flow(:'bp', 0, format('{
  "state_field": "status",
  "states": [{"key": "PENDING", "x": 0, "y": 0}, {"key": "IN_PROGRESS", "x": 200, "y": 0}, {"key": "DELIVERED", "x": 400, "y": 0}],
  "transitions": [
    {"key": "start", "name": "Delivery started", "from": ["PENDING"], "to": "IN_PROGRESS",
     "guard": {"field": "weight", "op": "gt", "value": 0},
     "updates": [{"field": "started_at", "kind": "now"}, {"field": "courier", "kind": "current_user"},
                 {"field": "attempts", "kind": "add", "operand": 1}]},
    {"key": "deliver", "name": "Delivered", "from": ["IN_PROGRESS"], "to": "DELIVERED",
     "inputs": [{"key": "note", "label": "Delivery note", "type": "long_text", "required": true}],
     "updates": [{"field": "delivered_at", "kind": "now"}, {"field": "note", "kind": "input", "from": "note"}]},
    {"key": "reset", "name": "Reset", "to": "PENDING", "roles": ["%s"]}
  ]}', :'admin_role')::jsonb) as flow \gset
select is(jsonb_array_length(:'flow'::jsonb -> 'transitions'), 3, 'a flow is saved as a graph of transitions');
select is(:'flow'::jsonb #> '{states,1}', '{"x": 200, "y": 0, "key": "IN_PROGRESS"}', 'with state positions');

select tests.authenticate_as(:'editor_user');
select (public.create_entity(:'bp', '{"cargo": "Piano", "weight": 0}') ->> 'id') as heavy \gset
select (public.create_entity(:'bp', '{"cargo": "Books", "weight": 12}') ->> 'id') as books \gset

-- deny: the guard, the state, the version, the input
select is(tests.error_of(format('select public.transition_entity(%L, %L, null, 1)', :'heavy', 'start')),
  '{"code": "FOCON", "hint": null, "details": {"rule": "guard", "field": null}, "message": "\"Delivery started\" is not possible now: it needs weight > 0."}',
  'a failing guard is refused, saying what it needs');
select is(tests.error_of(format('select public.transition_entity(%L, %L, %L, 1)', :'books', 'deliver', '{"note": "x"}')) -> 'details',
  '{"rule": "from_state", "field": "status"}', 'a transition from a wrong state is refused');
select is(tests.error_of(format('select public.transition_entity(%L, %L, null, 7)', :'books', 'start')) -> 'details',
  '{"rule": "stale", "field": "expected_version"}', 'a stale version is refused');
select is(tests.error_of(format('select public.transition_entity(%L, %L, null, 1)', :'books', 'fly')) ->> 'code', 'FONF0',
  'an unknown transition is refused');
select is((public.get_entity(:'books') ->> 'version')::integer, 1, 'refusals write nothing');

-- allow: start, then deliver with the note
select public.transition_entity(:'books', 'start', null, 1) as started \gset
select is(:'started'::jsonb #>> '{data,status}', 'IN_PROGRESS', 'a transition sets the state');
select ok(:'started'::jsonb #>> '{data,started_at}' is not null, 'and started_at to now');
select is(:'started'::jsonb #>> '{data,courier}', :'editor_user', 'and the courier to the runner');
select is(:'started'::jsonb #> '{data,attempts}', '1', 'and counts the attempt');
select is(tests.error_of(format('select public.transition_entity(%L, %L, %L, 2)', :'books', 'deliver', '{}')) -> 'details',
  '{"rule": "required", "field": "input.note"}', 'a missing input is refused');
select is((public.transition_entity(:'books', 'deliver', '{"note": "Left at the door"}', 2)) #>> '{data,note}', 'Left at the door',
  'an input fills its field');

-- deny: roles
select is((public.transition_entity(:'books', 'reset', null, 3)) ->> 'code', 'FODEN', 'a transition limited to Admins is refused to an Editor');
select tests.authenticate_as(:'viewer_user');
select is((public.transition_entity(:'heavy', 'start', null, 1)) ->> 'code', 'FODEN', 'a Viewer runs no transition');

-- history and audit
select tests.clear_authentication();
select is((select array_agg(coalesce(transition_key, action) || ':' || coalesce(from_state, '-') || '>' || coalesce(to_state, '-') order by id)
           from public.entity_history where entity_id = :'books'),
  array['create:->-', 'start:PENDING>IN_PROGRESS', 'deliver:IN_PROGRESS>DELIVERED'], 'each transition is in the entity''s history');
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant' and action = 'transition_entity' and outcome = 'success'), 2,
  'and in the audit log');

select * from finish();
rollback;
