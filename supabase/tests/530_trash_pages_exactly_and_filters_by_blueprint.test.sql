-- Rule: the trash pages deleted records exactly, also when a bulk delete gave many of them
-- the same deleted_at (the cursor is deleted_at and id), and lists one blueprint's deleted
-- records on request.
begin;
select plan(7);

select tests.create_user('admin-530@example.test') as admin_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Trash 530', 'trash-530', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_blueprint(:'tenant', 'Orders', '[{"key": "title", "label": "Title", "type": "text"}]') ->> 'id') as orders \gset
select (public.create_blueprint(:'tenant', 'Notes', '[{"key": "title", "label": "Title", "type": "text"}]') ->> 'id') as notes \gset
select array(select public.create_entity(:'orders', jsonb_build_object('title', 'Order ' || n)) ->> 'id' from generate_series(1, 5) n)::uuid[]
  as order_ids \gset
select public.create_entity(:'notes', '{"title": "Note"}') ->> 'id' as note \gset
-- one bulk delete: five rows with the same deleted_at
select public.delete_entities(:'order_ids') is not null as deleted \gset
select public.delete_entity(:'note') is not null as deleted \gset

-- paging two at a time reaches every deleted order exactly once
create temp table seen (id uuid);
do $$
declare
  page jsonb;
  before timestamptz;
  before_id uuid;
begin
  loop
    page := public.list_trash((select id from public.tenants where slug = 'trash-530'), before, 2, before_id,
      (select id from public.blueprints where name = 'Orders' and deleted_at is null));
    exit when jsonb_array_length(page -> 'entities') = 0;
    insert into seen select (x ->> 'id')::uuid from jsonb_array_elements(page -> 'entities') x;
    before := (page #>> '{entities,-1,deleted_at}')::timestamptz;
    before_id := (page #>> '{entities,-1,id}')::uuid;
  end loop;
end $$;
select is((select count(*)::integer from seen), 5, 'pages of two reach all five bulk-deleted orders');
select is((select count(distinct id)::integer from seen), 5, 'each once');
select set_eq('select id from seen', format('select unnest(%L::uuid[])', :'order_ids'), 'and only orders');

-- the blueprint filter, and no filter
select is((select array_agg(x ->> 'blueprint_id') from jsonb_array_elements(public.list_trash(:'tenant', p_blueprint_id => :'notes') -> 'entities') x),
  array[:'notes'], 'one blueprint''s deleted records on request');
select is(jsonb_array_length(public.list_trash(:'tenant') -> 'entities'), 6, 'without a filter, every deleted record');

-- bad cursors are refused by name
select is(tests.error_of(format('select public.list_trash(%L, p_before_id => %L)', :'tenant', :'note')) -> 'details',
  '{"rule": "required", "field": "before"}', 'a cursor id without its deleted_at is refused');
select is(tests.error_of(format('select public.list_trash(%L, p_limit => 0)', :'tenant')) -> 'details',
  '{"rule": "range", "field": "limit"}', 'a page size out of range is refused');

select * from finish();
rollback;
