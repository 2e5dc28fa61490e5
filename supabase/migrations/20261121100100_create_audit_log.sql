-- ============================================================================
-- The audit log: who did what to which object, when, from where, with the
-- before/after diff. Lives in the non-exposed schema `audit`.
--
-- * Append-only: UPDATE, DELETE and TRUNCATE are revoked from every API role and
--   refused by triggers for everyone else, superusers included (the triggers are
--   ENABLE ALWAYS, so session_replication_role = replica does not skip them).
--   Two narrow doors exist: the retention job (migration 20261121101100) and the
--   erasure of a deleted user's email and name (private.erase_audit_actor).
-- * Hash-chained per tenant (platform events without a tenant form one chain):
--   hash = sha256(prev_hash || canonical entry). A row lock on the chain head
--   serialises appends, so concurrent writers cannot fork a chain.
--   private.verify_audit_chain() recomputes a chain and names the first broken link.
-- * Written through private.record_audit_event (RPCs, denials, 2FA) and one
--   generic row trigger, private.audit_row_change, attached with private.enable_audit.
-- See docs/audit-log.md.
-- ============================================================================

create schema if not exists audit;
comment on schema audit is 'The append-only, hash-chained audit log. Never exposed through the API.';
revoke all on schema audit from public;

-- The chain key of events that belong to no tenant (sign-ins, super-admin actions).
create or replace function private.audit_platform_chain() returns uuid
language sql immutable parallel safe set search_path = ''
as $$ select '00000000-0000-0000-0000-000000000000'::uuid $$;
comment on function private.audit_platform_chain is 'Chain key of platform-level audit events (tenant_id null).';
grant execute on function private.audit_platform_chain() to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Tables
-- ----------------------------------------------------------------------------

create table audit.chains (
  chain_key uuid primary key,
  tenant_id uuid,
  head_seq bigint not null default 0,
  head_hash bytea,
  head_occurred_at timestamptz,
  anchor_seq bigint not null default 0,
  anchor_hash bytea,
  retention_days integer,
  updated_at timestamptz not null default now(),
  constraint chains_anchor_behind_head check (anchor_seq <= head_seq)
);
comment on table audit.chains is 'One row per hash chain (tenant or platform): the head every append builds on, and the anchor left by retention purges.';
comment on column audit.chains.anchor_seq is 'Entries up to this sequence number were purged by retention; the first remaining entry must link to anchor_hash.';
comment on column audit.chains.retention_days is 'The tenant''s audit retention as last known, kept for chains whose tenant was deleted.';

create table audit.entries (
  id bigint generated always as identity primary key,
  tenant_id uuid,
  chain_key uuid not null,
  chain_seq bigint not null,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_email text,
  actor_name text,
  actor_digest bytea,
  action text not null,
  object_type text not null,
  object_id text,
  outcome text not null default 'success',
  before jsonb,
  after jsonb,
  details jsonb not null default '{}'::jsonb,
  ip inet,
  user_agent text,
  prev_hash bytea,
  hash bytea not null,
  search_text text generated always as (
    lower(
      action || ' ' || object_type || ' ' || coalesce(object_id, '') || ' ' || outcome || ' '
      || coalesce(actor_email, '') || ' ' || coalesce(actor_name, '') || ' ' || coalesce(host(ip), '') || ' '
      || left(details::text, 2000) || ' ' || left(coalesce(before::text, ''), 2000) || ' '
      || left(coalesce(after::text, ''), 2000)
    )
  ) stored,
  constraint entries_outcome_known check (outcome in ('success', 'denied', 'failure')),
  constraint entries_action_format check (length(action) between 1 and 100),
  constraint entries_object_type_format check (length(object_type) between 1 and 100),
  constraint entries_chain_key_matches check (chain_key = coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid))
);
comment on table audit.entries is 'Append-only audit trail, hash-chained per tenant. tenant_id null = platform-level event.';
comment on column audit.entries.actor_digest is 'sha256(prev_hash || [actor_email, actor_name]): covered by the entry hash, so email and name are tamper-evident yet erasable.';
comment on column audit.entries.search_text is 'Lowercased text the admin search matches with a trigram index.';

