-- Rule: blueprints are created and edited by members holding manage_blueprints
-- (Admin, Editor); a Viewer is refused with an audited 403, a non-member gets 404.
-- Names are unique per tenant ignoring case, keys are derived and unique, every
-- edit makes a new version with its change list, and a stale edit is refused.
begin;
select plan(24);

select tests.create_user('admin-500@example.test') as admin_user \gset
select tests.create_user('editor-500@example.test') as editor_user \gset
select tests.create_user('viewer-500@example.test') as viewer_user \gset
select tests.create_user('outsider-500@example.test') as outsider_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Blueprints 500', 'blueprints-500', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'editor_user'), (:'tenant', :'viewer_user');
insert into public.member_roles (tenant_id, user_id, role_id)
  select :'tenant'::uuid, :'editor_user'::uuid, id from public.roles where tenant_id = :'tenant' and key = 'editor'
  union all select :'tenant'::uuid, :'viewer_user'::uuid, id from public.roles where tenant_id = :'tenant' and key = 'viewer';

-- allow: an Editor creates a blueprint; the key comes from the name
select tests.authenticate_as(:'editor_user');
select public.create_blueprint(:'tenant', ' Stock Items ', '[{"key": "name", "label": "Name", "type": "text", "required": true}]') as bp \gset
select is(:'bp'::jsonb ->> 'name', 'Stock Items', 'an Editor creates a blueprint (name trimmed)');
select is(:'bp'::jsonb ->> 'key', 'stock_items', 'its key is derived from the name');
select is((:'bp'::jsonb ->> 'version')::integer, 1, 'it starts at version 1');
select is(:'bp'::jsonb #> '{fields,0}', '{"key": "name", "type": "text", "label": "Name", "unique": false, "indexed": false, "required": true}'::jsonb,
  'its fields come back completed');
select :'bp'::jsonb ->> 'id' as blueprint \gset

-- deny: the same name in another case, and the same key
select is(tests.error_of(format('select public.create_blueprint(%L, %L, %L)', :'tenant', 'STOCK items', '[{"key": "a", "label": "A", "type": "text"}]')),
  '{"code": "FOCON", "hint": null, "details": {"rule": "unique", "field": "name"}, "message": "This tenant already has a blueprint named \"STOCK items\"."}'::jsonb,
  'a name differing only in case is refused');
select is(tests.error_of(format('select public.create_blueprint(%L, %L, %L, %L)', :'tenant', 'Other', '[{"key": "a", "label": "A", "type": "text"}]', 'stock_items')) #> '{details}',
  '{"rule": "unique", "field": "key"}', 'a taken key is refused');
select is((public.create_blueprint(:'tenant', 'Stock-Items!', '[{"key": "a", "label": "A", "type": "text"}]') ->> 'key'), 'stock_items_2',
  'a derived key that is taken gets a suffix');

-- allow: editing makes version 2 with the declared changes; the old version stays
select public.update_blueprint(:'blueprint', 1, '[
  {"op": "add_field", "field": {"key": "qty", "label": "Quantity", "type": "integer", "min": 0}},
  {"op": "rename_field", "from": "name", "to": "title"},
  {"op": "set_details", "description": "What we keep"}
]') as v2 \gset
select is((:'v2'::jsonb ->> 'version')::integer, 2, 'an edit makes version 2');
select is(jsonb_path_query_array(:'v2'::jsonb, '$.fields[*].key'), '["title", "qty"]', 'with the new field list');
select is(:'v2'::jsonb ->> 'description', 'What we keep', 'and the new details');
select is((select fields #>> '{0,key}' from public.blueprint_versions where blueprint_id = :'blueprint' and version = 1), 'name',
  'version 1 is kept as it was');
select is((select changes -> 2 -> 'before' ->> 'description' from public.blueprint_versions where blueprint_id = :'blueprint' and version = 2), null,
  'the stored change list records what details were before');
select is((select jsonb_path_query_array(changes, '$[*].op') from public.blueprint_versions where blueprint_id = :'blueprint' and version = 2),
  '["add_field", "rename_field", "set_details"]', 'version 2 stores its change list');

-- deny: a stale edit, an unknown change, a bad field
select is(tests.error_of(format('select public.update_blueprint(%L, 1, %L)', :'blueprint', '[{"op": "remove_field", "key": "qty"}]')) #> '{details}',
  '{"rule": "stale", "field": "expected_version"}', 'an edit of version 1 after version 2 exists is refused');
select is(tests.error_of(format('select public.update_blueprint(%L, 2, %L)', :'blueprint', '[{"op": "drop_everything"}]')) #> '{details}',
  '{"rule": "op", "field": "changes.0.op"}', 'an unknown change is refused, naming it');
select is(tests.error_of(format('select public.update_blueprint(%L, 2, %L)', :'blueprint',
  '[{"op": "change_type", "key": "qty", "field": {"key": "qty", "label": "Q", "type": "member"}}]')) #> '{details}',
  '{"rule": "cast", "field": "changes.0.field.type"}', 'a type change without a cast rule is refused');
select is(tests.error_of(format('select public.update_blueprint(%L, 2, %L)', :'blueprint', '[{"op": "remove_field", "key": "title"}, {"op": "remove_field", "key": "qty"}]')) #> '{details}',
  '{"rule": "size", "field": "fields"}', 'removing every field is refused');
select is((select version from public.blueprints where id = :'blueprint'), 2, 'refused edits leave the blueprint at version 2');

-- deny: a Viewer may not create or edit (403, audited); a non-member gets 404
select tests.authenticate_as(:'viewer_user');
select is((public.create_blueprint(:'tenant', 'Viewer Made', '[{"key": "a", "label": "A", "type": "text"}]') ->> 'code'), 'FODEN',
  'a Viewer cannot create a blueprint');
select is(current_setting('response.status', true), '403', 'with HTTP 403');
select is((public.update_blueprint(:'blueprint', 2, '[{"op": "set_details", "name": "Mine"}]') ->> 'code'), 'FODEN', 'nor edit one');
select tests.authenticate_as(:'outsider_user');
select is(tests.error_of(format('select public.update_blueprint(%L, 2, %L)', :'blueprint', '[{"op": "set_details", "name": "Mine"}]')) ->> 'code',
  'FONF0', 'a non-member does not learn the blueprint exists');
select is((select count(*)::integer from public.blueprints where id = :'blueprint'), 0, 'nor can read it');
select tests.clear_authentication();
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant' and actor_id = :'viewer_user' and outcome = 'denied'), 2,
  'the Viewer''s attempts are audited');

select * from finish();
rollback;
