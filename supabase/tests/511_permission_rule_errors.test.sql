-- Rule: grants are checked when saved (docs/permissions.md, Errors at save time): a bad
-- grant is refused with 422 FOVAL, `field` pointing into the input and the rule it
-- broke, and nothing is saved; the same grants written correctly are saved.
begin;
select plan(47);

select tests.create_user('admin-511@example.test') as admin_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Rule errors 511', 'rule-errors-511', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_role(:'tenant', 'Sales', '', '{}') ->> 'id') as sales \gset
select (public.create_blueprint(:'tenant', 'Deals', '[
  {"key": "title", "label": "Title", "type": "text", "required": true},
  {"key": "amount", "label": "Amount", "type": "number"},
  {"key": "owner", "label": "Owner", "type": "member"},
  {"key": "region", "label": "Region", "type": "single_select", "options": [{"value": "north"}, {"value": "south"}]},
  {"key": "due", "label": "Due", "type": "date"},
  {"key": "tags", "label": "Tags", "type": "multi_select", "options": [{"value": "a"}, {"value": "b"}]},
  {"key": "notes", "label": "Notes", "type": "long_text"},
  {"key": "price", "label": "Price", "type": "currency"},
  {"key": "status", "label": "Status", "type": "status", "options": [{"value": "OPEN"}, {"value": "WON"}]}
]') ->> 'id') as deals \gset
select public.save_flow(:'deals', 0, '{"state_field": "status", "states": [{"key": "OPEN", "x": 0, "y": 0}, {"key": "WON", "x": 1, "y": 0}],
  "transitions": [{"key": "win", "name": "Won", "to": "WON"}]}') is not null as flow_saved \gset

-- The refusal of saving p_grants for Sales on Deals: {code, details} (null when saved).
create function pg_temp.refusal(p_grants text) returns jsonb
language sql as $$
  select tests.error_of(format('select public.set_role_permissions(%L, %L, %L)',
    current_setting('tests.sales'), current_setting('tests.deals'), p_grants)) - 'message' - 'hint'
$$;
select set_config('tests.sales', :'sales', true), set_config('tests.deals', :'deals', true) is not null as configured \gset

-- ----------------------------------------------------------------------------
-- Fields and operators
-- ----------------------------------------------------------------------------

select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "nope", "op": "eq", "value": 1}}]'),
  '{"code": "FOVAL", "details": {"field": "grants.0.rows", "rule": "unknown_field"}}', 'an unknown field in a row rule');
select is(pg_temp.refusal('[{"action": "read", "fields": ["title", "title", "nope"]}]') -> 'details',
  '{"field": "grants.0.fields.2", "rule": "unknown_field"}', 'an unknown field in fields, at its index in the input');
select is(pg_temp.refusal('[{"action": "read"}, {"action": "update", "validation": {"and": [{"field": "title", "op": "eq", "value": "x"}, {"field": "nope", "op": "is_null", "value": true}]}}]') -> 'details',
  '{"field": "grants.1.validation.and.1", "rule": "unknown_field"}', 'an unknown field deep in a validation names the condition');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "amount", "op": "contains", "value": "1"}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "operator"}', 'an operator the field''s type does not take');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "amount", "op": "eq", "value": "ten"}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "value"}', 'a value of the wrong type');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "region", "op": "eq", "value": "west"}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "value"}', 'an option the field does not have');
select is(pg_temp.refusal(format('[{"action": "read", "rows": {"field": "region", "op": "in", "value": %s}}]',
  (select jsonb_agg('north'::text) from generate_series(1, 501)))) -> 'details',
  '{"field": "grants.0.rows", "rule": "list_size"}', 'an in list of more than 500 values');

-- ----------------------------------------------------------------------------
-- Variables
-- ----------------------------------------------------------------------------

