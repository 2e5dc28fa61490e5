-- ============================================================================
-- Account deletion: a user (self-service, through the `account` edge function,
-- confirmed by password and, with 2FA on, a current code) or a super admin
-- hard-deletes an account and everything that is only theirs:
--  * every row that references the user through a cascading foreign key
--    (profile, memberships, 2FA data, sessions, identities, ...);
--  * every tenant where they are the sole member, with every row it owns.
-- Rows that only name the user as their author (foreign keys to auth.users or
-- public.profiles that do not cascade: created_by, invited_by, ...) stay and
-- point to the deleted-user marker. The columns are read from the catalog, so
-- tables added later are covered without touching this file.
-- Refused (409 FOCON) while the user is the last Admin of a tenant that has
-- other members, and for super admins. Audit entries stay, without the
-- person's email and name (private.erase_audit_actor).
-- See docs/account-deletion.md.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- The caller
-- ----------------------------------------------------------------------------

-- The signed-in user of a live session, trusted by the 2FA policy or not (unlike
-- private.require_user): a super admin must see and do its setup steps before 2FA is on,
-- and an account can be previewed for deletion by a user the 2FA policy locks out.
create or replace function private.require_session_user() returns uuid
language plpgsql stable set search_path = ''
as $$
declare
  uid uuid := auth.uid();
begin
  if uid is null then
    perform private.raise_error(401, 'FOAUT', 'Sign in first.', null, 'signed_in');
  end if;
  if not private.session_is_active() then
    perform private.raise_error(401, 'FOAUT', 'Your session has ended or expired. Sign in again.', null, 'session_active');
  end if;
  return uid;
end
$$;
comment on function private.require_session_user is 'The caller of a live session (2FA state not required), or a 401 error.';
grant execute on function private.require_session_user() to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- What references a user, and what a tenant owns (from the catalog)
-- ----------------------------------------------------------------------------

-- Single-column foreign keys to auth.users(id) or public.profiles(id) (1:1 with users),
-- whether they cascade (the row belongs to the user) or not (the row names its author),
-- and whether the table has a tenant_id column.
create or replace function private.user_reference_columns()
returns table (table_schema text, table_name text, column_name text, cascades boolean, has_tenant_id boolean)
language sql stable security definer set search_path = ''
as $$
  select n.nspname::text, c.relname::text, a.attname::text, con.confdeltype = 'c',
    exists (select 1 from pg_catalog.pg_attribute t
            where t.attrelid = c.oid and t.attname = 'tenant_id' and t.attnum > 0 and not t.attisdropped)
  from pg_catalog.pg_constraint con
  join pg_catalog.pg_class c on c.oid = con.conrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
  where con.contype = 'f'
    and con.confrelid in ('auth.users'::regclass, 'public.profiles'::regclass)
    and cardinality(con.conkey) = 1
    and not c.relispartition
  order by 1, 2, 3
$$;
comment on function private.user_reference_columns is
  'Columns referencing a user (auth.users or public.profiles): cascading ones belong to the user, the others name an author.';
revoke all on function private.user_reference_columns() from public;

-- Tables (public and private) with a tenant_id column: what a tenant owns.
create or replace function private.tenant_owned_tables()
returns table (table_schema text, table_name text)
language sql stable security definer set search_path = ''
as $$
  select n.nspname::text, c.relname::text
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and a.attnum > 0 and not a.attisdropped
  where n.nspname in ('public', 'private')
    and c.relkind in ('r', 'p')
    and not c.relispartition
  order by 1, 2
$$;
comment on function private.tenant_owned_tables is 'Tables whose rows belong to a tenant (a tenant_id column), in public and private.';
revoke all on function private.tenant_owned_tables() from public;

