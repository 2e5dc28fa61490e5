-- ============================================================================
-- Tenants: the top-level container of a business's data. Identity (name, slug),
-- locale (IANA timezone, supported language) and settings (support email,
-- session inactivity timeout, audit retention, enabled modules).
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Vocabularies (one place each, used by checks, RPCs and the UI)
-- ----------------------------------------------------------------------------

create or replace function private.supported_languages() returns text[]
language sql immutable parallel safe set search_path = ''
as $$ select array['en', 'de'] $$;
comment on function private.supported_languages is 'Languages the product is fully translated into.';

create or replace function private.module_keys() returns text[]
language sql immutable parallel safe set search_path = ''
as $$ select array['crm', 'hrm', 'finance', 'projects', 'support'] $$;
comment on function private.module_keys is 'Business modules a tenant can switch on (feature flags).';

-- Valid IANA names per the server's tz database; aliases such as "UTC" and "Europe/Kiev" count.
create or replace function private.is_valid_timezone(name text) returns boolean
language sql stable parallel safe set search_path = ''
as $$ select exists (select 1 from pg_catalog.pg_timezone_names where pg_timezone_names.name = is_valid_timezone.name) $$;

grant execute on function private.supported_languages(), private.module_keys(), private.is_valid_timezone(text)
  to authenticated, service_role;

-- Slug rules: lowercase letters, digits and single hyphens, 3-48 chars, not starting/ending with a hyphen.
create or replace function private.slug_rule() returns text
language sql immutable parallel safe set search_path = ''
as $$ select '^[a-z0-9](?:[a-z0-9]|-(?!-)){1,46}[a-z0-9]$' $$;

-- Slugs that would shadow app routes.
create or replace function private.reserved_slugs() returns text[]
language sql immutable parallel safe set search_path = ''
as $$ select array['admin', 'api', 'app', 'auth', 'new', 'settings', 'sign-in', 'sign-up', 'support', 'www', 'help', 'static'] $$;

grant execute on function private.slug_rule(), private.reserved_slugs() to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Table
-- ----------------------------------------------------------------------------

create table public.tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null,
  timezone text not null default 'UTC',
  language text not null default 'en',
  support_email text,
  session_timeout_minutes integer,
  audit_retention_days integer not null default 365,
  modules text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  constraint tenants_name_length check (length(btrim(name)) between 1 and 100),
  constraint tenants_slug_format check (slug ~ private.slug_rule()),
  constraint tenants_slug_reserved check (not (slug = any (private.reserved_slugs()))),
  constraint tenants_timezone_valid check (private.is_valid_timezone(timezone)),
  constraint tenants_language_supported check (language = any (private.supported_languages())),
  constraint tenants_support_email_format check (support_email is null or support_email ~* '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  constraint tenants_session_timeout_range check (session_timeout_minutes is null or session_timeout_minutes between 5 and 43200),
  constraint tenants_audit_retention_minimum check (audit_retention_days >= 365),
  constraint tenants_modules_known check (modules <@ private.module_keys())
);
comment on table public.tenants is 'A business workspace; every tenant-owned row references one. Written only through RPCs.';
create unique index tenants_slug_key on public.tenants (slug);
create index tenants_created_by_idx on public.tenants (created_by);
create trigger tenants_set_updated_at before update on public.tenants
  for each row execute function private.set_updated_at();

alter table public.tenants enable row level security;
revoke insert, update, delete, truncate, references, trigger on public.tenants from anon, authenticated;
