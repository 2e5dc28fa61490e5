-- ============================================================================
-- pg_net stand-in (API of supabase/pg_net 0.19/0.20, the version hosted
-- Supabase ships). The SQL surface is the real one: the same schema, tables,
-- columns, function signatures, defaults and grants. Only the sender differs:
-- instead of a background worker inside Postgres, the devstack's Node worker
-- (packages/devstack/src/shims/net-worker.ts) takes committed rows from
-- net.http_request_queue, performs them and writes net._http_response.
-- Because the worker only ever sees committed rows, a request is sent after
-- its transaction commits and never when it rolls back, exactly like pg_net.
-- Idempotent: re-applied whenever any bootstrap file changes.
-- ============================================================================

create schema if not exists net;

-- ---------------------------------------------------------------------------
-- Types and tables
-- ---------------------------------------------------------------------------

do $$
begin
  if to_regtype('net.http_method') is null then
    create domain net.http_method as text
      check (value ilike 'get' or value ilike 'post' or value ilike 'delete');
  end if;
  if to_regtype('net.request_status') is null then
    create type net.request_status as enum ('PENDING', 'SUCCESS', 'ERROR');
  end if;
  if to_regtype('net.http_response') is null then
    create type net.http_response as (status_code integer, headers jsonb, body text);
  end if;
  if to_regtype('net.http_response_result') is null then
    create type net.http_response_result as (status net.request_status, message text, response net.http_response);
  end if;
end
$$;

-- Pending requests; the worker deletes a row when it takes it (API: private).
create unlogged table if not exists net.http_request_queue (
  id bigserial,
  method net.http_method not null,
  url text not null,
  headers jsonb,
  body bytea,
  timeout_milliseconds int not null
);

-- One row per finished request, kept for pg_net.ttl (6 hours) (API: private).
create unlogged table if not exists net._http_response (
  id bigint,
  status_code integer,
  content_type text,
  headers jsonb,
  content text,
  timed_out bool,
  error_msg text,
  created timestamptz not null default now()
);

create index if not exists _http_response_created_idx on net._http_response (created);
-- Not in pg_net; lets callers look responses up by request id without a scan.
create index if not exists _http_response_id_idx on net._http_response (id);

-- ---------------------------------------------------------------------------
-- Waking the worker: NOTIFY is delivered on commit only, so the worker is
-- woken for committed requests and never for rolled-back ones.
-- ---------------------------------------------------------------------------

create or replace function net.wake()
returns void
language sql
as $$ select pg_notify('devstack_pg_net', 'wake') $$;

create or replace function net._notify_worker()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_notify('devstack_pg_net', 'wake');
  return null;
end
$$;

do $$
begin
  if not exists (select 1 from pg_trigger where tgname = 'http_request_queue_wake_worker'
                 and tgrelid = 'net.http_request_queue'::regclass) then
    create trigger http_request_queue_wake_worker
      after insert on net.http_request_queue
      for each statement execute function net._notify_worker();
  end if;
end
$$;

-- ---------------------------------------------------------------------------
-- Worker status. The devstack worker connects with application_name
-- 'pg_net worker', so these helpers behave like pg_net's.
-- ---------------------------------------------------------------------------

create or replace function net.check_worker_is_up()
returns void
language plpgsql
as $$
begin
  if not exists (select 1 from pg_stat_activity where application_name = 'pg_net worker') then
    raise exception using
      message = 'the pg_net background worker is not up',
      detail = 'the pg_net background worker is down due to an internal error and cannot process requests',
      hint = 'make sure that you didn''t modify any of pg_net internal tables';
  end if;
end
$$;
comment on function net.check_worker_is_up() is 'raises an exception if the pg_net background worker is not up, otherwise it doesn''t return anything';

create or replace function net.wait_until_running()
returns void
language plpgsql
as $$
begin
  for i in 1..600 loop
    if exists (select 1 from pg_stat_activity where application_name = 'pg_net worker') then
      return;
    end if;
    perform pg_sleep(0.05);
  end loop;
  perform net.check_worker_is_up();
