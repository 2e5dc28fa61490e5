-- Rule: deleting never destroys. A deleted entity or blueprint sits in the trash and
-- comes back as it was; a blueprint takes its entities with it and brings exactly
-- those back. References hold a delete up (restrict) or empty themselves (set_null).
-- Purging is for Admins only and audited; the job purges what outlived the retention.
begin;
select plan(24);

select tests.create_user('admin-504@example.test') as admin_user \gset
select tests.create_user('editor-504@example.test') as editor_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Trash 504', 'trash-504', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'editor_user');
insert into public.member_roles (tenant_id, user_id, role_id)
  select :'tenant'::uuid, :'editor_user'::uuid, id from public.roles where tenant_id = :'tenant' and key = 'editor';

select tests.authenticate_as(:'editor_user');
select (public.create_blueprint(:'tenant', 'Customers', '[{"key": "name", "label": "Name", "type": "text", "unique": true}]') ->> 'id') as customers \gset
select (public.create_blueprint(:'tenant', 'Orders', format('[
  {"key": "title", "label": "Title", "type": "text"},
  {"key": "customer", "label": "Customer", "type": "reference", "reference": {"blueprint_id": "%s", "on_delete": "restrict"}},
  {"key": "contact", "label": "Contact", "type": "reference", "reference": {"blueprint_id": "%s", "on_delete": "set_null"}}
]', :'customers', :'customers')::jsonb) ->> 'id') as orders \gset
select (public.create_entity(:'customers', '{"name": "Acme"}') ->> 'id') as acme \gset
select (public.create_entity(:'customers', '{"name": "Bolt"}') ->> 'id') as bolt \gset
select (public.create_entity(:'customers', '{"name": "Kept"}') ->> 'id') as kept \gset
select (public.create_entity(:'orders', jsonb_build_object('title', 'O-1', 'customer', :'acme', 'contact', :'bolt')) ->> 'id') as order1 \gset

-- references: restrict holds the delete up, set_null empties the field
select is(tests.error_of(format('select public.delete_entity(%L)', :'acme')) -> 'details', '{"rule": "referenced", "field": "customer"}',
  'an entity referenced with restrict cannot be deleted');
select ok((public.delete_entity(:'bolt') ->> 'deleted_at') is not null, 'an entity referenced with set_null can');
select is(public.get_entity(:'order1') -> 'data', jsonb_build_object('title', 'O-1', 'customer', :'acme'),
  'and the referring field is emptied');
select is(tests.error_of(format('select public.create_entity(%L, %L)', :'orders', jsonb_build_object('customer', :'bolt'))) -> 'details',
  '{"rule": "reference", "field": "customer"}', 'a trashed entity cannot be referenced');

-- an entity: trash and back
select is((public.restore_entity(:'bolt') -> 'data'), '{"name": "Bolt"}', 'a trashed entity is restored as it was');
select (public.create_entity(:'customers', '{"name": "Gone"}') ->> 'id') as gone \gset
select public.delete_entity(:'gone') is not null as deleted \gset
select (public.create_entity(:'customers', '{"name": "GONE"}') ->> 'id') as gone_again \gset
select is(tests.error_of(format('select public.restore_entity(%L)', :'gone')) -> 'details', '{"rule": "unique", "field": "name"}',
  'a restore whose unique value was taken meanwhile is refused');
select public.delete_entity(:'gone_again') is not null as deleted \gset

-- a blueprint: its entities go with it and come back, earlier-deleted ones stay
select public.delete_entity(:'order1') is not null as deleted \gset
select public.delete_entity(:'kept') is not null as kept_deleted \gset
select (public.delete_blueprint(:'customers') ->> 'entities_trashed')::integer as trashed_count \gset
select is(:'trashed_count'::integer, 2, 'deleting a blueprint moves its live entities to the trash');
select is(tests.error_of(format('select public.create_entity(%L, %L)', :'customers', '{"name": "X"}')) -> 'details',
  '{"rule": "in_trash", "field": "blueprint_id"}', 'no new entities while it is in the trash');
select is(jsonb_array_length(public.list_trash(:'tenant') -> 'blueprints'), 1, 'the trash lists the blueprint');
select is((public.list_trash(:'tenant') #>> '{blueprints,0,entities}')::integer, 2, 'with the entities that went with it');
select is(tests.error_of(format('select public.restore_entity(%L)', :'acme')) -> 'details', '{"rule": "in_trash", "field": "blueprint_id"}',
  'its entities come back only with it');
select is((public.restore_blueprint(:'customers') ->> 'entities_restored')::integer, 2, 'restoring it brings its entities back');
select is((public.get_entity(:'acme') ->> 'deleted_at'), null, 'live again');
select ok((public.get_entity(:'kept') ->> 'deleted_at') is not null, 'an entity deleted before the blueprint stays in the trash');
select is((select count(*)::integer from public.blueprint_versions where blueprint_id = :'customers'), 1, 'the blueprint''s versions survived');

-- purge: Admins only, audited
select is((public.purge_trash(:'tenant', null, array[:'kept']::uuid[]) ->> 'code'), 'FODEN', 'an Editor cannot purge');
select tests.authenticate_as(:'admin_user');
select is(tests.error_of(format('select public.purge_trash(%L, null, %L)', :'tenant', array[:'acme']::uuid[])) -> 'details',
  '{"rule": "in_trash", "field": "entity_ids"}', 'only what is in the trash can be purged');
select is((public.purge_trash(:'tenant', null, array[:'kept']::uuid[]) ->> 'entities_purged')::integer, 1, 'an Admin purges');
select tests.clear_authentication();
select is((select count(*)::integer from public.entities where id = :'kept'), 0, 'the purged entity is gone');
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant' and action = 'purge_entity' and object_id = :'kept'), 1,
  'the purge is audited');

-- the retention is a tenant setting (Admins)
select tests.authenticate_as(:'admin_user');
select is(tests.error_of(format('select public.update_tenant(%L, %L)', :'tenant', '{"trash_retention_days": 0}')) -> 'details',
  '{"rule": "range", "field": "trash_retention_days"}', 'a retention under a day is refused');
select is((public.update_tenant(:'tenant', '{"trash_retention_days": 30}') ->> 'trash_retention_days')::integer, 30, 'an Admin sets it');
select tests.clear_authentication();

-- the job: only what outlived the tenant's retention
update public.entities set deleted_at = now() - interval '31 days' where id = :'gone';
select ok(private.purge_expired_trash() >= 1, 'the job purges what stayed longer than 30 days');
select is((select count(*)::integer from public.entities where id in (:'gone', :'gone_again')), 1,
  'and keeps what was deleted recently');

select * from finish();
rollback;
