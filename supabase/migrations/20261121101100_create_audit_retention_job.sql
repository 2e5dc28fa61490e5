-- ============================================================================
-- Audit retention: the one door through which audit entries leave.
--
-- A nightly job (private.purge_audit_log) drops, chain by chain, the whole
-- calendar months (UTC) that ended before now() minus the tenant's
-- audit_retention_days (at least 365). The DELETE guard lets a row go only when
--   1. the transaction-local setting audit.purge_chain names the row's chain (set
--      only by the job; it marks intent so no stray DELETE goes through), and
--   2. the row lies before its chain's retention cutoff;
-- and after the statement, a check over all deleted rows proves that they were
-- whole months at the start of the chain (no hole, no partial month) and moves
-- the chain's anchor to the last deleted entry, so verification starts there.
-- Whoever forges the setting can therefore do no more than the job itself.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Retention period per chain
-- ----------------------------------------------------------------------------

-- Keeps the last known retention on the chain, so a deleted tenant's entries stay
-- as long as the tenant had promised.
create or replace function private.remember_audit_retention() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into audit.chains (chain_key, tenant_id, retention_days)
  values (new.id, new.id, new.audit_retention_days)
  on conflict (chain_key) do update set retention_days = excluded.retention_days;
  return null;
end
$$;

create trigger tenants_remember_audit_retention
  after insert or update of audit_retention_days on public.tenants
  for each row execute function private.remember_audit_retention();

insert into audit.chains (chain_key, tenant_id, retention_days)
select t.id, t.id, t.audit_retention_days from public.tenants t
on conflict (chain_key) do update set retention_days = excluded.retention_days;

-- The platform chain (sign-ins, super-admin actions) and chains without a known
-- retention keep the legal minimum.
create or replace function private.audit_minimum_retention_days() returns integer
language sql immutable parallel safe set search_path = ''
as $$ select 365 $$;

-- The retention period of a chain: the tenant's live setting, else the last known one.
create or replace function private.audit_retention_days(p_chain_key uuid) returns integer
language sql stable parallel safe security definer set search_path = ''
as $$
  select greatest(
    private.audit_minimum_retention_days(),
    coalesce(
      (select t.audit_retention_days from public.tenants t where t.id = p_chain_key),
      (select c.retention_days from audit.chains c where c.chain_key = p_chain_key),
      private.audit_minimum_retention_days()
    )
  )
$$;

-- Entries of a chain dated before this instant may be purged: the start (UTC) of the
-- month that contains now() minus the retention period, so only whole months that
-- ended at least retention_days ago qualify.
create or replace function private.audit_retention_cutoff(p_chain_key uuid) returns timestamptz
language sql stable parallel safe security definer set search_path = ''
as $$
  select date_trunc('month', (now() - make_interval(days => private.audit_retention_days(p_chain_key))) at time zone 'UTC')
         at time zone 'UTC'
$$;
comment on function private.audit_retention_cutoff is 'Start of the oldest month of a chain that must still be kept.';
grant execute on function private.audit_retention_days(uuid), private.audit_retention_cutoff(uuid) to service_role;

-- ----------------------------------------------------------------------------
-- The DELETE guard (replaces the refuse-all version) and the whole-month check
-- ----------------------------------------------------------------------------

create or replace function private.audit_entries_guard_delete() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if nullif(current_setting('audit.purge_chain', true), '') is distinct from old.chain_key::text then
    perform private.raise_error(403, 'FODEN', 'Audit entries are append-only: DELETE is refused.', 'audit.entries', 'append_only');
  end if;
  if old.occurred_at >= private.audit_retention_cutoff(old.chain_key) then
    perform private.raise_error(403, 'FODEN',
      format('Audit entry %s is within its retention period and cannot be deleted.', old.id), 'audit.entries', 'retention');
  end if;
  return old;
end
$$;

create or replace function private.audit_entries_check_purge() returns trigger
language plpgsql
set search_path = ''
as $$
declare
  purged record;
  anchor audit.chains;