end
$$;
comment on function net.wait_until_running() is 'waits until the worker is running';

create or replace function net.worker_restart()
returns bool
language sql
as $$ select pg_notify('devstack_pg_net', 'restart'); select true $$;

-- ---------------------------------------------------------------------------
-- URL helpers (curl's escaping: everything but unreserved characters is
-- percent-encoded; an invalid URL fails the call, as in pg_net).
-- ---------------------------------------------------------------------------

create or replace function net._urlencode_string(string varchar)
returns text
language sql
immutable
as $$
  select case when string is null then null else coalesce((
    select string_agg(
             case
               when x.byte between 48 and 57 or x.byte between 65 and 90 or x.byte between 97 and 122
                 or x.byte in (45, 46, 95, 126) then chr(x.byte)
               else '%' || upper(lpad(to_hex(x.byte), 2, '0'))
             end, '' order by x.i)
      from (select i, get_byte(s.bytes, i) as byte
              from (select convert_to(string, 'UTF8') as bytes) s,
                   generate_series(0, length(s.bytes) - 1) as i) x
  ), '') end
$$;

create or replace function net._encode_url_with_params_array(url text, params_array text[])
returns text
language plpgsql
immutable
as $$
declare
  parts text[];
  scheme text;
  authority text;
  rest text;
  fragment text := '';
  param text;
begin
  if url is null or params_array is null then
    return null;
  end if;
  parts := regexp_match(url, '^([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)(.*)$');
  if parts is null then
    if url ~ '^[A-Za-z][A-Za-z0-9+.-]*:' then
      raise exception 'invalid URL "%": Unsupported URL scheme', url;
    end if;
    raise exception 'invalid URL "%": Bad scheme', url;
  end if;
  scheme := lower(parts[1]);
  authority := parts[2];
  rest := parts[3];
  if scheme not in ('http', 'https') then
    raise exception 'invalid URL "%": Unsupported URL scheme', url;
  end if;
  if authority = '' or authority ~ '\s' then
    raise exception 'invalid URL "%": No host part in the URL', url;
  end if;
  if position('#' in rest) > 0 then
    fragment := substr(rest, position('#' in rest));
    rest := substr(rest, 1, position('#' in rest) - 1);
  end if;
  if rest = '' or left(rest, 1) = '?' then
    rest := '/' || rest;
  end if;
  foreach param in array params_array loop
    continue when param is null;
    if position('?' in rest) = 0 then
      rest := rest || '?' || param;
    elsif right(rest, 1) in ('?', '&') then
      rest := rest || param;
    else
      rest := rest || '&' || param;
    end if;
  end loop;
  return scheme || '://' || authority || rest || fragment;
end
$$;

-- ---------------------------------------------------------------------------
-- Public API: queue a request, return its id. Security invoker, as in pg_net
-- >= 0.12; the queue is writable by PUBLIC (see grants below).
-- ---------------------------------------------------------------------------

create or replace function net.http_get(
  -- url for the request
  url text,
  -- key/value pairs to be url encoded and appended to the `url`
  params jsonb default '{}'::jsonb,
  -- key/values to be included in request headers
  headers jsonb default '{}'::jsonb,
  -- the maximum number of milliseconds the request may take before being cancelled
  timeout_milliseconds int default 5000
)
returns bigint
language plpgsql
as $$
declare
  request_id bigint;
  params_array text[];
begin
  select coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    into params_array
    from jsonb_each_text(params);

  insert into net.http_request_queue (method, url, headers, timeout_milliseconds)
  values ('GET', net._encode_url_with_params_array(url, params_array), headers, timeout_milliseconds)
  returning id into request_id;

  return request_id;
end
$$;

