-- Rule: a saved grid view is seen by its owner, and by every member who may read the
-- blueprint's entities once it is shared; only its owner or an Admin changes or deletes
-- it; its configuration is checked as query_entities checks a query (unknown fields,
-- operators, hidden fields); views are written only through save_view / delete_view.
-- Every allow is paired with a deny.
begin;
select plan(37);

-- ----------------------------------------------------------------------------
-- Fixture: a tenant with an Admin, an Editor, a Viewer, a member without any grant on
-- the blueprint, a member who cannot read "secret", and someone of another tenant
-- ----------------------------------------------------------------------------

select tests.create_user('admin-540@example.test') as admin_user \gset
select tests.create_user('editor-540@example.test') as editor_user \gset
select tests.create_user('viewer-540@example.test') as viewer_user \gset
select tests.create_user('nobody-540@example.test') as nobody_user \gset
select tests.create_user('limited-540@example.test') as limited_user \gset
select tests.create_user('outsider-540@example.test') as outsider \gset

select tests.authenticate_as(:'outsider');
select (public.create_tenant('Elsewhere 540', 'elsewhere-540', 'UTC', 'en') ->> 'id') as other_tenant \gset

select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Views 540', 'views-540', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_role(:'tenant', 'No access', '', '{}') ->> 'id') as no_access \gset
select (public.create_role(:'tenant', 'Limited', '', '{}') ->> 'id') as limited_role \gset
select (public.create_blueprint(:'tenant', 'Orders', '[
  {"key": "title", "label": "Title", "type": "text"},
  {"key": "amount", "label": "Amount", "type": "number"},
  {"key": "notes", "label": "Notes", "type": "long_text"},
  {"key": "secret", "label": "Secret", "type": "text"}
]') ->> 'id') as orders \gset
select public.set_role_permissions(:'limited_role', :'orders', '[{"action": "read", "fields": ["title", "amount"]}]');
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values
  (:'tenant', :'editor_user'), (:'tenant', :'viewer_user'), (:'tenant', :'nobody_user'), (:'tenant', :'limited_user');
insert into public.member_roles (tenant_id, user_id, role_id) values
  (:'tenant', :'editor_user', (select id from public.roles where tenant_id = :'tenant' and key = 'editor')),
  (:'tenant', :'viewer_user', (select id from public.roles where tenant_id = :'tenant' and key = 'viewer')),
  (:'tenant', :'nobody_user', :'no_access'),
  (:'tenant', :'limited_user', :'limited_role');

-- ----------------------------------------------------------------------------
-- Saving and seeing
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'editor_user');
select (public.save_view(:'orders', '  Big orders ', '{
  "filter": {"field": "amount", "op": "gt", "value": 100},
  "sort": [{"field": "amount", "direction": "desc"}, {"field": "created_at", "direction": "asc"}],
  "columns": ["title", "amount", "created_at"], "widths": {"title": 240}, "search": "  "
}') ->> 'id') as view_id \gset
select results_eq(
  format('select name, shared, version, owner_id, config from public.saved_views where id = %L', :'view_id'),
  format($$values ('Big orders', false, 1, %L::uuid, '{"filter": {"field": "amount", "op": "gt", "value": 100},
    "sort": [{"field": "amount", "direction": "desc"}, {"field": "created_at", "direction": "asc"}],
    "columns": ["title", "amount", "created_at"], "widths": {"title": 240}}'::jsonb)$$, :'editor_user'),
  'a member who reads the blueprint saves a view (name trimmed, blank search dropped)');
select is((select count(*)::integer from public.saved_views), 1, 'the owner sees their private view');

select tests.authenticate_as(:'viewer_user');
select is((select count(*)::integer from public.saved_views), 0, 'another member does not see a private view');
select is((tests.error_of(format('select public.delete_view(%L)', :'view_id')) ->> 'code'), 'FONF0',
  'a private view of someone else is "not found", not "forbidden"');

select tests.authenticate_as(:'editor_user');
select is((public.save_view(:'orders', 'Big orders', '{"sort": [{"field": "amount", "direction": "desc"}]}', true, :'view_id', 1) ->> 'version')::integer,
  2, 'the owner shares their view (a new version)');

select tests.authenticate_as(:'viewer_user');
select is((select count(*)::integer from public.saved_views), 1, 'a shared view is seen by a member who reads the blueprint');
select tests.authenticate_as(:'nobody_user');
select is((select count(*)::integer from public.saved_views), 0, 'a shared view is not seen by a member without read on the blueprint');
select is((public.save_view(:'orders', 'Mine', '{}') ->> 'code'), 'FODEN',
  'a member without read on the blueprint cannot save a view of it (audited 403)');
select tests.authenticate_as(:'outsider');
select is((select count(*)::integer from public.saved_views), 0, 'a member of another tenant sees no view');
select is((tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Theirs', '{}')) ->> 'code'), 'FONF0',
  'a blueprint of another tenant is not found');

-- ----------------------------------------------------------------------------
-- Who changes and deletes
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'viewer_user');
select is(tests.error_of(format('select public.save_view(%L, %L, %L, true, %L, 2)', :'orders', 'Mine now', '{}', :'view_id')) ->> 'code',
  null, 'the refused change of a shared view by a non-owner raises nothing (the audited 403 body is returned)');
select is((public.save_view(:'orders', 'Mine now', '{}', true, :'view_id', 2) ->> 'code'), 'FODEN',
  'a reader who does not own a shared view cannot change it');
select is((public.delete_view(:'view_id') ->> 'code'), 'FODEN', 'nor delete it');
select is((select name from public.saved_views where id = :'view_id'), 'Big orders', 'the view is unchanged');
select tests.clear_authentication();
select ok(exists (select 1 from audit.entries where tenant_id = :'tenant' and action = 'delete_view' and outcome = 'denied'),
  'the refused delete is audited');

select tests.authenticate_as(:'admin_user');
select is((public.save_view(:'orders', 'Big orders (checked)', '{}', true, :'view_id', 2) ->> 'version')::integer, 3,
  'an Admin changes a view shared by someone else');
select is(tests.error_of(format('select public.save_view(%L, %L, %L, true, %L, 2)', :'orders', 'Again', '{}', :'view_id')) #>> '{details,rule}',
  'stale', 'a change based on an older version is refused (409 stale)');
select is(tests.error_of(format('select public.save_view(%L, %L, %L, true, %L)', :'orders', 'Again', '{}', :'view_id')) #>> '{details,field}',
  'expected_version', 'a change without the expected version is refused');

select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'big orders (CHECKED)', '{}')) ->> 'code',
  null, 'a member may reuse the name of another member''s view... ');
