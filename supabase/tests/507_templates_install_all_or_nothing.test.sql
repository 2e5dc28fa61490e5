-- Rule: a template installs its blueprints (references by key, also to itself), flows
-- (roles by key) and sample entities in one transaction; an error names its place in
-- the document and installs nothing; it needs manage_blueprints and manage_flows.
begin;
select plan(12);

select tests.create_user('admin-507@example.test') as admin_user \gset
select tests.create_user('viewer-507@example.test') as viewer_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Templates 507', 'templates-507', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'viewer_user');
insert into public.member_roles (tenant_id, user_id, role_id)
  select :'tenant'::uuid, :'viewer_user'::uuid, id from public.roles where tenant_id = :'tenant' and key = 'viewer';

select '{
  "key": "crm-lite", "name": "CRM lite",
  "blueprints": [
    {"key": "deals", "name": "Deals", "fields": [
      {"key": "title", "label": "Title", "type": "text", "required": true},
      {"key": "company", "label": "Company", "type": "reference", "reference": {"blueprint": "companies"}},
      {"key": "stage", "label": "Stage", "type": "status", "options": [{"value": "OPEN"}, {"value": "WON"}]}],
     "flow": {"state_field": "stage", "transitions": [{"key": "win", "name": "Win", "from": ["OPEN"], "to": "WON", "roles": ["admin"]}]},
     "entities": [{"title": "First deal"}]},
    {"key": "companies", "name": "Companies", "fields": [
      {"key": "name", "label": "Name", "type": "text", "required": true, "unique": true},
      {"key": "parent", "label": "Parent", "type": "reference", "reference": {"blueprint": "companies", "on_delete": "set_null"}}],
     "entities": [{"name": "Acme"}, {"name": "Bolt"}]}
  ]}' as template \gset

-- deny: a Viewer
select tests.authenticate_as(:'viewer_user');
select is((public.install_template(:'tenant', :'template') ->> 'code'), 'FODEN', 'a Viewer cannot install a template');

-- allow: an Admin installs it whole
select tests.authenticate_as(:'admin_user');
select public.install_template(:'tenant', :'template') as installed \gset
select is(jsonb_path_query_array(:'installed'::jsonb, '$.blueprints[*].key'), '["companies", "deals"]',
  'blueprints are created in reference order');
select is((:'installed'::jsonb ->> 'entities')::integer, 3, 'with their sample entities');
select is((select fields #>> '{1,reference,blueprint_id}' from public.blueprint_versions v join public.blueprints b on b.id = v.blueprint_id
           where b.tenant_id = :'tenant' and b.key = 'deals'),
          (select id::text from public.blueprints where tenant_id = :'tenant' and key = 'companies'), 'a reference by key points at the blueprint');
select is((select fields #>> '{1,reference,blueprint_id}' from public.blueprint_versions v join public.blueprints b on b.id = v.blueprint_id
           where b.tenant_id = :'tenant' and b.key = 'companies'),
          (select id::text from public.blueprints where tenant_id = :'tenant' and key = 'companies'), 'a self-reference points at itself');
select is((select transitions #>> '{0,roles,0}' from public.flows f join public.blueprints b on b.id = f.blueprint_id where b.tenant_id = :'tenant'),
          (select id::text from public.roles where tenant_id = :'tenant' and key = 'admin'), 'transition roles by key become role ids');
select tests.clear_authentication();
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant' and action = 'install_template' and outcome = 'success'), 1,
  'the install is audited (the Viewer''s attempt as denied)');
select tests.authenticate_as(:'admin_user');

-- deny: installing it again clashes with the names, and nothing more is written
select is(tests.error_of(format('select public.install_template(%L, %L)', :'tenant', :'template')) -> 'details',
  '{"rule": "unique", "field": "blueprints.1.name"}', 'a clash names the blueprint in the document');
select is((select count(*)::integer from public.blueprints where tenant_id = :'tenant'), 2, 'and installs nothing');

-- deny: an error deep in the second blueprint installs nothing of the first
select is(tests.error_of(format('select public.install_template(%L, %L)', :'tenant',
  '{"key": "x", "name": "X", "blueprints": [{"key": "a", "name": "A2", "fields": [{"key": "f", "label": "F", "type": "text"}]},
    {"key": "b", "name": "B2", "fields": [{"key": "g", "label": "G", "type": "colour"}]}]}')) -> 'details',
  '{"rule": "type", "field": "blueprints.1.fields.0.type"}', 'an error names its place in the document');
select is((select count(*)::integer from public.blueprints where tenant_id = :'tenant'), 2, 'and nothing of the template stays');

-- deny: references in a cycle
select is(tests.error_of(format('select public.install_template(%L, %L)', :'tenant',
  '{"key": "y", "name": "Y", "blueprints": [
    {"key": "p", "name": "P", "fields": [{"key": "q", "label": "Q", "type": "reference", "reference": {"blueprint": "q"}}]},
    {"key": "q", "name": "Q", "fields": [{"key": "p", "label": "P", "type": "reference", "reference": {"blueprint": "p"}}]}]}')) -> 'details',
  '{"rule": "references", "field": "blueprints"}', 'blueprints referencing each other in a cycle are refused');

select * from finish();
rollback;