-- How answers name a table: bare for public, schema-qualified otherwise.
create or replace function private.table_label(p_schema text, p_table text) returns text
language sql immutable parallel safe set search_path = ''
as $$ select case when p_schema = 'public' then p_table else p_schema || '.' || p_table end $$;
grant execute on function private.table_label(text, text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Deleting tenants with everything they own
-- ----------------------------------------------------------------------------

-- Deletes tenants (their rows go by cascade), then rows of tenant tables that do not
-- cascade from public.tenants. Each deletion is audited in the tenant's chain first.
-- Returns {tenants, leftover_rows: {table: n}}.
create or replace function private.purge_tenants(p_tenant_ids uuid[], p_reason text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  t uuid;
  tbl record;
  n bigint;
  deleted bigint;
  leftovers jsonb := '{}'::jsonb;
begin
  if coalesce(cardinality(p_tenant_ids), 0) = 0 then
    return jsonb_build_object('tenants', 0, 'leftover_rows', leftovers);
  end if;
  for t in select x from unnest(p_tenant_ids) as x where exists (select 1 from public.tenants tt where tt.id = x) loop
    perform private.record_audit_event(t, 'delete_tenant', 'tenant', t::text, 'success', null, null,
      jsonb_build_object('reason', p_reason));
  end loop;
  delete from public.tenants tt where tt.id = any (p_tenant_ids);
  get diagnostics deleted = row_count;
  for tbl in select * from private.tenant_owned_tables() loop
    execute format('delete from %I.%I where tenant_id = any ($1)', tbl.table_schema, tbl.table_name) using p_tenant_ids;
    get diagnostics n = row_count;
    if n > 0 then
      leftovers := leftovers || jsonb_build_object(private.table_label(tbl.table_schema, tbl.table_name), n);
    end if;
  end loop;
  return jsonb_build_object('tenants', deleted, 'leftover_rows', leftovers);
end
$$;
comment on function private.purge_tenants is 'Deletes tenants and every row they own (cascades, then a sweep of tenant tables); audited per tenant.';
revoke all on function private.purge_tenants(uuid[], text) from public;

-- ----------------------------------------------------------------------------
-- The plan: what deleting a user removes, keeps, reassigns, and what blocks it
-- ----------------------------------------------------------------------------

-- {user_id, can_delete, blockers: [{rule, message, tenant_id?, name?, slug?}],
--  tenants_deleted: [{id, name, slug, rows: {table: n}, total_rows}],
--  tenants_kept: [{id, name, slug, member_count, role_keys}],
--  personal_rows: {table: n}, reassigned_rows: {table.column: n},
--  requires: {password, has_password, mfa_code}}
create or replace function private.account_deletion_plan(p_user_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  sole uuid[];
  shared uuid[];
  blocking uuid[];
  tbl record;
  ref record;
  r record;
  n bigint;
  tenant_rows jsonb := '{}'::jsonb;
  personal jsonb := '{}'::jsonb;
  reassigned jsonb := '{}'::jsonb;
  blockers jsonb := '[]'::jsonb;
  has_password boolean;
begin
  select
    coalesce(array_agg(m.tenant_id order by m.tenant_id) filter (where not x.others), '{}'),
    coalesce(array_agg(m.tenant_id order by m.tenant_id) filter (where x.others), '{}')
  into sole, shared
  from public.tenant_members m
  cross join lateral (
    select exists (select 1 from public.tenant_members o where o.tenant_id = m.tenant_id and o.user_id <> p_user_id) as others
  ) x
  where m.user_id = p_user_id;

  -- Shared tenants where the user holds Admin and no other member does.
  blocking := array(
    select s from unnest(shared) as s
    where exists (select 1 from public.member_roles mr join public.roles ro on ro.id = mr.role_id
                  where mr.tenant_id = s and mr.user_id = p_user_id and ro.key = 'admin' and ro.builtin)
      and not exists (select 1 from public.member_roles mr join public.roles ro on ro.id = mr.role_id
                      where mr.tenant_id = s and mr.user_id <> p_user_id and ro.key = 'admin' and ro.builtin)
    order by s
  );
  select coalesce(jsonb_agg(jsonb_build_object(
           'rule', 'last_admin', 'tenant_id', t.id, 'name', t.name, 'slug', t.slug,
           'message', format('Last Admin of "%s", which has other members: make another member Admin first.', t.name))
           order by t.name), '[]'::jsonb)
  into blockers
  from public.tenants t where t.id = any (blocking);
  if exists (select 1 from private.super_admins s where s.user_id = p_user_id) then
    blockers := blockers || jsonb_build_array(jsonb_build_object('rule', 'super_admin',
      'message', 'A super admin account cannot be deleted; it is configured at bootstrap.'));
  end if;

  -- Rows of each sole tenant, per table.
  if cardinality(sole) > 0 then
    for tbl in select * from private.tenant_owned_tables() loop
      for r in execute format('select tenant_id, count(*) as n from %I.%I where tenant_id = any ($1) group by tenant_id',
                              tbl.table_schema, tbl.table_name) using sole loop
        tenant_rows := jsonb_set(tenant_rows, array[r.tenant_id::text],
          coalesce(tenant_rows -> r.tenant_id::text, '{}'::jsonb)
            || jsonb_build_object(private.table_label(tbl.table_schema, tbl.table_name), r.n));
      end loop;
    end loop;
  end if;

  -- Rows that are the user's (cascading references) and rows that name them as author
  -- outside the tenants being deleted (non-cascading references, reassigned to the marker).
  for ref in select * from private.user_reference_columns() loop
    if ref.cascades then
      execute format('select count(*) from %I.%I where %I = $1', ref.table_schema, ref.table_name, ref.column_name)
        into n using p_user_id;
      if n > 0 then
        personal := personal || jsonb_build_object(private.table_label(ref.table_schema, ref.table_name),
          coalesce((personal ->> private.table_label(ref.table_schema, ref.table_name))::bigint, 0) + n);
      end if;
    elsif ref.table_schema <> 'auth' then
      execute format('select count(*) from %I.%I where %I = $1 and %s', ref.table_schema, ref.table_name, ref.column_name,
        case
          when ref.table_schema = 'public' and ref.table_name = 'tenants' then 'not (id = any ($2))'
          when ref.has_tenant_id then 'not coalesce(tenant_id = any ($2), false)'
          else 'true'
        end)
        into n using p_user_id, sole;
      if n > 0 then
        reassigned := reassigned || jsonb_build_object(private.table_label(ref.table_schema, ref.table_name) || '.' || ref.column_name, n);
      end if;
    end if;
  end loop;

  select u.encrypted_password ~ '^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$' into has_password from auth.users u where u.id = p_user_id;

  return jsonb_build_object(
    'user_id', p_user_id,
    'can_delete', jsonb_array_length(blockers) = 0,
    'blockers', blockers,
    'tenants_deleted', (
      select coalesce(jsonb_agg(jsonb_build_object(
        'id', t.id, 'name', t.name, 'slug', t.slug,
        'rows', coalesce(tenant_rows -> t.id::text, '{}'::jsonb) || jsonb_build_object('tenants', 1),
        'total_rows', 1 + coalesce((select sum(v::bigint) from jsonb_each_text(tenant_rows -> t.id::text) as e(k, v)), 0)
      ) order by t.name, t.id), '[]'::jsonb)
      from public.tenants t where t.id = any (sole)),
    'tenants_kept', (
      select coalesce(jsonb_agg(jsonb_build_object(
        'id', t.id, 'name', t.name, 'slug', t.slug,
        'member_count', (select count(*) from public.tenant_members o where o.tenant_id = t.id),
        'role_keys', (select coalesce(jsonb_agg(ro.key order by ro.key), '[]'::jsonb)
                      from public.member_roles mr join public.roles ro on ro.id = mr.role_id
                      where mr.tenant_id = t.id and mr.user_id = p_user_id),
        'last_admin', t.id = any (blocking)
      ) order by t.name, t.id), '[]'::jsonb)
      from public.tenants t where t.id = any (shared)),
    'personal_rows', personal,
    'reassigned_rows', reassigned,
    'requires', jsonb_build_object(
      'password', true,
      'has_password', coalesce(has_password, false),
      'mfa_code', coalesce(private.mfa_requirement_for(p_user_id, null) ->> 'factor' = 'active', false)
    )
  );
end
$$;
comment on function private.account_deletion_plan is
  'What deleting a user does: tenants deleted (rows per table), tenants kept, personal rows, authored rows reassigned, blockers.';
revoke all on function private.account_deletion_plan(uuid) from public;

-- ----------------------------------------------------------------------------
-- The preview the SPA shows before asking for the password
-- ----------------------------------------------------------------------------

-- The plan for the signed-in caller. A session that still owes its 2FA challenge learns
-- nothing (tenant names and sizes are tenant data); a user who has no factor may see it.
create or replace function private.get_account_deletion_preview() returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  uid uuid := private.require_session_user();
begin
  if private.mfa_requirement_for(uid, private.mfa_jwt_session_id()) ->> 'state' = 'challenge_required' then
    perform private.raise_error(401, 'FOAUT', 'Pass the 2FA challenge of this session first.', null, 'mfa_challenge');
  end if;
  return private.account_deletion_plan(uid) - 'user_id';
end
$$;
grant execute on function private.get_account_deletion_preview() to authenticated;

create or replace function public.get_account_deletion_preview() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.get_account_deletion_preview() $$;
comment on function public.get_account_deletion_preview is
  'What deleting the caller''s account would do: {can_delete, blockers, tenants_deleted (rows per table), tenants_kept, personal_rows, reassigned_rows, requires}.';
grant execute on function public.get_account_deletion_preview() to authenticated;

-- ----------------------------------------------------------------------------
-- The deletion itself (self-service and super admin)
-- ----------------------------------------------------------------------------

-- Deletes the account in one transaction; p_via is 'self' or 'admin' (recorded in the
-- audit entry, whose actor is the caller). Order: audit the deletion, delete sole
-- tenants, leave shared ones, point authorship at the marker, delete auth.users (the
-- rest cascades), and last erase the person's email and name from the audit log, so
-- the entries this very transaction wrote lose them too.
create or replace function private.delete_user_account(p_user_id uuid, p_via text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  plan jsonb;
  sole uuid[];
  kept uuid[];
  ref record;
  n bigint;
  reassigned jsonb := '{}'::jsonb;
  purged jsonb;
  erased bigint;
begin
  if p_via is null or p_via not in ('self', 'admin') then
    perform private.raise_error(422, 'FOVAL', 'An account is deleted by its owner (self) or a super admin (admin).', 'via', 'one_of');
  end if;
  if p_user_id is null or p_user_id = private.deleted_user_id() or not exists (select 1 from auth.users u where u.id = p_user_id) then
    perform private.raise_error(404, 'FONF0', 'No such user.', 'user_id', 'exists');
  end if;
  -- One deletion per user at a time; and no Admin steps down in the user's tenants
  -- meanwhile (role changes lock the Admin role row the same way).
  perform 1 from auth.users u where u.id = p_user_id for update;
  perform 1 from public.roles r
  where r.key = 'admin' and r.builtin
    and r.tenant_id in (select m.tenant_id from public.tenant_members m where m.user_id = p_user_id)
  order by r.id
  for no key update;

  plan := private.account_deletion_plan(p_user_id);
  if exists (select 1 from jsonb_array_elements(plan -> 'blockers') b where b ->> 'rule' = 'super_admin') then
    perform private.raise_error(409, 'FOCON', 'A super admin account cannot be deleted; it is configured at bootstrap.', 'user_id', 'super_admin');
  end if;
  if jsonb_array_length(plan -> 'blockers') > 0 then
    perform private.raise_error(409, 'FOCON',
      format('The account is the last Admin of %s, which %s other members: make another member Admin first (or remove the other members).',
        (select string_agg(format('"%s"', b ->> 'name'), ', ' order by b ->> 'name') from jsonb_array_elements(plan -> 'blockers') b),
        case when jsonb_array_length(plan -> 'blockers') = 1 then 'has' else 'each have' end),
      'tenant_id', 'last_admin',
      'Hand over the Admin role in each of these tenants, then delete the account again.');
  end if;
  sole := array(select (t ->> 'id')::uuid from jsonb_array_elements(plan -> 'tenants_deleted') t);
  kept := array(select (t ->> 'id')::uuid from jsonb_array_elements(plan -> 'tenants_kept') t);

  perform private.record_audit_event(null, 'delete_account', 'user', p_user_id::text, 'success', null, null,
    jsonb_build_object('via', p_via, 'tenants_deleted', to_jsonb(sole), 'tenants_kept', to_jsonb(kept),
                       'reassigned_rows', plan -> 'reassigned_rows'));

  purged := private.purge_tenants(sole, case p_via when 'self' then 'its last member deleted their account'
                                                   else 'a super admin deleted the account of its last member' end);
  delete from public.tenant_members m where m.user_id = p_user_id;

  for ref in select * from private.user_reference_columns() where not cascades and table_schema <> 'auth' loop
    begin
      execute format('update %I.%I set %I = $1 where %I = $2', ref.table_schema, ref.table_name, ref.column_name, ref.column_name)
        using private.deleted_user_id(), p_user_id;
      get diagnostics n = row_count;
    exception when unique_violation then
      perform private.raise_error(409, 'FOCON',
        format('%s.%s cannot point to the deleted-user marker: it must be unique per user. Per-user rows need "on delete cascade".',
          private.table_label(ref.table_schema, ref.table_name), ref.column_name),
        ref.column_name, 'reassign_unique');
    end;
    if n > 0 then
      reassigned := reassigned || jsonb_build_object(private.table_label(ref.table_schema, ref.table_name) || '.' || ref.column_name, n);
    end if;
  end loop;

  delete from auth.users u where u.id = p_user_id;
  erased := private.erase_audit_actor(p_user_id);

  return jsonb_build_object(
    'deleted', true,
    'user_id', p_user_id,
    'via', p_via,
    'tenants_deleted', plan -> 'tenants_deleted',
    'tenants_kept', (select coalesce(jsonb_agg(t - 'last_admin' - 'role_keys'), '[]'::jsonb) from jsonb_array_elements(plan -> 'tenants_kept') t),
    'personal_rows', plan -> 'personal_rows',
    'reassigned_rows', reassigned,
    'leftover_rows', purged -> 'leftover_rows',
    'audit_entries_anonymized', erased
  );
end
$$;
comment on function private.delete_user_account is
  'Hard-deletes an account: sole tenants with their rows, personal rows, memberships; authorship moves to the deleted-user marker; audit identity erased.';
revoke all on function private.delete_user_account(uuid, text) from public;

-- ----------------------------------------------------------------------------
-- Confirming by password (the `account` edge function), with a lockout
-- ----------------------------------------------------------------------------

-- Whether the password is the user's. Hashes are bcrypt: GoTrue writes $2a$, other
-- implementations $2b$/$2y$; the variants differ only for passwords over 255 bytes,
-- and Auth accepts at most 72, so pgcrypto's $2a$ verifies all of them.
create or replace function private.user_password_matches(p_user_id uuid, p_password text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((
    select substr(extensions.crypt(p_password, '$2a$' || substr(u.encrypted_password, 5)), 5) = substr(u.encrypted_password, 5)
    from auth.users u
    where u.id = p_user_id
      and u.encrypted_password ~ '^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$'
      and p_password is not null
      and octet_length(p_password) between 1 and 72
  ), false)
$$;
comment on function private.user_password_matches is 'Verifies a user''s password against auth.users.encrypted_password (bcrypt, server-side).';
revoke all on function private.user_password_matches(uuid, text) from public;

create table private.account_deletion_attempts (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  outcome text not null,
  attempted_at timestamptz not null default now(),
  constraint account_deletion_attempts_outcome_known check (outcome in ('ok', 'failed', 'locked'))
);
comment on table private.account_deletion_attempts is
  'Password confirmations of account deletions (kept one day; the audit log keeps the history). Failures drive the lockout.';
create index account_deletion_attempts_user_id_idx on private.account_deletion_attempts (user_id, attempted_at desc);
alter table private.account_deletion_attempts enable row level security;
revoke all on private.account_deletion_attempts from public, anon, authenticated, service_role;

-- Lockout rule: 5 wrong passwords within 15 minutes (since the last right one) lock
-- deletion until the oldest of them leaves the window.
create or replace function private.account_deletion_locked_until(p_user_id uuid) returns timestamptz
language sql stable security definer set search_path = ''
as $$
  select f.attempted_at + interval '15 minutes'
  from private.account_deletion_attempts f
  where f.user_id = p_user_id
    and f.outcome = 'failed'
    and f.attempted_at > now() - interval '15 minutes'
    and f.id > coalesce((select max(o.id) from private.account_deletion_attempts o where o.user_id = p_user_id and o.outcome = 'ok'), 0)
  order by f.attempted_at desc, f.id desc
  offset 4
  limit 1
$$;
revoke all on function private.account_deletion_locked_until(uuid) from public;

-- First step of a self-service deletion, run by the `account` edge function (as the
-- owner, with the caller's claims set): checks the lockout and the password, records
-- the attempt, then the plan's blockers. Returns
-- {result: ready, mfa_required} | {result: invalid_password, attempts_left, locked_until, retry_after_seconds}
-- | {result: locked, locked_until, retry_after_seconds} | {result: no_password}
-- | {result: blocked, rule, message, blockers} | {result: no_user}.
-- Refusals are returned, not raised, so the recorded attempt and audit entry commit.
create or replace function private.check_account_deletion(p_user_id uuid, p_password text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  locked_until timestamptz;
  plan jsonb;
  attempts_left integer;
  blocker jsonb;
begin
  if p_user_id is null or p_user_id = private.deleted_user_id() or not exists (select 1 from auth.users u where u.id = p_user_id) then
    return jsonb_build_object('result', 'no_user');
  end if;
  -- Attempts of one user queue here, so the lockout counts them exactly.
  perform 1 from auth.users u where u.id = p_user_id for update;
  delete from private.account_deletion_attempts a where a.user_id = p_user_id and a.attempted_at < now() - interval '1 day';

  locked_until := private.account_deletion_locked_until(p_user_id);
  if locked_until is not null then
    insert into private.account_deletion_attempts (user_id, outcome) values (p_user_id, 'locked');
    perform private.record_audit_event(null, 'delete_account', 'user', p_user_id::text, 'denied', null, null,
      jsonb_build_object('reason', 'locked_out', 'locked_until', locked_until));
    return jsonb_build_object('result', 'locked', 'locked_until', locked_until,
      'retry_after_seconds', private.mfa_seconds_until(locked_until));
  end if;

  if not exists (select 1 from auth.users u where u.id = p_user_id and u.encrypted_password ~ '^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$') then
    perform private.record_audit_event(null, 'delete_account', 'user', p_user_id::text, 'denied', null, null,
      jsonb_build_object('reason', 'no_password'));
    return jsonb_build_object('result', 'no_password');
  end if;

  if not private.user_password_matches(p_user_id, p_password) then
    insert into private.account_deletion_attempts (user_id, outcome) values (p_user_id, 'failed');
    locked_until := private.account_deletion_locked_until(p_user_id);
    attempts_left := greatest(5 - (
      select count(*) from private.account_deletion_attempts f
      where f.user_id = p_user_id and f.outcome = 'failed' and f.attempted_at > now() - interval '15 minutes'
        and f.id > coalesce((select max(o.id) from private.account_deletion_attempts o where o.user_id = p_user_id and o.outcome = 'ok'), 0)
    )::integer, 0);
    perform private.record_audit_event(null, 'delete_account', 'user', p_user_id::text, 'failure', null, null,
      jsonb_build_object('reason', 'wrong_password', 'attempts_left', attempts_left, 'locked_until', locked_until));
    return jsonb_build_object('result', 'invalid_password', 'attempts_left', attempts_left, 'locked_until', locked_until,
      'retry_after_seconds', case when locked_until is not null then private.mfa_seconds_until(locked_until) end);
  end if;
  insert into private.account_deletion_attempts (user_id, outcome) values (p_user_id, 'ok');

  plan := private.account_deletion_plan(p_user_id);
  if jsonb_array_length(plan -> 'blockers') > 0 then
    blocker := coalesce(
      (select b from jsonb_array_elements(plan -> 'blockers') b where b ->> 'rule' = 'super_admin'),
      plan -> 'blockers' -> 0);
    perform private.record_audit_event(null, 'delete_account', 'user', p_user_id::text, 'denied', null, null,
      jsonb_build_object('reason', blocker ->> 'rule',
        'tenants', (select coalesce(jsonb_agg(b -> 'tenant_id'), '[]'::jsonb) from jsonb_array_elements(plan -> 'blockers') b where b ? 'tenant_id')));
    return jsonb_build_object(
      'result', 'blocked',
      'rule', blocker ->> 'rule',
      'message', case blocker ->> 'rule'
        when 'super_admin' then blocker ->> 'message'
        else format('You are the last Admin of %s, which %s other members: make another member Admin first, then delete your account.',
          (select string_agg(format('"%s"', b ->> 'name'), ', ' order by b ->> 'name') from jsonb_array_elements(plan -> 'blockers') b),
          case when jsonb_array_length(plan -> 'blockers') = 1 then 'has' else 'each have' end)
      end,
      'blockers', plan -> 'blockers');
  end if;
  return jsonb_build_object('result', 'ready', 'mfa_required', (plan #>> '{requires,mfa_code}')::boolean);
end
$$;
comment on function private.check_account_deletion is
  'Self-service deletion, step 1 (edge function): lockout, password, blockers; records the attempt. Refusals are returned so they commit.';
revoke all on function private.check_account_deletion(uuid, text) from public;