-- Queries name the chain (= tenant, or the platform chain) rather than tenant_id, so
-- one set of indexes serves search, verification and retention alike.
create unique index entries_chain_seq_key on audit.entries (chain_key, chain_seq);
create index entries_chain_time_idx on audit.entries (chain_key, occurred_at desc, id desc);
create index entries_chain_actor_time_idx on audit.entries (chain_key, actor_id, occurred_at desc, id desc);
create index entries_chain_object_time_idx on audit.entries (chain_key, object_type, object_id, occurred_at desc, id desc);
create index entries_search_text_trgm_idx on audit.entries using gin (search_text extensions.gin_trgm_ops);

alter table audit.entries enable row level security;
alter table audit.chains enable row level security;
-- No policies: only the owner (through the security-definer functions below) reads or writes.
revoke all on audit.entries, audit.chains from public, anon, authenticated, service_role;
-- Not even the owner truncates; superusers, who ignore privileges, meet the trigger below.
revoke truncate on audit.entries, audit.chains from postgres;

-- ----------------------------------------------------------------------------
-- Hashing: one canonical serialisation, used by appends and by verification
-- ----------------------------------------------------------------------------

-- sha256 over the previous hash and the actor's email and name; null when both are unknown.
create or replace function private.audit_actor_digest(p_prev_hash bytea, p_email text, p_name text) returns bytea
language sql immutable parallel safe set search_path = ''
as $$
  select case when p_email is null and p_name is null then null
    else sha256(coalesce(p_prev_hash, '\x'::bytea) || convert_to(jsonb_build_array(p_email, p_name)::text, 'UTF8')) end
$$;

-- The entry's hash: sha256(prev_hash || canonical JSON array of every recorded field).
-- JSON text of jsonb is deterministic (sorted keys, fixed spacing); the time is
-- microseconds since the epoch so no session setting (TimeZone, DateStyle) matters.
-- actor_email/actor_name enter through actor_digest so that erasing them keeps the chain.
create or replace function private.audit_entry_hash(e audit.entries) returns bytea
language sql immutable parallel safe set search_path = ''
as $$
  select sha256(
    coalesce(e.prev_hash, '\x'::bytea)
    || convert_to(jsonb_build_array(
      1,
      e.id,
      e.chain_key::text,
      e.chain_seq,
      e.tenant_id::text,
      (extract(epoch from e.occurred_at) * 1000000)::bigint,
      e.actor_id::text,
      encode(e.actor_digest, 'hex'),
      e.action,
      e.object_type,
      e.object_id,
      e.outcome,
      e.before,
      e.after,
      e.details,
      e.ip::text,
      e.user_agent
    )::text, 'UTF8')
  )
$$;
comment on function private.audit_entry_hash is 'Hash of an audit entry over its previous hash and canonical serialisation (format 1).';

-- ----------------------------------------------------------------------------
-- Append: chain every new entry onto its chain's head, under the head's row lock
-- ----------------------------------------------------------------------------

create or replace function private.audit_entries_chain() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  head audit.chains;
begin
  new.chain_key := coalesce(new.tenant_id, private.audit_platform_chain());
  -- The lock is held until commit: appends to one chain queue here, in order.
  select * into head from audit.chains c where c.chain_key = new.chain_key for update;
  if not found then
    insert into audit.chains (chain_key, tenant_id) values (new.chain_key, new.tenant_id)
    on conflict (chain_key) do nothing;
    select * into head from audit.chains c where c.chain_key = new.chain_key for update;
  end if;

  if new.occurred_at > clock_timestamp() + interval '1 minute' then
    perform private.raise_error(422, 'FOVAL', 'An audit entry cannot be dated in the future.', 'occurred_at', 'not_future');
  end if;
  -- Time never runs backwards within a chain (a transaction that started earlier
  -- may take the lock later); retention relies on it.
  if head.head_occurred_at is not null and new.occurred_at < head.head_occurred_at then
    new.occurred_at := head.head_occurred_at;
  end if;

  new.chain_seq := head.head_seq + 1;
  new.prev_hash := head.head_hash;
  new.actor_digest := private.audit_actor_digest(new.prev_hash, new.actor_email, new.actor_name);
  new.hash := private.audit_entry_hash(new);

  update audit.chains c set
    head_seq = new.chain_seq,
    head_hash = new.hash,
    head_occurred_at = new.occurred_at,
    updated_at = clock_timestamp()
  where c.chain_key = new.chain_key;
  return new;