begin
  for purged in
    select g.chain_key, count(*) as n, max(g.chain_seq) as last_seq, max(g.occurred_at) as last_at
    from gone g
    group by g.chain_key
  loop
    select * into anchor from audit.chains c where c.chain_key = purged.chain_key for update;
    if purged.n <> purged.last_seq - anchor.anchor_seq
      or exists (select 1 from audit.entries e where e.chain_key = purged.chain_key and e.chain_seq <= purged.last_seq)
    then
      perform private.raise_error(403, 'FODEN', 'Retention may only remove the oldest entries of a chain, without leaving a hole.',
        'audit.entries', 'oldest_first');
    end if;
    if exists (
      select 1 from audit.entries e
      where e.chain_key = purged.chain_key
        and e.occurred_at < (date_trunc('month', purged.last_at at time zone 'UTC') + interval '1 month') at time zone 'UTC'
    ) then
      perform private.raise_error(403, 'FODEN', 'Retention may only remove whole calendar months.', 'audit.entries', 'whole_months');
    end if;
    update audit.chains c set
      anchor_seq = purged.last_seq,
      anchor_hash = (select g.hash from gone g where g.chain_key = purged.chain_key and g.chain_seq = purged.last_seq),
      updated_at = clock_timestamp()
    where c.chain_key = purged.chain_key;
  end loop;
  return null;
end
$$;

create trigger audit_entries_check_purge after delete on audit.entries
  referencing old table as gone
  for each statement execute function private.audit_entries_check_purge();
alter table audit.entries enable always trigger audit_entries_check_purge;

-- ----------------------------------------------------------------------------
-- The job
-- ----------------------------------------------------------------------------

-- Purges every chain's entries older than its cutoff, one chain at a time (a chain
-- that fails, e.g. because it was tampered with, is reported and the rest go on).
-- Each purge is itself audited in its chain. Returns what it did.
create or replace function private.purge_audit_log() returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  chain record;
  cutoff timestamptz;
  n bigint;
  total bigint := 0;
  purged jsonb := '[]'::jsonb;
  failed jsonb := '[]'::jsonb;
begin
  for chain in
    select c.chain_key, c.tenant_id, c.anchor_seq
    from audit.chains c
    where exists (
      select 1 from audit.entries e
      where e.chain_key = c.chain_key
        and e.chain_seq = c.anchor_seq + 1
        and e.occurred_at < private.audit_retention_cutoff(c.chain_key)
    )
    order by c.chain_key
  loop
    cutoff := private.audit_retention_cutoff(chain.chain_key);
    begin
      perform set_config('audit.purge_chain', chain.chain_key::text, true);
      delete from audit.entries e where e.chain_key = chain.chain_key and e.occurred_at < cutoff;
      get diagnostics n = row_count;
      perform set_config('audit.purge_chain', '', true);
      perform private.append_audit_entry(chain.tenant_id, null, 'audit.purge', 'audit_log', chain.chain_key::text, 'success',
        null, null,
        jsonb_build_object('deleted', n, 'before', cutoff, 'through_seq', chain.anchor_seq + n,
                           'retention_days', private.audit_retention_days(chain.chain_key)),
        null, null);
      total := total + n;
      purged := purged || jsonb_build_object('chain', chain.chain_key, 'deleted', n);
    exception when others then
      perform set_config('audit.purge_chain', '', true);
      perform private.append_audit_entry(chain.tenant_id, null, 'audit.purge', 'audit_log', chain.chain_key::text, 'failure',
        null, null, jsonb_build_object('before', cutoff, 'error', sqlerrm), null, null);
      failed := failed || jsonb_build_object('chain', chain.chain_key, 'error', sqlerrm);
    end;
  end loop;
  return jsonb_build_object('deleted', total, 'chains', purged, 'failed', failed);
end
$$;
comment on function private.purge_audit_log is 'Retention job: drops whole months past each tenant''s audit retention; audited per chain.';
grant execute on function private.purge_audit_log() to service_role;

select cron.schedule('purge-audit-log', '17 3 * * *', $$ select private.purge_audit_log() $$);
