-- ============================================================================
-- Extensions of the platform contract. On hosted Supabase `postgres` may create
-- them (supautils); here the superuser pre-creates them so a migration's
-- `create extension if not exists ...` is a no-op, as it is there.
-- ============================================================================

create schema if not exists extensions;
grant usage on schema extensions to postgres, anon, authenticated, service_role;
alter default privileges in schema extensions grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges in schema extensions grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges in schema extensions grant all on sequences to postgres, anon, authenticated, service_role;

create extension if not exists pgcrypto with schema extensions;
create extension if not exists "uuid-ossp" with schema extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists btree_gin with schema extensions;
create extension if not exists pgtap with schema extensions;

-- pg_cron lives in its own schema (`cron`) and in the `postgres` database only.
create extension if not exists pg_cron;
-- As on hosted Supabase: `postgres` schedules through cron.schedule()/unschedule() and
-- reads the job tables, but cannot write cron.job directly.
grant usage on schema cron to postgres;
grant all on all tables in schema cron to postgres;
grant all on all sequences in schema cron to postgres;
grant execute on all functions in schema cron to postgres;
revoke all on table cron.job from postgres;
grant select on table cron.job to postgres with grant option;

alter database postgres set search_path = "$user", public, extensions;
