-- ============================================================================
-- Entities: the records of a blueprint. Values live in `data` (jsonb, canonical
-- form, validated against the blueprint version the entity was written with);
-- `version` counts the entity's own changes (optimistic concurrency). Deleting
-- an entity (or its blueprint) moves it to the trash (deleted_at).
--
-- The API reads and writes entities only through RPCs (later migrations): they
-- check the caller's access to the blueprint, validate, keep the side tables
-- below in step, write the entity's history and the audit log. The table itself
-- is closed to anon and authenticated (RLS on, no policies, no grants), so no
-- path can bypass those rules or, later, per-field permissions.
-- ============================================================================

create table public.entities (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  blueprint_id uuid not null references public.blueprints (id) on delete cascade,
  blueprint_version integer not null,
  data jsonb not null default '{}'::jsonb,
  retained jsonb,
  search_text text not null default '',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  updated_by uuid references auth.users (id) on delete set null,
  deleted_at timestamptz,
  deleted_by uuid references auth.users (id) on delete set null,
  deleted_with_blueprint boolean not null default false,
  foreign key (blueprint_id, blueprint_version) references public.blueprint_versions (blueprint_id, version),
  constraint entities_data_object check (jsonb_typeof(data) = 'object'),
  constraint entities_version_positive check (version >= 1)
);
comment on table public.entities is
  'Records of a blueprint: values in data (canonical jsonb) valid for blueprint_version. Read and written only through RPCs.';
comment on column public.entities.retained is
  'Values a migration could not carry to the current version (removed fields, lossy casts), by version, so a migration back restores them.';
comment on column public.entities.deleted_with_blueprint is 'In the trash because its blueprint was deleted: comes back when the blueprint does.';
comment on column public.entities.search_text is 'Lowercased text of the entity''s text-like values, for trigram search.';
comment on column public.entities.version is 'Counts the entity''s changes; writers take an expected_version and refuse a stale one.';

-- The default list order of a blueprint, and the base of every keyset page.
create index entities_blueprint_list_idx on public.entities (blueprint_id, created_at desc, id desc) where deleted_at is null;
create index entities_trash_idx on public.entities (tenant_id, deleted_at desc) where deleted_at is not null;
create index entities_search_text_idx on public.entities using gin (search_text extensions.gin_trgm_ops) where deleted_at is null;
create index entities_created_by_idx on public.entities (created_by);
create index entities_updated_by_idx on public.entities (updated_by);
create index entities_deleted_by_idx on public.entities (deleted_by) where deleted_by is not null;
create index entities_blueprint_version_idx on public.entities (blueprint_id, blueprint_version);

alter table public.entities enable row level security;
revoke all on public.entities from anon, authenticated;

-- ----------------------------------------------------------------------------
-- Side tables the writers keep in step
-- ----------------------------------------------------------------------------

-- Unique fields: one row per (blueprint, field, value) among live entities. The
-- primary key enforces uniqueness without locking the entities table.
create table private.entity_unique_values (
  blueprint_id uuid not null references public.blueprints (id) on delete cascade,
  field_key text not null,
  value text not null,
  entity_id uuid not null references public.entities (id) on delete cascade,
  primary key (blueprint_id, field_key, value)
);
comment on table private.entity_unique_values is 'The value of each unique field of each live entity (text lowercased): uniqueness per blueprint.';
create index entity_unique_values_entity_idx on private.entity_unique_values (entity_id);
alter table private.entity_unique_values enable row level security;
revoke all on private.entity_unique_values from public, anon, authenticated;

-- References between live entities, so deleting a target finds its referrers.
create table private.entity_references (
  source_id uuid not null references public.entities (id) on delete cascade,
  field_key text not null,
  target_id uuid not null references public.entities (id) on delete cascade,
  on_delete text not null,
  primary key (source_id, field_key),
  constraint entity_references_on_delete check (on_delete in ('restrict', 'set_null'))
);
comment on table private.entity_references is 'Which entity''s reference field points at which entity, and what deleting the target does.';
create index entity_references_target_idx on private.entity_references (target_id);
alter table private.entity_references enable row level security;
revoke all on private.entity_references from public, anon, authenticated;

-- ----------------------------------------------------------------------------
-- History
-- ----------------------------------------------------------------------------

create table public.entity_history (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  entity_id uuid not null references public.entities (id) on delete cascade,
  blueprint_id uuid not null references public.blueprints (id) on delete cascade,
  entity_version integer not null,
  occurred_at timestamptz not null default now(),
  actor_id uuid references auth.users (id) on delete set null,
  action text not null,
  transition_key text,
  from_state text,
  to_state text,
  changes jsonb not null default '{}'::jsonb,
  input jsonb,
  constraint entity_history_action_known check (action in ('create', 'update', 'transition', 'delete', 'restore', 'migrate')),
  constraint entity_history_changes_object check (jsonb_typeof(changes) = 'object')
);
comment on table public.entity_history is
  'Every change of an entity: who, when, what (changes = {field: [before, after]}), transitions with from/to state and input.';
create index entity_history_entity_idx on public.entity_history (entity_id, id desc);
create index entity_history_tenant_idx on public.entity_history (tenant_id, occurred_at desc);
create index entity_history_blueprint_idx on public.entity_history (blueprint_id);
create index entity_history_actor_idx on public.entity_history (actor_id);
alter table public.entity_history enable row level security;
revoke all on public.entity_history from anon, authenticated;

-- The per-field diff of two data objects: {key: [before, after]} for each changed key.
create or replace function private.data_changes(p_before jsonb, p_after jsonb) returns jsonb
language plpgsql immutable parallel safe set search_path = ''
as $$
begin
  return (
  select coalesce(jsonb_object_agg(k, jsonb_build_array(p_before -> k, p_after -> k)), '{}'::jsonb)
    from (
      select jsonb_object_keys(coalesce(p_before, '{}'::jsonb)) as k
      union
      select jsonb_object_keys(coalesce(p_after, '{}'::jsonb))
    ) keys
    where (p_before -> k) is distinct from (p_after -> k)
  );
end
$$;
grant execute on function private.data_changes(jsonb, jsonb) to authenticated, service_role;
