-- ============================================================================
-- Demo fixtures for local development (`npm run dev`, `npm run stack -- db reset`).
-- Fixed UUIDs, no real secrets. Lines starting with `-- demo-login:` are printed
-- by `npm run dev` as the logins to try.
-- ============================================================================

-- demo-login: demo@flexoffice.local / flexoffice-demo (Admin of both demo workspaces)
-- demo-login: editor@flexoffice.local / flexoffice-demo (Editor)
-- demo-login: viewer@flexoffice.local / flexoffice-demo (Viewer)

-- Confirmed email/password users, written the way GoTrue writes them, so they sign in
-- through the normal password flow (also on a hosted project's seed).
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change, email_change_token_current,
  phone_change, phone_change_token, reauthentication_token
)
select '00000000-0000-0000-0000-000000000000', u.id, 'authenticated', 'authenticated',
  u.email, extensions.crypt('flexoffice-demo', extensions.gen_salt('bf', 10)), now(),
  '{"provider": "email", "providers": ["email"]}', jsonb_build_object('full_name', u.full_name), now(), now(),
  '', '', '', '', '', '', '', ''
from (values
  ('d0000000-0000-4000-8000-000000000001'::uuid, 'demo@flexoffice.local', 'Demo User'),
  ('d0000000-0000-4000-8000-000000000002'::uuid, 'editor@flexoffice.local', 'Erika Editor'),
  ('d0000000-0000-4000-8000-000000000003'::uuid, 'viewer@flexoffice.local', 'Viktor Viewer')
) as u (id, email, full_name)
on conflict (id) do nothing;

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
select u.identity_id, u.id::text, u.id,
  jsonb_build_object('sub', u.id, 'email', u.email, 'email_verified', true, 'phone_verified', false),
  'email', now(), now(), now()
from (values
  ('d0000000-0000-4000-8000-000000000101'::uuid, 'd0000000-0000-4000-8000-000000000001'::uuid, 'demo@flexoffice.local'),
  ('d0000000-0000-4000-8000-000000000102'::uuid, 'd0000000-0000-4000-8000-000000000002'::uuid, 'editor@flexoffice.local'),
  ('d0000000-0000-4000-8000-000000000103'::uuid, 'd0000000-0000-4000-8000-000000000003'::uuid, 'viewer@flexoffice.local')
) as u (identity_id, id, email)
on conflict do nothing;

-- ============================================================================
-- The two examples of seed 003, as demo tenants of the demo user: "X Delivery
-- System" (deliveries moving PENDING -> IN_PROGRESS -> DELIVERED through two
-- transitions that stamp started_at / delivered_at) and "X Stock" (stock items).
-- Installed through install_template and the transitions, as the demo user would.
-- ============================================================================
begin;
select set_config('request.jwt.claims', '{"sub": "d0000000-0000-4000-8000-000000000001", "role": "authenticated"}', true);

