-- ============================================================================
-- Platform roles, shaped like a Supabase project's.
-- `supabase_admin` (the initdb superuser) runs this; `postgres` is NOT a
-- superuser, exactly as on hosted Supabase, so migrations that would need
-- superuser fail here too instead of in production.
-- Idempotent: runs again whenever the bootstrap changes.
-- ============================================================================

do $$
declare
  r record;
begin
  for r in
    select * from (values
      ('anon',                 'nologin noinherit'),
      ('authenticated',        'nologin noinherit'),
      ('service_role',         'nologin noinherit bypassrls'),
      ('authenticator',        'login noinherit'),
      ('postgres',             'login createrole createdb replication bypassrls'),
      ('supabase_auth_admin',  'login noinherit createrole')
    ) as t(name, attrs)
  loop
    if not exists (select 1 from pg_roles where rolname = r.name) then
      execute format('create role %I %s', r.name, r.attrs);
    else
      execute format('alter role %I %s', r.name, r.attrs);
    end if;
  end loop;
end
$$;

-- Local passwords are the Supabase CLI's well-known "postgres".
alter role postgres password 'postgres';
alter role authenticator password 'postgres';
alter role supabase_auth_admin password 'postgres';
alter role supabase_admin password 'postgres';

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres with admin option;
grant supabase_auth_admin to postgres;

-- PostgREST tuning the platform allows: a statement timeout stops one slow query
-- from starving the pool. plan_cache_mode stays 'auto': forcing custom plans would
-- re-plan every statement of every PL/pgSQL access check on every request (measured:
-- a one-row read under RLS went from 1,460 to 843 req/s). Queries that need plans for
-- their values (jsonb expression indexes) are built as dynamic SQL, planned per call.
alter role authenticator set statement_timeout = '8s';
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

alter database postgres owner to postgres;

-- As on hosted Supabase (supautils), `postgres` may configure PostgREST through role
-- settings, e.g. `alter role authenticator set pgrst.db_pre_request = '...'`.
do $$
declare
  setting text;
begin
  foreach setting in array array[
    'pgrst.db_pre_request', 'pgrst.db_schemas', 'pgrst.db_extra_search_path', 'pgrst.db_max_rows',
    'pgrst.db_plan_enabled', 'pgrst.jwt_aud', 'pgrst.server_timing_enabled', 'pgrst.db_aggregates_enabled'
  ] loop
    execute format('grant set on parameter %I to postgres', setting);
  end loop;
end
$$;
