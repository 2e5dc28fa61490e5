-- Rule: refusals tell no more than the caller may read, and a template whose sample
-- entities the installer's grants refuse installs nothing.
begin;
select plan(6);

select tests.create_user('admin-512@example.test') as admin_user \gset
select tests.create_user('builder-512@example.test') as builder \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Refusals 512', 'refusals-512', 'UTC', 'en') ->> 'id') as tenant \gset
-- a custom role that designs blueprints and flows and may delete customers, but reads no orders
select (public.create_role(:'tenant', 'Builders', '', '{manage_blueprints,manage_flows}') ->> 'id') as builders \gset
select tests.clear_authentication();
insert into public.tenant_members (tenant_id, user_id) values (:'tenant', :'builder');
insert into public.member_roles (tenant_id, user_id, role_id) values (:'tenant', :'builder', :'builders');

select tests.authenticate_as(:'admin_user');
select (public.create_blueprint(:'tenant', 'Customers', '[{"key": "name", "label": "Name", "type": "text", "required": true}]') ->> 'id')
  as customers \gset
select (public.create_blueprint(:'tenant', 'Orders', format('[
  {"key": "title", "label": "Title", "type": "text", "required": true},
  {"key": "customer", "label": "Customer", "type": "reference", "reference": {"blueprint_id": "%s", "on_delete": "restrict"}}]',
  :'customers')::jsonb) ->> 'id') as orders \gset
select (public.create_entity(:'customers', '{"name": "Acme"}') ->> 'id') as acme \gset
select (public.create_entity(:'orders', format('{"title": "Secret order", "customer": "%s"}', :'acme')::jsonb) ->> 'id') as order_id \gset
select public.set_role_permissions(:'builders', :'customers', '[{"action": "read"}, {"action": "delete"}]') is not null as saved \gset

-- allow: the Admin, who reads the order, is told which entity holds on to the customer
select ok(position(:'order_id' in tests.error_of(format('select public.delete_entity(%L)', :'acme')) ->> 'message') > 0,
  'allow: a refusal names the referencing entity to someone who may read it');

-- deny: the builder, who reads no orders, is told that one exists but not which
select tests.authenticate_as(:'builder');
select is(tests.error_of(format('select public.delete_entity(%L)', :'acme')) -> 'details' ->> 'rule', 'referenced',
  'the builder cannot delete a customer an order still needs');
select ok(position(:'order_id' in tests.error_of(format('select public.delete_entity(%L)', :'acme')) ->> 'message') = 0,
  'deny: the refusal does not name an entity the builder cannot read');

-- A template with sample entities: the builder may create the blueprints but, as a custom
-- role, has no grants on blueprints that do not exist yet, so nothing is installed.
select '{"key": "tasks", "name": "Tasks", "blueprints": [
  {"key": "tasks", "name": "Tasks", "fields": [{"key": "title", "label": "Title", "type": "text", "required": true}],
   "entities": [{"title": "First task"}]}]}' as template \gset
select is(tests.error_of(format('select public.install_template(%L, %L)', :'tenant', :'template')) ->> 'code', 'FODEN',
  'deny: the builder''s grants refuse the sample entities, so the install is refused');
select tests.clear_authentication();
select is((select count(*) from public.blueprints where tenant_id = :'tenant' and name = 'Tasks')::integer, 0,
  'and nothing of the template was installed');

-- allow: the same template without sample entities installs
select tests.authenticate_as(:'builder');
select is((public.install_template(:'tenant', jsonb_set(:'template'::jsonb, '{blueprints,0,entities}', '[]')) ->> 'entities')::integer, 0,
  'allow: the builder installs the template without its sample entities');

select * from finish();
rollback;