select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "title", "op": "eq", "value": {"var": "user.name"}}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "unknown_variable"}', 'an unknown variable');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "title", "op": "eq", "value": {"var": "member.Region"}}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "unknown_variable"}', 'a member attribute that is no attribute key');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "title", "op": "eq", "value": {"var": "user.id", "x": 1}}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "shape"}', 'a variable with more than its name');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "amount", "op": "eq", "value": {"var": "user.id"}}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "variable_type"}', 'user.id on a number field');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "title", "op": "lt", "value": {"var": "now"}}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "variable_type"}', 'now on a text field');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "region", "op": "eq", "value": {"var": "user.roles"}}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "variable_type"}', 'user.roles with eq (it is a list: in)');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "amount", "op": "eq", "value": {"var": "user.email"}}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "variable_type"}', 'user.email on a number field');
select is(pg_temp.refusal('[{"action": "read", "rows": {"field": "owner", "op": "in", "value": {"var": "user.id"}}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "variable_type"}', 'user.id with in');
select is(tests.error_of(format('select public.query_entities(%L, %L)', :'deals', '{"field": "owner", "op": "eq", "value": {"var": "user.id"}}')) -> 'details',
  '{"field": "filter", "rule": "value"}', 'a variable in a query filter (not a grant) is a bad value');

-- ----------------------------------------------------------------------------
-- Size and depth
-- ----------------------------------------------------------------------------

select is(pg_temp.refusal(format('[{"action": "read", "rows": %s}]', repeat('{"not": ', 6) || '{"field": "title", "op": "is_null", "value": true}' || repeat('}', 6))) -> 'details',
  format('{"field": "grants.0.rows%s", "rule": "depth"}', repeat('.not', 6))::jsonb, 'a row rule deeper than 6 levels names the node');
select is(pg_temp.refusal(format('[{"action": "read", "rows": %s}]', repeat('{"not": ', 5) || '{"field": "title", "op": "is_null", "value": true}' || repeat('}', 5))),
  null, 'allow: 6 levels are saved');
select is(pg_temp.refusal(format('[{"action": "read", "rows": {"or": [{"and": %1$s}, {"and": %1$s}, {"field": "title", "op": "eq", "value": "x"}]}}]',
  (select jsonb_agg(jsonb_build_object('field', 'title', 'op', 'eq', 'value', 't' || i)) from generate_series(1, 50) i))) -> 'details',
  '{"field": "grants.0.rows.or.2", "rule": "size"}', 'the 101st condition is refused');
select is(pg_temp.refusal(format('[{"action": "read", "rows": {"or": [{"and": %1$s}, {"and": %1$s}]}}]',
  (select jsonb_agg(jsonb_build_object('field', 'title', 'op', 'eq', 'value', 't' || i)) from generate_series(1, 50) i))),
  null, 'allow: 100 conditions are saved');
select is(pg_temp.refusal((select jsonb_agg(jsonb_build_object('action', 'read')) from generate_series(1, 51))::text) -> 'details',
  '{"field": "grants", "rule": "size"}', 'more than 50 grants');
select is(pg_temp.refusal('{"action": "read"}') -> 'details', '{"field": "grants", "rule": "shape"}', 'grants that are not a list');

-- ----------------------------------------------------------------------------
-- Actions, keys, duplicates, transitions
-- ----------------------------------------------------------------------------

select is(pg_temp.refusal('[{"action": "publish"}]') -> 'details', '{"field": "grants.0.action", "rule": "action"}', 'an unknown action');
select is(pg_temp.refusal('[{"action": "create", "rows": {"field": "title", "op": "eq", "value": "x"}}]') -> 'details',
  '{"field": "grants.0.rows", "rule": "action"}', 'rows on create');
select is(pg_temp.refusal('[{"action": "delete", "fields": ["title"]}]') -> 'details', '{"field": "grants.0.fields", "rule": "action"}', 'fields on delete');
select is(pg_temp.refusal('[{"action": "read", "presets": {"title": "x"}}]') -> 'details', '{"field": "grants.0.presets", "rule": "action"}', 'presets on read');
select is(pg_temp.refusal('[{"action": "update", "transition": "win"}]') -> 'details', '{"field": "grants.0.transition", "rule": "action"}', 'a transition on update');
select is(pg_temp.refusal('[{"action": "read", "fields": "title"}]') -> 'details', '{"field": "grants.0.fields", "rule": "shape"}', 'fields that are not a list');
select is(pg_temp.refusal('[{"action": "read"}, {"action": "create"}, {"action": "read", "fields": ["title"]}]') -> 'details',
  '{"field": "grants.2", "rule": "duplicate"}', 'two grants for the same action');
select is(pg_temp.refusal('[{"action": "transition", "transition": "win"}, {"action": "transition", "transition": "win"}]') -> 'details',
  '{"field": "grants.1", "rule": "duplicate"}', 'two grants for the same transition');
select is(pg_temp.refusal('[{"action": "transition", "transition": "fly"}]') -> 'details',
  '{"field": "grants.0.transition", "rule": "unknown_transition"}', 'a transition the flow does not have');

-- ----------------------------------------------------------------------------
-- Presets
-- ----------------------------------------------------------------------------

select is(pg_temp.refusal('[{"action": "create", "presets": {"region": "west"}}]') -> 'details',
  '{"field": "grants.0.presets.region", "rule": "preset"}', 'a preset value the field does not take');
select is(pg_temp.refusal('[{"action": "create", "presets": {"amount": "ten"}}]') -> 'details',
  '{"field": "grants.0.presets.amount", "rule": "preset"}', 'a preset of the wrong type');
select is(pg_temp.refusal('[{"action": "create", "presets": {"nope": 1}}]') -> 'details',
  '{"field": "grants.0.presets.nope", "rule": "unknown_field"}', 'a preset of an unknown field');
select is(pg_temp.refusal('[{"action": "create", "presets": {"owner": {"var": "user.email"}}}]') -> 'details',
  '{"field": "grants.0.presets.owner", "rule": "variable_type"}', 'a preset variable the field does not take');
select is(pg_temp.refusal('[{"action": "create", "presets": {"title": {"var": "user.roles"}}}]') -> 'details',
  '{"field": "grants.0.presets.title", "rule": "variable_type"}', 'user.roles (a list) presets no field');
select is(pg_temp.refusal('[{"action": "create", "presets": {"title": {"var": 3}}}]') -> 'details',
  '{"field": "grants.0.presets.title", "rule": "unknown_variable"}', 'a preset variable whose name is not a string');
select is(pg_temp.refusal('[{"action": "create", "presets": {"price": {"var": "member.budget"}}}]') -> 'details',
  '{"field": "grants.0.presets.price", "rule": "variable_type"}', 'a member attribute cannot preset a currency');
select is(pg_temp.refusal('[{"action": "create", "presets": {"notes": {"var": "member.budget"}}}]'), null,
  'allow: a member attribute presets a long text');
select is(pg_temp.refusal('[{"action": "create", "presets": {"title": null}}]') -> 'details',
  '{"field": "grants.0.presets.title", "rule": "preset"}', 'a null preset');
select is(pg_temp.refusal('[{"action": "create", "presets": {"title": "ok", "amount": "ten", "due": "never"}}]') -> 'details',
  '{"field": "grants.0.presets.amount", "rule": "preset"}', 'presets are checked in byte order of their keys');
select is(pg_temp.refusal('[{"action": "create", "presets": ["title"]}]') -> 'details',
  '{"field": "grants.0.presets", "rule": "shape"}', 'presets that are not an object');

-- ----------------------------------------------------------------------------
-- A refusal changes nothing; good grants are saved
-- ----------------------------------------------------------------------------

select tests.clear_authentication();
select is((select grants -> 0 -> 'presets' from public.permission_sets where role_id = :'sales'), '{"notes": {"var": "member.budget"}}',
  'refusals leave the grants saved before them (the long text preset) as they were');
select tests.authenticate_as(:'admin_user');
select is(public.set_role_permissions(:'sales', :'deals', '[
  {"action": "read", "rows": {"or": [{"field": "owner", "op": "eq", "value": {"var": "user.id"}},
                                     {"field": "region", "op": "eq", "value": {"var": "member.region"}}]}, "fields": ["title", "amount"]},
  {"action": "create", "fields": ["title", "amount"], "validation": {"field": "amount", "op": "lte", "value": 100},
   "presets": {"owner": {"var": "user.id"}, "region": "north", "due": {"var": "now"}}},
  {"action": "update", "rows": {"field": "tags", "op": "in", "value": {"var": "user.roles"}}, "fields": ["amount"]},
  {"action": "delete", "rows": null},
  {"action": "transition", "transition": "win"},
  {"action": "transition", "rows": {"field": "due", "op": "lt", "value": {"var": "now"}}}
]') -> 'grants' -> 1 -> 'presets', '{"due": {"var": "now"}, "owner": {"var": "user.id"}, "region": "north"}',
  'allow: good grants are saved, presets as given');
select is((select jsonb_array_length(grants) from public.permission_sets where role_id = :'sales' and blueprint_id = :'deals'), 6,
  'all six grants');
select is((select grants -> 3 from public.permission_sets where role_id = :'sales' and blueprint_id = :'deals'), '{"action": "delete"}',
  'saved normalized: a null row rule is no key');
select tests.clear_authentication();
select is((select count(*)::integer from private.compiled_grants where role_id = :'sales' and broken is null), 6, 'and compiled');

select * from finish();
rollback;
