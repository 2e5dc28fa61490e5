-- Rule: a write carries the version it was made from; a stale expected_version is
-- refused with 409 FOCON (expected_version/stale) and writes nothing, never merged.
begin;
select plan(7);

select tests.create_user('editor-503@example.test') as editor_user \gset
select tests.authenticate_as(:'editor_user');
select (public.create_tenant('Stale 503', 'stale-503', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_blueprint(:'tenant', 'Notes', '[{"key": "text", "label": "Text", "type": "text"}, {"key": "n", "label": "N", "type": "integer"}]') ->> 'id') as bp \gset
select (public.create_entity(:'bp', '{"text": "first"}') ->> 'id') as id \gset

-- allow: the current version
select is((public.update_entity(:'id', 1, '{"text": "second"}') ->> 'version')::integer, 2, 'an update from the current version succeeds and bumps it');
-- deny: the same version again (someone else saved meanwhile)
select is(tests.error_of(format('select public.update_entity(%L, 1, %L)', :'id', '{"n": 5}')),
  '{"code": "FOCON", "hint": null, "details": {"rule": "stale", "field": "expected_version"}, "message": "The entity changed since you loaded it (it is at version 2, you edited version 1). Reload it and apply your changes again."}',
  'a stale update is refused with a clear error');
select is(public.get_entity(:'id') -> 'data', '{"text": "second"}', 'and writes nothing');
-- deny: no version at all
select is(tests.error_of(format('select public.update_entity(%L, null, %L)', :'id', '{"n": 5}')) -> 'details',
  '{"rule": "required", "field": "expected_version"}', 'an update without expected_version is refused');
-- deny in bulk: one stale row refuses the whole batch
select is(tests.error_of(format('select public.update_entities(%L)', jsonb_build_array(
  jsonb_build_object('id', :'id', 'expected_version', 2, 'changes', '{"n": 1}'::jsonb),
  jsonb_build_object('id', :'id', 'expected_version', 2, 'changes', '{"n": 2}'::jsonb)))) -> 'details',
  '{"rule": "stale", "field": "updates.1.expected_version"}', 'a batch with a stale row is refused, naming the row');
select is((public.get_entity(:'id') ->> 'version')::integer, 2, 'and none of it is written');
-- allow: history holds each accepted change
select tests.clear_authentication();
select is((select array_agg(action || ':' || entity_version order by id) from public.entity_history where entity_id = :'id'),
  array['create:1', 'update:2'], 'the history has one line per accepted write');

select * from finish();
rollback;
