-- ============================================================================
-- Realtime stand-in: the objects Supabase Realtime keeps in a project database
-- (`realtime.messages`, `realtime.topic()`, `realtime.send()`, ...), shaped like
-- Supabase's own migrations so policies and triggers written against them
-- behave the same locally and on hosted Supabase.
-- Runs as supabase_admin; idempotent (re-applied whenever the bootstrap changes).
-- ============================================================================

create schema if not exists realtime;
grant usage on schema realtime to postgres, anon, authenticated, service_role;

-- Supabase makes this role own the Realtime objects. `postgres` is a member so
-- migrations (run as postgres) may create policies on realtime.messages, as
-- they can on a Supabase project.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'supabase_realtime_admin') then
    create role supabase_realtime_admin nologin noinherit noreplication;
  end if;
end
$$;
grant supabase_realtime_admin to postgres;

-- ----------------------------------------------------------------------------
-- realtime.messages: authorization probes (rolled back) and broadcasts from the
-- database. Columns as Supabase's; not partitioned here: the devstack server
-- deletes rows older than Supabase's 72 hour replay window instead.
-- ----------------------------------------------------------------------------
create table if not exists realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone not null default now(),
  inserted_at timestamp without time zone not null default now(),
  id uuid not null default gen_random_uuid(),
  binary_payload bytea,
  constraint messages_pkey primary key (id, inserted_at)
);
alter table realtime.messages add column if not exists binary_payload bytea;

do $$
begin
  if not exists (select 1 from pg_constraint where conname = 'messages_payload_exclusive'
                   and conrelid = 'realtime.messages'::regclass) then
    alter table realtime.messages
      add constraint messages_payload_exclusive check (payload is null or binary_payload is null);
  end if;
end
$$;

-- Replay reads the newest private broadcasts of a topic; retention deletes by age.
create index if not exists messages_inserted_at_topic_index
  on realtime.messages (inserted_at desc, topic)
  where extension = 'broadcast' and private is true;
create index if not exists messages_inserted_at_index on realtime.messages (inserted_at);

alter table realtime.messages owner to supabase_realtime_admin;
-- RLS on and no policy: nobody reads or writes until a migration says who may.
alter table realtime.messages enable row level security;
grant select, insert, update on realtime.messages to postgres, anon, authenticated, service_role;

comment on table realtime.messages is
  'Realtime authorization (RLS: select = join/receive, insert = send) and broadcast from the database. Devstack stand-in of Supabase Realtime.';

-- ----------------------------------------------------------------------------
-- realtime.topic(): the channel topic being authorized, for RLS policies.
-- ----------------------------------------------------------------------------
create or replace function realtime.topic() returns text
language sql stable
as $$
  select nullif(current_setting('realtime.topic', true), '')::text;
$$;
alter function realtime.topic() owner to supabase_realtime_admin;

-- ----------------------------------------------------------------------------
-- realtime.send(): broadcast from SQL. Invoker rights like Supabase's, so the
-- caller's INSERT policy on realtime.messages applies; failures become a
-- warning and never abort the caller's transaction. Delivery happens after
-- commit (see the notify trigger below), never on rollback.
-- ----------------------------------------------------------------------------
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  generated_id uuid;
  final_payload jsonb;
begin
  begin
    generated_id := gen_random_uuid();

    if payload ? 'id' then
      final_payload := payload;
    else
      final_payload := jsonb_set(payload, '{id}', to_jsonb(generated_id));
    end if;

    execute format('set local realtime.topic to %L', topic);

    insert into realtime.messages (id, payload, event, topic, private, extension)
    values (generated_id, final_payload, event, topic, private, 'broadcast');
  exception
    when others then
      raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;
alter function realtime.send(jsonb, text, text, boolean) owner to supabase_realtime_admin;

-- Binary variant (delivered to serializer 2.0.0 clients only, as on Supabase).
create or replace function realtime.send_binary(payload bytea, event text, topic text, private boolean default true)
returns void
language plpgsql
as $$
declare
  generated_id uuid;
begin
  begin
    generated_id := gen_random_uuid();

    execute format('set local realtime.topic to %L', topic);

    insert into realtime.messages (id, binary_payload, event, topic, private, extension)
    values (generated_id, payload, event, topic, private, 'broadcast');
  exception
    when others then
      raise warning 'WarnSendingBroadcastMessage: %', sqlerrm;
  end;
end;
$$;
alter function realtime.send_binary(bytea, text, text, boolean) owner to supabase_realtime_admin;

-- Row-change broadcast helper Supabase documents for triggers.
create or replace function realtime.broadcast_changes(
  topic_name text, event_name text, operation text, table_name text, table_schema text,
  new record, old record, level text default 'ROW'
)
returns void
language plpgsql
as $$
declare
  row_data jsonb := '{}'::jsonb;
begin
  if level = 'STATEMENT' then
    raise exception 'function can only be triggered for each row, not for each statement';
  end if;
  if operation = 'INSERT' or operation = 'UPDATE' or operation = 'DELETE' then
    row_data := jsonb_build_object('old_record', old, 'record', new, 'operation', operation,
                                   'table', table_name, 'schema', table_schema);
    perform realtime.send(row_data, event_name, topic_name);
  else
    raise exception 'Unexpected operation type: %', operation;
  end if;
exception
  when others then
    raise exception 'Failed to process the row: %', sqlerrm;
end;
$$;
alter function realtime.broadcast_changes(text, text, text, text, text, record, record, text)
  owner to supabase_realtime_admin;

-- ----------------------------------------------------------------------------
-- Delivery. Supabase streams inserts through logical replication; here an
-- insert trigger NOTIFYs the row id. NOTIFY is transactional: it is delivered
-- after commit and dropped on rollback. Only the id travels (no 8000-byte
-- NOTIFY limit, no spoofing by a bare NOTIFY): the server reads the row.
-- Authorization probes (no event, no payload) are skipped.
-- ----------------------------------------------------------------------------
create schema if not exists devstack;

create or replace function devstack.realtime_notify_message() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.event is not null and (new.payload is not null or new.binary_payload is not null) then
    perform pg_notify('devstack_realtime_messages', new.id::text);
  end if;
  return null;
end;
$$;
revoke all on function devstack.realtime_notify_message() from public;

create or replace trigger devstack_realtime_notify
  after insert on realtime.messages
  for each row execute function devstack.realtime_notify_message();

-- ----------------------------------------------------------------------------
-- The publication Supabase projects have, so migrations that add tables to it
-- (for postgres_changes on hosted Supabase) apply here too. The devstack
-- server does not stream postgres_changes; joins asking for them are refused.
-- ----------------------------------------------------------------------------
do $$
begin
  if not exists (select 1 from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;
alter publication supabase_realtime owner to postgres;