create or replace function net.http_post(
  -- url for the request
  url text,
  -- body of the POST request
  body jsonb default '{}'::jsonb,
  -- key/value pairs to be url encoded and appended to the `url`
  params jsonb default '{}'::jsonb,
  -- key/values to be included in request headers
  headers jsonb default '{"Content-Type": "application/json"}'::jsonb,
  -- the maximum number of milliseconds the request may take before being cancelled
  timeout_milliseconds int default 5000
)
returns bigint
language plpgsql
as $$
declare
  request_id bigint;
  params_array text[];
  content_type text;
begin
  select header_value into content_type
    from jsonb_each_text(coalesce(headers, '{}'::jsonb)) r(header_name, header_value)
   where lower(header_name) = 'content-type'
   limit 1;

  -- pg_net adds the JSON content type back when the caller's headers omit it
  if content_type is null then
    headers := headers || '{"Content-Type": "application/json"}'::jsonb;
  end if;

  if content_type <> 'application/json' then
    raise exception 'Content-Type header must be "application/json"';
  end if;

  select coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    into params_array
    from jsonb_each_text(params);

  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values ('POST', net._encode_url_with_params_array(url, params_array), headers,
          convert_to(body::text, 'UTF8'), timeout_milliseconds)
  returning id into request_id;

  return request_id;
end
$$;

create or replace function net.http_delete(
  -- url for the request
  url text,
  -- key/value pairs to be url encoded and appended to the `url`
  params jsonb default '{}'::jsonb,
  -- key/values to be included in request headers
  headers jsonb default '{}'::jsonb,
  -- the maximum number of milliseconds the request may take before being cancelled
  timeout_milliseconds int default 5000,
  -- optional body of the request
  body jsonb default null
)
returns bigint
language plpgsql
as $$
declare
  request_id bigint;
  params_array text[];
begin
  select coalesce(array_agg(net._urlencode_string(key) || '=' || net._urlencode_string(value)), '{}')
    into params_array
    from jsonb_each_text(params);

  insert into net.http_request_queue (method, url, headers, body, timeout_milliseconds)
  values ('DELETE', net._encode_url_with_params_array(url, params_array), headers,
          convert_to(body::text, 'UTF8'), timeout_milliseconds)
  returning id into request_id;

  return request_id;
end
$$;

-- ---------------------------------------------------------------------------
-- Response collection (deprecated in pg_net, kept for code that still uses it)
-- ---------------------------------------------------------------------------

create or replace function net._await_response(request_id bigint)
returns bool
language plpgsql
as $$
declare
  rec net._http_response;
begin
  while rec is null loop
    select * into rec from net._http_response where id = request_id;
    if rec is null then
      perform pg_sleep(0.05);
    end if;
  end loop;
  return true;
end
$$;

create or replace function net._http_collect_response(request_id bigint, async bool default true)
returns net.http_response_result
language plpgsql
as $$
declare
  rec net._http_response;
begin
  if not async then
    perform net._await_response(request_id);
  end if;

  select * into rec from net._http_response where id = request_id;

  if rec is null or rec.error_msg is not null then
    return ('ERROR', coalesce(rec.error_msg, 'request matching request_id not found'), null)::net.http_response_result;
  end if;

  return ('SUCCESS', 'ok', (rec.status_code, rec.headers, rec.content)::net.http_response)::net.http_response_result;
end
$$;

create or replace function net.http_collect_response(request_id bigint, async bool default true)
returns net.http_response_result
language plpgsql
as $$
begin
  raise notice 'The net.http_collect_response function is deprecated.';
  return net._http_collect_response(request_id, async);
end
$$;

-- ---------------------------------------------------------------------------
-- Grants, as pg_net >= 0.12 on Supabase: the schema and its tables are open to
-- PUBLIC (the functions are security invoker and PUBLIC may execute them);
-- `net` is not exposed through the Data API, so anon/authenticated reach it
-- only through SQL that the project itself runs.
-- ---------------------------------------------------------------------------

grant usage on schema net to public;
grant usage on schema net to postgres, anon, authenticated, service_role;
grant all on all sequences in schema net to public;
grant all on all tables in schema net to public;
