-- Rule: migrating entities to a later version and back restores every one byte for
-- byte (removed fields, lossy casts and merged options are kept aside); an entity
-- that cannot be converted is reported with the field and rule and left exactly as
-- it was; a dry run reports the same and writes nothing.
begin;
select plan(16);

select tests.create_user('editor-505@example.test') as editor_user \gset
select tests.authenticate_as(:'editor_user');
select (public.create_tenant('Migrations 505', 'migrations-505', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_blueprint(:'tenant', 'Products', '[
  {"key": "name", "label": "Name", "type": "text", "required": true},
  {"key": "qty", "label": "Qty", "type": "integer"},
  {"key": "size", "label": "Size", "type": "single_select", "options": [{"value": "S"}, {"value": "M"}, {"value": "L"}]},
  {"key": "tags", "label": "Tags", "type": "multi_select", "options": [{"value": "new"}, {"value": "hot"}, {"value": "sale"}]},
  {"key": "price", "label": "Price", "type": "number", "scale": 2},
  {"key": "note", "label": "Note", "type": "long_text"}
]') ->> 'id') as bp \gset
select count(public.create_entity(:'bp', d)) from (values
  ('{"name": "Alpha", "qty": 3, "size": "S", "tags": ["new", "sale"], "price": 10, "note": "first\nline"}'::jsonb),
  ('{"name": "Bravo", "qty": 0, "size": "M", "tags": ["hot"], "price": 2}'::jsonb),
  ('{"name": "Charlie", "size": "L", "price": 7.25}'::jsonb),
  ('{"name": "Delta", "qty": 12, "tags": ["sale", "hot"], "note": "kept aside"}'::jsonb)
) v(d);
select tests.clear_authentication();
create temp table before_migration on commit drop as
  select id, data::text as data_text, version from public.entities where blueprint_id = :'bp';
grant select on before_migration to authenticated;
select tests.authenticate_as(:'editor_user');

select public.update_blueprint(:'bp', 1, '[
  {"op": "rename_field", "from": "name", "to": "title"},
  {"op": "change_type", "key": "qty", "field": {"key": "qty", "label": "Qty", "type": "text"}},
  {"op": "merge_options", "key": "tags", "from": ["hot"], "into": "sale"},
  {"op": "merge_options", "key": "size", "from": ["S"], "into": "M"},
  {"op": "remove_field", "key": "note"},
  {"op": "add_field", "field": {"key": "color", "label": "Color", "type": "text", "default": {"kind": "literal", "value": "red"}}},
  {"op": "change_type", "key": "price", "field": {"key": "price", "label": "Price", "type": "integer"}}
]') is not null as v2 \gset

-- a dry run: three convert, one (price 7.25 cannot become a whole number) cannot
select public.migrate_entities(:'bp', 2, p_dry_run => true) as dry \gset
select is((:'dry'::jsonb ->> 'would_migrate')::integer, 3, 'a dry run counts the entities that would change');
select is(:'dry'::jsonb #>> '{failures,0,field}', 'price', 'and names the field of the one that cannot');
select is(:'dry'::jsonb #>> '{failures,0,rule}', 'integer', 'and the rule it breaks');
select tests.clear_authentication();
select is((select count(*)::integer from public.entities e join before_migration b using (id) where e.data::text = b.data_text and e.blueprint_version = 1),
  4, 'the dry run wrote nothing');
select tests.authenticate_as(:'editor_user');

-- forward
select public.migrate_entities(:'bp', 2) as fwd \gset
select is((:'fwd'::jsonb ->> 'migrated')::integer, 3, 'three entities migrate forward');
select is(:'fwd'::jsonb #>> '{failures,0,message}', '"price" must be a whole number.', 'the fourth is reported with a clear message');
select tests.clear_authentication();
select is((select data from public.entities where blueprint_id = :'bp' and data ->> 'title' = 'Alpha'),
  '{"qty": "3", "size": "M", "tags": ["new", "sale"], "color": "red", "price": 10, "title": "Alpha"}',
  'a migrated entity has version 2''s shape');
select is((select e.data::text from public.entities e join before_migration b using (id) where b.data_text like '%Charlie%'),
  (select data_text from before_migration where data_text like '%Charlie%'), 'the unconvertible one is exactly as it was');
select is((select blueprint_version from public.entities where data ->> 'name' = 'Charlie'), 1, 'and still at version 1');
select ok((select retained is not null from public.entities where data ->> 'title' = 'Alpha'), 'what version 2 cannot hold is kept aside');
select tests.authenticate_as(:'editor_user');

-- and back
select public.migrate_entities(:'bp', 1) as back \gset
select is((:'back'::jsonb ->> 'migrated')::integer, 3, 'the three migrate back');
select tests.clear_authentication();
select is((select count(*)::integer from public.entities e join before_migration b using (id) where e.data::text = b.data_text),
  4, 'every entity is back byte for byte');
select is((select count(*)::integer from public.entities where blueprint_id = :'bp' and retained ? '1'), 0,
  'what was kept for version 1 went back into the entities (only version 2''s values wait for a way forward)');
select is((select count(*)::integer from public.entities where blueprint_id = :'bp' and blueprint_version = 1), 4, 'all at version 1');

-- a value changed at version 2 survives the way back (under the old key)
select id as bravo from public.entities where data ->> 'name' = 'Bravo' \gset
select tests.authenticate_as(:'editor_user');
select public.migrate_entities(:'bp', 2, array[:'bravo']::uuid[]) is not null as fwd2 \gset
select public.update_entity(:'bravo', 4, '{"title": "Bravo II"}') is not null as edited \gset
select public.migrate_entities(:'bp', 1, array[:'bravo']::uuid[]) is not null as back2 \gset
select is(public.get_entity(:'bravo') -> 'data', '{"qty": 0, "name": "Bravo II", "size": "M", "tags": ["hot"], "price": 2}',
  'an edit made at version 2 is carried back');
select is((public.get_entity(:'bravo') ->> 'blueprint_version')::integer, 1, 'to version 1');

select * from finish();
rollback;
