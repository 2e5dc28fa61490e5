-- ============================================================================
-- pgmq stand-in (API of pgmq 1.4.4, the version hosted Supabase ships with
-- Postgres 15). Same schema, meta table, record types, per-queue tables
-- pgmq.q_<name> / pgmq.a_<name>, function signatures and semantics:
-- visibility timeouts, FOR UPDATE SKIP LOCKED reads, read_ct counting.
-- Functions are security invoker like pgmq's, so grants and RLS on queue
-- tables apply to the caller. As on Supabase (whose after-create script hands
-- pgmq's objects to `postgres`), everything here is owned by `postgres`.
-- Differences, on purpose: queue names must be plain identifiers (pgmq only
-- rejects a few characters), so a name that works here also works there;
-- partitioned queues need pg_partman, which is absent here (as on a project
-- without it enabled).
-- Idempotent: re-applied whenever any bootstrap file changes.
-- ============================================================================

create schema if not exists pgmq;

create table if not exists pgmq.meta (
  queue_name varchar unique not null,
  is_partitioned boolean not null,
  is_unlogged boolean not null,
  created_at timestamp with time zone default now() not null
);

do $$
begin
  if to_regtype('pgmq.message_record') is null then
    create type pgmq.message_record as (
      msg_id bigint,
      read_ct integer,
      enqueued_at timestamp with time zone,
      vt timestamp with time zone,
      message jsonb
    );
  end if;
  if to_regtype('pgmq.queue_record') is null then
    create type pgmq.queue_record as (
      queue_name varchar,
      is_partitioned boolean,
      is_unlogged boolean,
      created_at timestamp with time zone
    );
  end if;
  if to_regtype('pgmq.metrics_result') is null then
    create type pgmq.metrics_result as (
      queue_name text,
      queue_length bigint,
      newest_msg_age_sec int,
      oldest_msg_age_sec int,
      total_messages bigint,
      scrape_time timestamp with time zone
    );
  end if;
end
$$;

-- ---------------------------------------------------------------------------
-- Helpers
-- ---------------------------------------------------------------------------

-- Why: table names are built from queue names; reject anything that is not a
-- plain identifier before it gets near dynamic SQL, with a message that says
-- which rule was broken.
create or replace function pgmq.validate_queue_name(queue_name text)
returns void
language plpgsql
immutable
as $$
begin
  if queue_name is null or queue_name = '' then
    raise exception 'queue name must not be empty' using errcode = '22023';
  end if;
  if length(queue_name) > 47 then
    raise exception 'queue name is too long, maximum length is 47 characters (got %)', length(queue_name)
      using errcode = '22023';
  end if;
  if queue_name !~ '^[A-Za-z_][A-Za-z0-9_]*$' then
    raise exception 'queue name "%" is invalid: use letters, digits and underscores, not starting with a digit', queue_name
      using errcode = '22023';
  end if;
end
$$;

create or replace function pgmq.format_table_name(queue_name text, prefix text)
returns text
language plpgsql
immutable
as $$
begin
  if queue_name ~ '\$|;|--|''' then
    raise exception 'queue name contains invalid characters: $, ;, --, or \''' using errcode = '22023';
  end if;
  return lower(prefix || '_' || queue_name);
end
$$;

create or replace function pgmq.acquire_queue_lock(queue_name text)
returns void
language plpgsql
as $$
begin
  perform pg_advisory_xact_lock(hashtext('pgmq.queue_' || queue_name));
end
$$;

create or replace function pgmq._extension_exists(extension_name text)
returns boolean
language sql
as $$ select exists (select 1 from pg_extension where extname = extension_name) $$;

create or replace function pgmq._belongs_to_pgmq(table_name text)
returns boolean
language sql
as $$ select false $$;

create or replace function pgmq._get_pg_partman_schema()
returns text
language sql
as $$ select extnamespace::regnamespace::text from pg_extension where extname = 'pg_partman' $$;

-- ---------------------------------------------------------------------------
-- Queue management
-- ---------------------------------------------------------------------------

create or replace function pgmq._create_queue(queue_name text, unlogged boolean)
returns void
language plpgsql
as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
begin
  perform pgmq.validate_queue_name(queue_name);
  perform pgmq.acquire_queue_lock(queue_name);

  execute format(
    $q$
    create %s table if not exists pgmq.%I (
      msg_id bigint primary key generated always as identity,
      read_ct int default 0 not null,
      enqueued_at timestamp with time zone default now() not null,
      vt timestamp with time zone not null,
      message jsonb
    )
    $q$,
    case when unlogged then 'unlogged' else '' end, qtable);

  execute format(
    $q$
    create table if not exists pgmq.%I (
      msg_id bigint primary key,
      read_ct int default 0 not null,
      enqueued_at timestamp with time zone default now() not null,
      archived_at timestamp with time zone default now() not null,
      vt timestamp with time zone not null,
      message jsonb
    )
    $q$,
    atable);

  execute format('create index if not exists %I on pgmq.%I (vt asc)', qtable || '_vt_idx', qtable);
  execute format('create index if not exists %I on pgmq.%I (archived_at)', 'archived_at_idx_' || queue_name, atable);

  insert into pgmq.meta (queue_name, is_partitioned, is_unlogged)
  values (queue_name, false, unlogged)
  on conflict do nothing;
end
$$;

create or replace function pgmq.create_non_partitioned(queue_name text)
returns void
language plpgsql
as $$
begin
  perform pgmq._create_queue(queue_name, false);
end
$$;

create or replace function pgmq.create(queue_name text)
returns void
language plpgsql
as $$
begin
  perform pgmq.create_non_partitioned(queue_name);
end
$$;

create or replace function pgmq.create_unlogged(queue_name text)
returns void
language plpgsql
as $$
begin
  perform pgmq._create_queue(queue_name, true);
end
$$;

create or replace function pgmq._ensure_pg_partman_installed()
returns void
language plpgsql
as $$
begin
  if not pgmq._extension_exists('pg_partman') then
    raise exception 'pg_partman is required for partitioned queues';
  end if;
end
$$;

create or replace function pgmq.create_partitioned(
  queue_name text,
  partition_interval text default '10000',
  retention_interval text default '100000'
)
returns void
language plpgsql
as $$
begin
  perform pgmq.validate_queue_name(queue_name);
  perform pgmq._ensure_pg_partman_installed();
  raise exception 'partitioned queues are not supported by the devstack pgmq shim';
end
$$;

-- Supabase's patched signature (one argument); false when the queue is unknown.
create or replace function pgmq.drop_queue(queue_name text)
returns boolean
language plpgsql
as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
begin
  perform pgmq.acquire_queue_lock(queue_name);
  if to_regclass(format('pgmq.%I', qtable)) is null then
    raise notice 'pgmq queue `%` does not exist', queue_name;
    delete from pgmq.meta m where m.queue_name = drop_queue.queue_name;
    return false;
  end if;
  execute format('drop table if exists pgmq.%I', qtable);
  execute format('drop table if exists pgmq.%I', atable);
  delete from pgmq.meta m where m.queue_name = drop_queue.queue_name;
  return true;
end
$$;

-- Kept for API compatibility; the shim has no extension membership to detach.
create or replace function pgmq.detach_archive(queue_name text)
returns void
language plpgsql
as $$
begin
  perform pgmq.format_table_name(queue_name, 'a');
end
$$;

create or replace function pgmq.purge_queue(queue_name text)
returns bigint
language plpgsql
as $$
declare
  deleted_count integer;
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  execute format('delete from pgmq.%I', qtable);
  get diagnostics deleted_count = row_count;
  return deleted_count;
end
$$;

create or replace function pgmq.list_queues()
returns setof pgmq.queue_record
language plpgsql
as $$
begin
  return query select m.queue_name, m.is_partitioned, m.is_unlogged, m.created_at from pgmq.meta m;
end
$$;

-- ---------------------------------------------------------------------------
-- Sending
-- ---------------------------------------------------------------------------

create or replace function pgmq.send(queue_name text, msg jsonb, delay integer default 0)
returns setof bigint
language plpgsql
as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  return query execute format(
    $q$
    insert into pgmq.%I (vt, message)
    values (clock_timestamp() + %L, $1)
    returning msg_id
    $q$,
    qtable, make_interval(secs => delay))
  using msg;
end
$$;

create or replace function pgmq.send_batch(queue_name text, msgs jsonb[], delay integer default 0)
returns setof bigint
language plpgsql
as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  return query execute format(
    $q$
    insert into pgmq.%I (vt, message)
    select clock_timestamp() + %L, unnest($1)
    returning msg_id
    $q$,
    qtable, make_interval(secs => delay))
  using msgs;
end
$$;

-- ---------------------------------------------------------------------------
-- Reading
-- ---------------------------------------------------------------------------

-- Takes up to qty visible messages, hides them for vt seconds and counts the read.
create or replace function pgmq.read(queue_name text, vt integer, qty integer)
returns setof pgmq.message_record
language plpgsql
as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  return query execute format(
    $q$
    with cte as (
      select msg_id
        from pgmq.%I
       where vt <= clock_timestamp()
       order by msg_id asc
       limit $1
       for update skip locked
    )
    update pgmq.%I m
       set vt = clock_timestamp() + %L,
           read_ct = read_ct + 1
      from cte
     where m.msg_id = cte.msg_id
    returning m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message
    $q$,
    qtable, qtable, make_interval(secs => vt))
  using qty;
end
$$;

create or replace function pgmq.read_with_poll(
  queue_name text,
  vt integer,
  qty integer,
  max_poll_seconds integer default 5,
  poll_interval_ms integer default 100
)
returns setof pgmq.message_record
language plpgsql
as $$
declare
  r pgmq.message_record;
  stop_at timestamp with time zone := clock_timestamp() + make_interval(secs => max_poll_seconds);
begin
  loop
    if clock_timestamp() >= stop_at then
      return;
    end if;
    for r in select * from pgmq.read(queue_name, vt, qty) loop
      return next r;
    end loop;
    if found then
      return;
    end if;
    perform pg_sleep(poll_interval_ms::numeric / 1000);
  end loop;
end
$$;

-- Reads one visible message and deletes it (at-most-once delivery).
create or replace function pgmq.pop(queue_name text)
returns setof pgmq.message_record
language plpgsql
as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  return query execute format(
    $q$
    with cte as (
      select msg_id
        from pgmq.%I
       where vt <= now()
       order by msg_id asc
       limit 1
       for update skip locked
    )
    delete from pgmq.%I
     where msg_id = (select msg_id from cte)
    returning msg_id, read_ct, enqueued_at, vt, message
    $q$,
    qtable, qtable);
end
$$;

-- Moves a message's visibility to now() + vt seconds and returns it.
create or replace function pgmq.set_vt(queue_name text, msg_id bigint, vt integer)
returns setof pgmq.message_record
language plpgsql
as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  return query execute format(
    $q$
    update pgmq.%I
       set vt = now() + %L
     where msg_id = $1
    returning msg_id, read_ct, enqueued_at, vt, message
    $q$,
    qtable, make_interval(secs => vt))
  using msg_id;
end
$$;

-- ---------------------------------------------------------------------------
-- Deleting and archiving
-- ---------------------------------------------------------------------------

create or replace function pgmq.delete(queue_name text, msg_id bigint)
returns boolean
language plpgsql
as $$
declare
  result bigint;
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  execute format('delete from pgmq.%I where msg_id = $1 returning msg_id', qtable)
    using msg_id into result;
  return result is not null;
end
$$;

create or replace function pgmq.delete(queue_name text, msg_ids bigint[])
returns setof bigint
language plpgsql
as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  return query execute format('delete from pgmq.%I where msg_id = any($1) returning msg_id', qtable)
    using msg_ids;
end
$$;

create or replace function pgmq.archive(queue_name text, msg_id bigint)
returns boolean
language plpgsql
as $$
declare
  result bigint;
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
begin
  execute format(
    $q$
    with archived as (
      delete from pgmq.%I
       where msg_id = $1
      returning msg_id, vt, read_ct, enqueued_at, message
    )
    insert into pgmq.%I (msg_id, vt, read_ct, enqueued_at, message)
    select msg_id, vt, read_ct, enqueued_at, message from archived
    returning msg_id
    $q$,
    qtable, atable)
  using msg_id into result;
  return result is not null;
end
$$;

create or replace function pgmq.archive(queue_name text, msg_ids bigint[])
returns setof bigint
language plpgsql
as $$
declare
  qtable text := pgmq.format_table_name(queue_name, 'q');
  atable text := pgmq.format_table_name(queue_name, 'a');
begin
  return query execute format(
    $q$
    with archived as (
      delete from pgmq.%I
       where msg_id = any($1)
      returning msg_id, vt, read_ct, enqueued_at, message
    )
    insert into pgmq.%I (msg_id, vt, read_ct, enqueued_at, message)
    select msg_id, vt, read_ct, enqueued_at, message from archived
    returning msg_id
    $q$,
    qtable, atable)
  using msg_ids;
end
$$;

-- ---------------------------------------------------------------------------
-- Metrics
-- ---------------------------------------------------------------------------

create or replace function pgmq.metrics(queue_name text)
returns pgmq.metrics_result
language plpgsql
as $$
declare
  result_row pgmq.metrics_result;
  qtable text := pgmq.format_table_name(queue_name, 'q');
begin
  execute format(
    $q$
    with q_summary as (
      select count(*) as queue_length,
             extract(epoch from (now() - max(enqueued_at)))::int as newest_msg_age_sec,
             extract(epoch from (now() - min(enqueued_at)))::int as oldest_msg_age_sec,
             now() as scrape_time
        from pgmq.%I
    ),
    all_metrics as (
      select case when is_called then last_value else 0 end as total_messages
        from pgmq.%I
    )
    select %L as queue_name,
           q_summary.queue_length,
           q_summary.newest_msg_age_sec,
           q_summary.oldest_msg_age_sec,
           all_metrics.total_messages,
           q_summary.scrape_time
      from q_summary, all_metrics
    $q$,
    qtable, qtable || '_msg_id_seq', queue_name)
  into result_row;
  return result_row;
end
$$;

create or replace function pgmq.metrics_all()
returns setof pgmq.metrics_result
language plpgsql
as $$
declare
  row_name record;
begin
  for row_name in select m.queue_name from pgmq.meta m loop
    return next pgmq.metrics(row_name.queue_name);
  end loop;
end
$$;

-- ---------------------------------------------------------------------------
-- Ownership and grants, as on Supabase: pgmq's objects belong to `postgres`,
-- which creates queues (and so owns their tables); service_role may use the
-- meta table and every queue `postgres` creates; anon/authenticated get no
-- schema access (Supabase exposes queues to them only through opt-in
-- wrappers in `pgmq_public`).
-- ---------------------------------------------------------------------------

alter schema pgmq owner to postgres;

do $$
declare
  r record;
begin
  for r in
    select format('alter table %s owner to postgres', c.oid::regclass) as cmd
      from pg_class c
     where c.relnamespace = 'pgmq'::regnamespace and c.relkind in ('r', 'p', 'v', 'm')
       and c.relowner <> 'postgres'::regrole
    union all
    select format('alter function %s owner to postgres', p.oid::regprocedure)
      from pg_proc p
     where p.pronamespace = 'pgmq'::regnamespace and p.proowner <> 'postgres'::regrole
    union all
    select format('alter type %s owner to postgres', t.oid::regtype)
      from pg_type t
     where t.typnamespace = 'pgmq'::regnamespace and t.typtype = 'c' and t.typrelid in (
             select c.oid from pg_class c where c.relkind = 'c' and c.relnamespace = 'pgmq'::regnamespace)
       and t.typowner <> 'postgres'::regrole
  loop
    execute r.cmd;
  end loop;
end
$$;

grant usage on schema pgmq to pg_monitor;
grant select on all tables in schema pgmq to pg_monitor;
grant select on all sequences in schema pgmq to pg_monitor;
alter default privileges for role postgres in schema pgmq grant select on tables to pg_monitor;
alter default privileges for role postgres in schema pgmq grant select on sequences to pg_monitor;

grant usage on schema pgmq to service_role;
grant all on all tables in schema pgmq to service_role;
grant all on all sequences in schema pgmq to service_role;
alter default privileges for role postgres in schema pgmq grant all on tables to service_role;
alter default privileges for role postgres in schema pgmq grant all on sequences to service_role;
