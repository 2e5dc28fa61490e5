-- Rule: editing a blueprint leaves existing entities untouched and readable: they keep
-- the version they were written with, are validated against it when updated, and new
-- entities take the latest version.
begin;
select plan(8);

select tests.create_user('editor-502@example.test') as editor_user \gset
select tests.authenticate_as(:'editor_user');
select (public.create_tenant('Versions 502', 'versions-502', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_blueprint(:'tenant', 'Deliveries', '[
  {"key": "cargo", "label": "Cargo", "type": "text", "required": true},
  {"key": "weight", "label": "Weight", "type": "number"}
]') ->> 'id') as bp \gset
select public.create_entity(:'bp', '{"cargo": "Boxes", "weight": 12}') as old_entity \gset
select (:'old_entity'::jsonb ->> 'id') as old_id \gset

select public.update_blueprint(:'bp', 1, '[
  {"op": "rename_field", "from": "cargo", "to": "goods"},
  {"op": "remove_field", "key": "weight"},
  {"op": "add_field", "field": {"key": "fragile", "label": "Fragile", "type": "boolean", "required": true, "default": {"kind": "literal", "value": false}}}
]') is not null as edited \gset

select is(public.get_entity(:'old_id') -> 'data', '{"cargo": "Boxes", "weight": 12}', 'the old entity''s values are untouched');
select is((public.get_entity(:'old_id') ->> 'blueprint_version')::integer, 1, 'it still says version 1');
select is((select fields #>> '{0,key}' from public.blueprint_versions where blueprint_id = :'bp' and version = 1), 'cargo',
  'and version 1''s fields describe it');

-- allow: updating it validates against version 1 (cargo still exists there)
select is(public.update_entity(:'old_id', 1, '{"weight": 13}') -> 'data', '{"cargo": "Boxes", "weight": 13}', 'an old entity is updated under its own version');
-- deny: version 2's fields are not its fields
select is(tests.error_of(format('select public.update_entity(%L, 2, %L)', :'old_id', '{"goods": "Crates"}')) -> 'details',
  '{"rule": "unknown_field", "field": "goods"}', 'a field of a later version is refused for it');

-- allow: a new entity takes version 2 and its defaults
select public.create_entity(:'bp', '{"goods": "Crates"}') as new_entity \gset
select is((:'new_entity'::jsonb ->> 'blueprint_version')::integer, 2, 'a new entity takes the latest version');
select is(:'new_entity'::jsonb -> 'data', '{"goods": "Crates", "fragile": false}', 'with that version''s fields and defaults');
select is(json_array_length(public.query_entities(:'bp') -> 'entities'), 2, 'both are listed');

select * from finish();
rollback;