select tests.authenticate_as(:'editor_user');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'BIG ORDERS (checked)', '{}')) #>> '{details,rule}',
  'unique', '... but not one of their own views (ignoring case)');

-- ----------------------------------------------------------------------------
-- The configuration is checked as a query would be
-- ----------------------------------------------------------------------------

select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Bad', '{"filter": {"field": "nope", "op": "eq", "value": 1}}'))
  #>> '{details,field}', 'config.filter', 'a filter on an unknown field is refused, naming it under config');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Bad', '{"filter": {"field": "notes", "op": "gt", "value": "a"}}'))
  #>> '{details,rule}', 'operator', 'an operator the field does not take is refused');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Bad', '{"sort": [{"field": "notes", "direction": "asc"}]}'))
  #>> '{details,field}', 'config.sort.0', 'a sort on a field without order is refused');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Bad', '{"columns": ["title", "ghost"]}'))
  #>> '{details,field}', 'config.columns.1', 'a column that is not a field is refused');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Bad', '{"columns": ["title", "title"]}'))
  #>> '{details,rule}', 'duplicate', 'a column listed twice is refused');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Bad', '{"widths": {"title": 12}}'))
  #>> '{details,field}', 'config.widths.title', 'a width out of range is refused');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Bad', '{"widths": {"title": 120.5}}'))
  #>> '{details,rule}', 'range', 'a fractional width is refused');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Bad', format('{"search": "%s"}', repeat('x', 201))))
  #>> '{details,field}', 'config.search', 'a search longer than 200 characters is refused');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Bad', '{"colour": "red"}'))
  #>> '{details,field}', 'config.colour', 'an unknown part of the configuration is refused');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', '', '{}'))
  #>> '{details,field}', 'name', 'an empty name is refused');

select tests.authenticate_as(:'limited_user');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Probe', '{"filter": {"field": "secret", "op": "eq", "value": "x"}}'))
  #>> '{details,rule}', 'hidden_field', 'a filter on a field the member cannot read is refused (403 hidden_field)');
select is(tests.error_of(format('select public.save_view(%L, %L, %L)', :'orders', 'Probe', '{"sort": [{"field": "secret", "direction": "asc"}]}'))
  #>> '{details,rule}', 'hidden_field', 'so is a sort on it');
select isnt((public.save_view(:'orders', 'My amounts', '{"filter": {"field": "amount", "op": "gt", "value": 1}}') ->> 'id'), null,
  'a filter on readable fields is saved');

-- ----------------------------------------------------------------------------
-- Only through the RPCs; deleting
-- ----------------------------------------------------------------------------

select tests.authenticate_as(:'editor_user');
select throws_ok(format('insert into public.saved_views (tenant_id, blueprint_id, owner_id, name) values (%L, %L, %L, %L)',
  :'tenant', :'orders', :'editor_user', 'Direct'), '42501', null, 'no direct insert into saved_views');
select throws_ok(format('update public.saved_views set shared = true where id = %L', :'view_id'), '42501', null,
  'no direct update of saved_views');
select is((public.delete_view(:'view_id') ->> 'deleted')::boolean, true, 'the owner deletes their view');
select is(tests.error_of(format('select public.delete_view(%L)', :'view_id')) ->> 'code', 'FONF0', 'a deleted view is gone');

select * from finish();
rollback;
