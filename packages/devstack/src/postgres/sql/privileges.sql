-- ============================================================================
-- Default privileges on `public`, as on a Supabase project: API roles get
-- table privileges and RLS decides the rows. Functions created by migrations
-- are executable by API roles unless a migration revokes it (FlexOffice's
-- first migration does, then grants function by function).
-- ============================================================================

grant usage on schema public to postgres, anon, authenticated, service_role;
grant all on schema public to postgres;

alter default privileges for role postgres in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges for role postgres in schema public grant all on sequences to anon, authenticated, service_role;

-- Migration history in the Supabase CLI's own table, so `supabase db push` and
-- the devstack agree on what has been applied.
create schema if not exists supabase_migrations authorization postgres;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);
alter table supabase_migrations.schema_migrations owner to postgres;
