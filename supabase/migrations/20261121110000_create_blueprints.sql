-- ============================================================================
-- Blueprints: a tenant's record types. A blueprint has a key, a name unique per
-- tenant (case-insensitive), a description and an icon; its fields live in
-- versions. Every edit makes a new version holding the whole field list and the
-- change list that led to it, so entities written with an older version stay
-- readable and can be migrated forward and backward (docs/entities.md).
-- Deleting a blueprint moves it, with its entities, to the tenant's trash.
-- Written only through RPCs (later migrations).
-- ============================================================================

create table public.blueprints (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  key text not null,
  name text not null,
  description text,
  icon text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  updated_by uuid references auth.users (id) on delete set null,
  deleted_at timestamptz,
  deleted_by uuid references auth.users (id) on delete set null,
  constraint blueprints_key_format check (key ~ '^[a-z][a-z0-9_]{0,62}$'),
  constraint blueprints_name_length check (name = btrim(name) and length(name) between 1 and 100),
  constraint blueprints_description_length check (length(description) <= 1000),
  constraint blueprints_icon_format check (icon ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  constraint blueprints_version_positive check (version >= 1)
);
comment on table public.blueprints is
  'A tenant''s record types. Fields live in blueprint_versions (version = the latest); deleted_at set = in the trash.';
comment on column public.blueprints.version is 'The latest version; new entities are written with it.';
comment on column public.blueprints.deleted_at is 'When the blueprint went to the trash (its entities with it); null = live.';
create unique index blueprints_name_key on public.blueprints (tenant_id, lower(name)) where deleted_at is null;
create unique index blueprints_key_key on public.blueprints (tenant_id, key) where deleted_at is null;
create index blueprints_tenant_id_idx on public.blueprints (tenant_id, deleted_at);
create index blueprints_created_by_idx on public.blueprints (created_by);
create index blueprints_updated_by_idx on public.blueprints (updated_by);
create index blueprints_deleted_by_idx on public.blueprints (deleted_by);
create trigger blueprints_set_updated_at before update on public.blueprints
  for each row execute function private.set_updated_at();

alter table public.blueprints enable row level security;
revoke insert, update, delete, truncate, references, trigger on public.blueprints from anon, authenticated;

create table public.blueprint_versions (
  blueprint_id uuid not null references public.blueprints (id) on delete cascade,
  version integer not null,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  fields jsonb not null,
  changes jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  primary key (blueprint_id, version),
  constraint blueprint_versions_fields_array check (jsonb_typeof(fields) = 'array'),
  constraint blueprint_versions_changes_array check (jsonb_typeof(changes) = 'array')
);
comment on table public.blueprint_versions is
  'Each version of a blueprint: the ordered field definitions and the declared changes from the previous version. Never edited.';
comment on column public.blueprint_versions.changes is
  'The change list from version - 1 (add_field, remove_field, rename_field, change_type, rename_option, merge_options, ...): what entity migrations replay.';
create index blueprint_versions_tenant_id_idx on public.blueprint_versions (tenant_id);
create index blueprint_versions_created_by_idx on public.blueprint_versions (created_by);

alter table public.blueprint_versions enable row level security;
revoke insert, update, delete, truncate, references, trigger on public.blueprint_versions from anon, authenticated;

-- Versions are history: nobody edits one.
create or replace function private.refuse_blueprint_version_change() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'blueprint versions are never edited; make a new version' using errcode = '42501';
end
$$;
create trigger blueprint_versions_never_change before update on public.blueprint_versions
  for each row execute function private.refuse_blueprint_version_change();

-- ----------------------------------------------------------------------------
-- Who sees what
-- ----------------------------------------------------------------------------

-- SELECT(blueprints): members see their tenant's blueprints, the trashed ones too (the trash lists them).
create policy blueprints_select_member on public.blueprints
  for select to authenticated
  using (tenant_id in (select private.tenant_ids_for_user()));

-- SELECT(blueprint_versions): members read every version (old entities are shown with theirs).
create policy blueprint_versions_select_member on public.blueprint_versions
  for select to authenticated
  using (tenant_id in (select private.tenant_ids_for_user()));

select private.enable_audit('public.blueprints');