-- X Delivery System
select (public.create_tenant('X Delivery System', 'x-delivery-system', 'Europe/Berlin', 'en') ->> 'id') is not null;
select public.install_template((select id from public.tenants where slug = 'x-delivery-system'), '{
  "key": "delivery", "name": "Delivery",
  "blueprints": [{
    "key": "deliveries", "name": "Deliveries", "icon": "truck", "description": "Shipments from pick-up to hand-over.",
    "fields": [
      {"key": "deliver_from", "label": "Deliver from", "type": "text", "required": true, "description": "Source destination"},
      {"key": "deliver_to", "label": "Deliver to", "type": "text", "required": true, "indexed": true, "description": "Target destination"},
      {"key": "cargo", "label": "Cargo", "type": "text", "required": true, "description": "Cargo description"},
      {"key": "weight_kg", "label": "Weight (kg)", "type": "number", "scale": 1, "min": 0},
      {"key": "status", "label": "Status", "type": "status", "indexed": true, "options": [
        {"value": "PENDING", "label": "Pending", "color": "gray"},
        {"value": "IN_PROGRESS", "label": "In progress", "color": "blue"},
        {"value": "DELIVERED", "label": "Delivered", "color": "green"}]},
      {"key": "started_at", "label": "Started at", "type": "datetime", "description": "When the delivery was started"},
      {"key": "delivered_at", "label": "Delivered at", "type": "datetime", "description": "When the delivery was completed"}
    ],
    "flow": {
      "state_field": "status",
      "states": [{"key": "PENDING", "x": 0, "y": 0}, {"key": "IN_PROGRESS", "x": 260, "y": 0}, {"key": "DELIVERED", "x": 520, "y": 0}],
      "transitions": [
        {"key": "delivery_started", "name": "Delivery started", "from": ["PENDING"], "to": "IN_PROGRESS",
         "updates": [{"field": "started_at", "kind": "now"}]},
        {"key": "delivered", "name": "Delivered", "from": ["IN_PROGRESS"], "to": "DELIVERED",
         "updates": [{"field": "delivered_at", "kind": "now"}]}
      ]
    }
  }]
}'::jsonb) is not null;
select jsonb_array_length(public.create_entities(
  (select b.id from public.blueprints b join public.tenants t on t.id = b.tenant_id where t.slug = 'x-delivery-system' and b.key = 'deliveries'),
  (select jsonb_agg(jsonb_build_object(
     'deliver_from', (array['Berlin Warehouse', 'Hamburg Port', 'Munich Hub', 'Leipzig Depot', 'Cologne Yard'])[1 + g % 5],
     'deliver_to', (array['Dresden', 'Hanover', 'Nuremberg', 'Stuttgart', 'Bremen', 'Düsseldorf', 'Frankfurt', 'Essen', 'Dortmund', 'Bonn',
                          'Kiel', 'Rostock', 'Erfurt', 'Mainz', 'Potsdam'])[1 + (g * 7) % 15] || ', ' ||
                   (array['Hauptstraße', 'Bahnhofstraße', 'Gartenweg', 'Lindenallee', 'Schillerstraße', 'Marktplatz'])[1 + (g * 3) % 6] || ' ' || (1 + (g * 13) % 120),
     'cargo', (array['Office chairs', 'Printer paper (40 boxes)', 'Laptops', 'Coffee machines', 'Steel brackets', 'Medical supplies',
                     'Spare tyres', 'Books', 'Garden furniture', 'Frozen food', 'Solar panels', 'Textiles'])[1 + (g * 5) % 12],
     'weight_kg', round((5 + (g * 37) % 950)::numeric / 10, 1)) order by g)
   from generate_series(1, 300) g))
  -> 'entities');
-- two thirds left pending, the rest started, half of those delivered: through the flow, as users would
do $$
declare
  e record;
  n integer := 0;
begin
  for e in select x.id, x.version from public.entities x join public.blueprints b on b.id = x.blueprint_id
           join public.tenants t on t.id = b.tenant_id where t.slug = 'x-delivery-system' order by x.id loop
    n := n + 1;
    if n % 3 <> 0 then
      perform public.transition_entity(e.id, 'delivery_started', null, e.version);
      if n % 3 = 1 then
        perform public.transition_entity(e.id, 'delivered', null, e.version + 1);
      end if;
    end if;
  end loop;
end
$$;