end
$$;

create trigger audit_entries_chain before insert on audit.entries
  for each row execute function private.audit_entries_chain();
alter table audit.entries enable always trigger audit_entries_chain;

-- ----------------------------------------------------------------------------
-- Append-only: refuse UPDATE, DELETE and TRUNCATE
-- ----------------------------------------------------------------------------

-- UPDATE is refused, except for private.erase_audit_actor clearing a deleted user's
-- email and name (transaction-local setting audit.erase_actor = that user's id),
-- which may change nothing else.
create or replace function private.audit_entries_refuse_update() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  erasing text := nullif(current_setting('audit.erase_actor', true), '');
begin
  if erasing is not null
    and old.actor_id::text = erasing
    and new.actor_email is null
    and new.actor_name is null
    and to_jsonb(new) - array['actor_email', 'actor_name', 'search_text'] = to_jsonb(old) - array['actor_email', 'actor_name', 'search_text']
  then
    return new;
  end if;
  perform private.raise_error(403, 'FODEN', 'Audit entries are append-only: UPDATE is refused.', 'audit.entries', 'append_only');
  return null;
end
$$;

create trigger audit_entries_refuse_update before update on audit.entries
  for each row execute function private.audit_entries_refuse_update();
alter table audit.entries enable always trigger audit_entries_refuse_update;

-- DELETE is refused; the retention migration replaces this function with one that
-- lets the retention job drop whole months past the tenant's retention period.
create or replace function private.audit_entries_guard_delete() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.raise_error(403, 'FODEN', 'Audit entries are append-only: DELETE is refused.', 'audit.entries', 'append_only');
  return null;
end
$$;

create trigger audit_entries_guard_delete before delete on audit.entries
  for each row execute function private.audit_entries_guard_delete();
alter table audit.entries enable always trigger audit_entries_guard_delete;

create or replace function private.audit_refuse_truncate() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.raise_error(403, 'FODEN', format('The audit log is append-only: TRUNCATE of %s.%s is refused.', tg_table_schema, tg_table_name),
    tg_table_schema || '.' || tg_table_name, 'append_only');
  return null;
end
$$;

create trigger audit_entries_refuse_truncate before truncate on audit.entries
  for each statement execute function private.audit_refuse_truncate();
alter table audit.entries enable always trigger audit_entries_refuse_truncate;

-- Chain heads only move forward and are never removed.
create or replace function private.audit_chains_guard() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE'
    and new.chain_key = old.chain_key
    and new.tenant_id is not distinct from old.tenant_id
    and new.head_seq >= old.head_seq
    and new.anchor_seq >= old.anchor_seq
  then
    return new;
  end if;
  perform private.raise_error(403, 'FODEN', format('Audit chain heads only move forward: %s is refused.', tg_op), 'audit.chains', 'append_only');
  return null;
end
$$;

create trigger audit_chains_guard before update or delete on audit.chains
  for each row execute function private.audit_chains_guard();
alter table audit.chains enable always trigger audit_chains_guard;
create trigger audit_chains_refuse_truncate before truncate on audit.chains
  for each statement execute function private.audit_refuse_truncate();
alter table audit.chains enable always trigger audit_chains_refuse_truncate;

-- ----------------------------------------------------------------------------
-- Request context: actor, IP, user agent
-- ----------------------------------------------------------------------------

-- Email and display name of a user at the time of the event. Reads auth.users here;
-- replaced by a version reading public.profiles once profiles exist (20261121101000).
create or replace function private.audit_actor_identity(p_user_id uuid, out email text, out name text)
language sql stable parallel safe security definer set search_path = ''
as $$
  select u.email::text, nullif(u.raw_user_meta_data ->> 'full_name', '')
  from auth.users u
  where u.id = p_user_id
$$;

-- A header PostgREST passed for this request (lowercased name), or null outside a request.
create or replace function private.request_header(p_name text) returns text
language sql stable parallel safe set search_path = ''
as $$ select nullif(current_setting('request.headers', true), '')::json ->> lower(p_name) $$;
grant execute on function private.request_header(text) to authenticated, service_role;

-- The client address: the first hop of X-Forwarded-For (as the API gateway passes it),
-- without a port or IPv6 brackets; null when absent or not an address.
create or replace function private.request_ip() returns inet
language plpgsql stable set search_path = ''
as $$
declare
  hop text := btrim(split_part(private.request_header('x-forwarded-for'), ',', 1));
begin
  if hop is null or hop = '' then
    return null;
  end if;
  hop := case
    when hop ~ '^\[.*\](:\d+)?$' then substring(hop from '^\[(.*)\]')
    when hop ~ '^[0-9.]+:\d+$' then split_part(hop, ':', 1)
    else hop
  end;
  return hop::inet;
exception when invalid_text_representation then
  return null;
end
$$;
grant execute on function private.request_ip() to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Writing entries
-- ----------------------------------------------------------------------------

-- The one place entries are inserted; callers that know the actor and client
-- (auth events) pass them, everyone else goes through record_audit_event.
-- Secret-named keys in before, after and details are redacted here, for every caller.
create or replace function private.append_audit_entry(
  p_tenant_id uuid,
  p_actor_id uuid,
  p_action text,
  p_object_type text,
  p_object_id text,
  p_outcome text,
  p_before jsonb,
  p_after jsonb,
  p_details jsonb,
  p_ip inet,
  p_user_agent text
) returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor_email text;
  actor_name text;
  new_id bigint;
begin
  if p_outcome is null or p_outcome not in ('success', 'denied', 'failure') then
    perform private.raise_error(422, 'FOVAL', 'The audit outcome must be success, denied or failure.', 'outcome', 'one_of');
  end if;
  if p_action is null or length(btrim(p_action)) not between 1 and 100 then
    perform private.raise_error(422, 'FOVAL', 'An audit action is 1 to 100 characters.', 'action', 'length');
  end if;
  if p_object_type is null or length(btrim(p_object_type)) not between 1 and 100 then
    perform private.raise_error(422, 'FOVAL', 'An audit object type is 1 to 100 characters.', 'object_type', 'length');
  end if;
  if p_details is not null and jsonb_typeof(p_details) <> 'object' then
    perform private.raise_error(422, 'FOVAL', 'Audit details must be a JSON object.', 'details', 'object');
  end if;
  if p_actor_id is not null then
    select i.email, i.name into actor_email, actor_name from private.audit_actor_identity(p_actor_id) i;
  end if;
  insert into audit.entries (tenant_id, actor_id, actor_email, actor_name, action, object_type, object_id,
                             outcome, before, after, details, ip, user_agent)
  values (p_tenant_id, p_actor_id, actor_email, actor_name, btrim(p_action), btrim(p_object_type), p_object_id,
          p_outcome, private.audit_redact(p_before), private.audit_redact(p_after),
          private.audit_redact(coalesce(p_details, '{}'::jsonb)), p_ip, left(p_user_agent, 500))
  returning id into new_id;
  return new_id;
end
$$;
comment on function private.append_audit_entry is 'Appends one audit entry with an explicit actor and client; returns its id.';
grant execute on function private.append_audit_entry(uuid, uuid, text, text, text, text, jsonb, jsonb, jsonb, inet, text) to service_role;

-- Records an event of the current request: the actor is auth.uid() (null for system
-- work, in which case the API role, if any, is noted), IP and user agent come from
-- the request headers PostgREST passes; a multi-hop X-Forwarded-For is kept in details.
create or replace function private.record_audit_event(
  p_tenant_id uuid,
  p_action text,
  p_object_type text,
  p_object_id text,
  p_outcome text default 'success',
  p_before jsonb default null,
  p_after jsonb default null,
  p_details jsonb default '{}'::jsonb
) returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  actor uuid := auth.uid();
  details jsonb := coalesce(p_details, '{}'::jsonb);
  forwarded text := private.request_header('x-forwarded-for');
begin
  if actor is null and auth.role() is not null and jsonb_typeof(details) = 'object' and not details ? 'role' then
    details := details || jsonb_build_object('role', auth.role());
  end if;
  if forwarded like '%,%' and jsonb_typeof(details) = 'object' then
    details := details || jsonb_build_object('forwarded_for', forwarded);
  end if;
  perform private.append_audit_entry(p_tenant_id, actor, p_action, p_object_type, p_object_id, p_outcome,
    p_before, p_after, details, private.request_ip(), private.request_header('user-agent'));
end
$$;
comment on function private.record_audit_event is 'Audits an event of the current request (actor, IP and user agent from the request).';
grant execute on function private.record_audit_event(uuid, text, text, text, text, jsonb, jsonb, jsonb)
  to authenticated, service_role, supabase_auth_admin;

-- ----------------------------------------------------------------------------
-- The generic row trigger
-- ----------------------------------------------------------------------------

-- Whether a JSON key names a secret: passwords, secrets, tokens, hashes, salts,
-- credentials and keys (api_key, private_key, key_hash, apiKey, ...). A bare `key`
-- column is an identifier (a role's key), not a secret, and stays readable.
create or replace function private.audit_is_secret_key(p_key text) returns boolean
language sql immutable parallel safe set search_path = ''
as $$
  select lower(p_key) ~ '(password|passwd|passphrase|secret|token|hash|salt|credential|apikey|privatekey|accesskey|(^|_)keys?_|_keys?$)'
    or p_key ~ '[a-z]Keys?$'
$$;
grant execute on function private.audit_is_secret_key(text) to authenticated, service_role;

-- Replaces the value of every secret-named key, at any depth, with "[redacted]".
-- A null value stays null (it holds no secret and shows that the secret was cleared).
create or replace function private.audit_redact(p_value jsonb) returns jsonb
language plpgsql immutable parallel safe set search_path = ''
as $$
declare
  result jsonb;
begin
  case jsonb_typeof(p_value)
    when 'object' then
      select coalesce(jsonb_object_agg(k, case
               when private.audit_is_secret_key(k) and jsonb_typeof(v) <> 'null' then to_jsonb('[redacted]'::text)
               else private.audit_redact(v) end), '{}'::jsonb)
      into result
      from jsonb_each(p_value) as e(k, v);
      return result;
    when 'array' then
      select coalesce(jsonb_agg(private.audit_redact(v) order by n), '[]'::jsonb)
      into result
      from jsonb_array_elements(p_value) with ordinality as a(v, n);
      return result;
    else
      return p_value;
  end case;
end
$$;
grant execute on function private.audit_redact(jsonb) to authenticated, service_role;

-- One trigger for every audited table. INSERT records the new row as `after`,
-- DELETE the old row as `before`, UPDATE only the changed columns on both sides
-- (nothing when no column changed). Secrets are redacted (by append_audit_entry)
-- after diffing, so a changed password hash shows as changed without its value. The tenant is the
-- row's tenant_id (its id for public.tenants); the object id is the row's key
-- columns other than tenant_id, passed as trigger arguments by enable_audit.
create or replace function private.audit_row_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  old_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  new_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  row_data jsonb := coalesce(new_row, old_row);
  before_diff jsonb := old_row;
  after_diff jsonb := new_row;
  object_id text;
  tenant uuid;
begin
  if tg_op = 'UPDATE' then
    select jsonb_object_agg(o.key, o.value) into before_diff
    from jsonb_each(old_row) o
    where o.value is distinct from new_row -> o.key;
    if before_diff is null then
      return null;
    end if;
    select jsonb_object_agg(n.key, n.value) into after_diff
    from jsonb_each(new_row) n
    where n.value is distinct from old_row -> n.key;
  end if;

  tenant := case
    when tg_table_schema = 'public' and tg_table_name = 'tenants' then (row_data ->> 'id')::uuid
    else (row_data ->> 'tenant_id')::uuid
  end;
  if tg_nargs > 0 then
    select string_agg(row_data ->> a, '/' order by n) into object_id
    from unnest(tg_argv) with ordinality as k(a, n);
  else
    object_id := row_data ->> 'id';
  end if;

  perform private.record_audit_event(
    tenant,
    lower(tg_op),
    case when tg_table_schema = 'public' then tg_table_name else tg_table_schema || '.' || tg_table_name end,
    object_id,
    'success',
    before_diff,
    after_diff,
    '{}'::jsonb
  );
  return null;
end
$$;
comment on function private.audit_row_change is 'Generic audit trigger: before/after diff with secrets redacted. Attach with private.enable_audit(table).';

-- Attaches the audit trigger to a table (idempotent). The object id is built from
-- the primary key columns other than tenant_id (or `id` when there is no key).
create or replace function private.enable_audit(p_table regclass) returns void
language plpgsql
set search_path = ''
as $$
declare
  key_columns text[];
begin
  if p_table in ('audit.entries'::regclass, 'audit.chains'::regclass) then
    perform private.raise_error(422, 'FOVAL', 'The audit log does not audit itself.', 'table', 'not_audit');
  end if;
  select array_agg(a.attname::text order by k.n) into key_columns
  from pg_catalog.pg_index i
  cross join lateral unnest(i.indkey) with ordinality as k(attnum, n)
  join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
  where i.indrelid = p_table and i.indisprimary;
  if array_length(key_columns, 1) > 1 then
    key_columns := array_remove(key_columns, 'tenant_id');
  end if;

  if exists (select 1 from pg_catalog.pg_trigger t where t.tgrelid = p_table and t.tgname = 'audit_row_change') then
    execute format('drop trigger audit_row_change on %s', p_table);
  end if;
  execute format(
    'create trigger audit_row_change after insert or update or delete on %s for each row execute function private.audit_row_change(%s)',
    p_table,
    coalesce((select string_agg(quote_literal(c), ', ') from unnest(key_columns) c), '')
  );
end
$$;
comment on function private.enable_audit is 'Audits every insert, update and delete of a table through private.audit_row_change.';

-- ----------------------------------------------------------------------------
-- Erasure of a deleted user's email and name (the entries themselves stay)
-- ----------------------------------------------------------------------------

-- Clears actor_email and actor_name of every entry by this user; nothing else may
-- change. actor_digest keeps the chain verifiable. Returns the number of entries.
create or replace function private.erase_audit_actor(p_user_id uuid) returns bigint
language plpgsql
security definer
set search_path = ''
as $$
declare
  n bigint;
begin
  if p_user_id is null then
    perform private.raise_error(422, 'FOVAL', 'Name the user whose audit identity to erase.', 'user_id', 'required');
  end if;
  perform set_config('audit.erase_actor', p_user_id::text, true);
  update audit.entries e set actor_email = null, actor_name = null
  where e.actor_id = p_user_id and (e.actor_email is not null or e.actor_name is not null);
  get diagnostics n = row_count;
  perform set_config('audit.erase_actor', '', true);
  perform private.append_audit_entry(null, null, 'audit.actor_erased', 'user', p_user_id::text, 'success',
    null, null, jsonb_build_object('entries', n), null, null);
  return n;
end
$$;
comment on function private.erase_audit_actor is 'Account deletion: removes the user''s email and name from their audit entries (audited).';
grant execute on function private.erase_audit_actor(uuid) to service_role;

-- ----------------------------------------------------------------------------
-- Verification
-- ----------------------------------------------------------------------------

-- Recomputes a chain (tenant_id null = platform chain) from its retention anchor to
-- its head and names the first broken link: an altered entry (hash or actor
-- mismatch), a missing or reordered entry (sequence gap, prev_hash not the previous
-- hash, time running backwards), or entries missing after the last one (head mismatch).
create or replace function private.verify_audit_chain(p_tenant_id uuid)
returns table (ok boolean, checked bigint, first_broken_id bigint, reason text)
language sql
stable
security definer
set search_path = ''
as $$
  with chain as (
    select c.* from audit.chains c where c.chain_key = coalesce(p_tenant_id, private.audit_platform_chain())
  ),
  walked as (
    select
      e.id,
      e.chain_seq,
      e.prev_hash,
      e.hash,
      e.actor_digest,
      e.actor_email,
      e.actor_name,
      e.occurred_at,
      private.audit_entry_hash(e) as computed,
      lag(e.chain_seq) over w as prev_seq,
      lag(e.hash) over w as prev_entry_hash,
      lag(e.occurred_at) over w as prev_occurred_at,
      row_number() over w as n
    from audit.entries e
    where e.chain_key = coalesce(p_tenant_id, private.audit_platform_chain())
    window w as (order by e.chain_seq)
  ),
  problems as (
    select w.chain_seq, w.id, case
      when w.n = 1 and w.chain_seq <> chain.anchor_seq + 1 then
        format('entries %s to %s are missing before this one (the chain starts after #%s)', chain.anchor_seq + 1, w.chain_seq - 1, chain.anchor_seq)
      when w.n = 1 and w.prev_hash is distinct from chain.anchor_hash then
        'prev_hash does not match the chain''s anchor'
      when w.n > 1 and w.chain_seq <> w.prev_seq + 1 then
        format('entries %s to %s are missing before this one', w.prev_seq + 1, w.chain_seq - 1)
      when w.n > 1 and w.prev_hash is distinct from w.prev_entry_hash then
        'prev_hash does not match the previous entry''s hash'
      when w.hash is distinct from w.computed then
        'the entry was altered: its hash does not match its content'
      when (w.actor_email is not null or w.actor_name is not null)
        and w.actor_digest is distinct from private.audit_actor_digest(w.prev_hash, w.actor_email, w.actor_name) then
        'the actor''s email or name was altered'
      when w.n > 1 and w.occurred_at < w.prev_occurred_at then
        'occurred_at runs backwards'
    end as reason
    from walked w cross join chain
  ),
  first_problem as (
    select p.id, p.reason from problems p where p.reason is not null order by p.chain_seq limit 1
  ),
  last_entry as (
    select w.chain_seq, w.hash from walked w order by w.chain_seq desc limit 1
  ),
  tail as (
    select case
      when not exists (select 1 from chain) then
        case when exists (select 1 from walked) then 'the chain has entries but no recorded head' end
      when not exists (select 1 from last_entry) then
        case when (select head_seq from chain) <> (select anchor_seq from chain) then
          format('entries %s to %s are missing (the chain is empty)', (select anchor_seq from chain) + 1, (select head_seq from chain)) end
      when (select chain_seq from last_entry) <> (select head_seq from chain) then
        format('entries %s to %s are missing at the end of the chain', (select chain_seq from last_entry) + 1, (select head_seq from chain))
      when (select hash from last_entry) is distinct from (select head_hash from chain) then
        'the last entry does not match the recorded chain head'
    end as reason
  )
  select
    (select count(*) from first_problem) = 0 and (select reason from tail) is null,
    (select count(*) from walked),
    (select id from first_problem),
    coalesce((select reason from first_problem), (select reason from tail))
$$;
comment on function private.verify_audit_chain is 'Verifies a tenant''s audit hash chain (null = platform chain); names the first broken link.';
grant execute on function private.verify_audit_chain(uuid) to service_role;