-- X Stock
select (public.create_tenant('X Stock', 'x-stock', 'Europe/Berlin', 'en') ->> 'id') is not null;
select public.install_template((select id from public.tenants where slug = 'x-stock'), '{
  "key": "stock", "name": "Stock",
  "blueprints": [{
    "key": "stock_items", "name": "Stock items", "icon": "package", "description": "What the warehouse keeps, where and how much.",
    "fields": [
      {"key": "name", "label": "Name", "type": "text", "required": true},
      {"key": "sku", "label": "SKU", "type": "text", "required": true, "unique": true, "indexed": true, "pattern": "^[A-Z]{3}-[0-9]{4}$"},
      {"key": "type", "label": "Type", "type": "single_select", "required": true, "indexed": true, "options": [
        {"value": "raw_material", "label": "Raw material"}, {"value": "component", "label": "Component"},
        {"value": "finished_good", "label": "Finished good"}, {"value": "packaging", "label": "Packaging"},
        {"value": "spare_part", "label": "Spare part"}]},
      {"key": "space", "label": "Space (m³)", "type": "number", "scale": 3, "min": 0, "description": "How much space the item takes"},
      {"key": "weight", "label": "Weight (kg)", "type": "number", "scale": 2, "min": 0},
      {"key": "qty", "label": "Quantity", "type": "integer", "min": 0, "default": {"kind": "literal", "value": 0}},
      {"key": "kept_at", "label": "Kept since", "type": "datetime", "default": {"kind": "now"}, "description": "Timestamp when the item was kept"}
    ]
  }]
}'::jsonb) is not null;
select jsonb_array_length(public.create_entities(
  (select b.id from public.blueprints b join public.tenants t on t.id = b.tenant_id where t.slug = 'x-stock' and b.key = 'stock_items'),
  (select jsonb_agg(jsonb_build_object(
     'name', (array['Steel sheet', 'Copper wire', 'Hex bolt M8', 'Ball bearing', 'Cardboard box', 'Pallet wrap', 'Circuit board',
                    'Desk lamp', 'Office chair', 'Hydraulic pump', 'Rubber seal', 'Aluminium profile', 'Shipping label roll',
                    'Power supply', 'Gear motor'])[1 + g % 15] || ' ' || (array['S', 'M', 'L', 'XL'])[1 + (g / 15) % 4],
     'sku', (array['STL', 'COP', 'BLT', 'BRG', 'BOX', 'WRP', 'PCB', 'LMP', 'CHR', 'PMP', 'SEL', 'ALU', 'LBL', 'PSU', 'MTR'])[1 + g % 15]
            || '-' || lpad((1000 + g)::text, 4, '0'),
     'type', (array['raw_material', 'raw_material', 'component', 'component', 'packaging', 'packaging', 'component', 'finished_good',
                    'finished_good', 'spare_part', 'spare_part', 'raw_material', 'packaging', 'component', 'spare_part'])[1 + g % 15],
     'space', round(((g * 17) % 900 + 5)::numeric / 1000, 3),
     'weight', round(((g * 29) % 4000 + 10)::numeric / 100, 2),
     'qty', (g * 53) % 500,
     'kept_at', to_char((now() - make_interval(days => (g * 11) % 400, hours => g % 24)) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))
   order by g)
   from generate_series(1, 300) g))
  -> 'entities');

-- The Editor and the Viewer join both demo workspaces, as if they had accepted the demo
-- Admin's invitations.
insert into public.tenant_members (tenant_id, user_id, created_by)
select t.id, u.id, 'd0000000-0000-4000-8000-000000000001'
from public.tenants t
cross join (values ('d0000000-0000-4000-8000-000000000002'::uuid), ('d0000000-0000-4000-8000-000000000003'::uuid)) as u (id)
where t.slug in ('x-delivery-system', 'x-stock')
on conflict do nothing;
insert into public.member_roles (tenant_id, user_id, role_id, created_by)
select t.id, u.id, r.id, 'd0000000-0000-4000-8000-000000000001'
from public.tenants t
cross join (values ('d0000000-0000-4000-8000-000000000002'::uuid, 'editor'), ('d0000000-0000-4000-8000-000000000003'::uuid, 'viewer')) as u (id, role_key)
join public.roles r on r.tenant_id = t.id and r.key = u.role_key
where t.slug in ('x-delivery-system', 'x-stock')
on conflict do nothing;
commit;
