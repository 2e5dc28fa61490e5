-- ============================================================================
-- Migrating entities between blueprint versions, forward and backward, for one
-- entity, a filtered set or all of a blueprint (docs/entities.md, "Migrations").
--
-- Each version stores the changes that made it; a migration replays them (or
-- their inverses) value by value. What a step cannot carry (a removed field, a
-- lossy cast, merged options) is kept in entities.retained under the version it
-- belongs to, with the value it became, so the way back restores it exactly as
-- long as nobody changed it meanwhile: forward then backward gives every entity
-- back byte for byte. An entity that cannot be converted (an impossible cast, a
-- value the target version refuses) is reported and left as it was.
--
-- Up to 500 entities migrate in the call; more go to a background job (pgmq
-- queue entity_migrations, processed by the cron job run-entity-migrations in
-- batches of 500, one transaction each, resumable from its committed cursor).
-- A dry run reports the same outcome and writes nothing.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Casts
-- ----------------------------------------------------------------------------

-- A value of field p_from as a value of field p_to (the cast rules of
-- private.can_cast), or an error naming the field with rule "cast". The result is
-- checked against the target version's rules afterwards.
create or replace function private.cast_value(p_from jsonb, p_to jsonb, p_value jsonb, p_timezone text, p_currency text) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  src text := p_from ->> 'type';
  dst text := p_to ->> 'type';
  key text := p_to ->> 'key';
  s text := case when jsonb_typeof(p_value) = 'string' then p_value #>> '{}' end;
  n numeric;
  result jsonb;
begin
  if p_value is null or jsonb_typeof(p_value) = 'null' or src = dst then
    return p_value;
  end if;
  result := case
    when dst in ('text', 'long_text', 'email', 'url', 'phone') then
      case when src = 'currency' then to_jsonb(format('%s %s', p_value ->> 'amount', p_value ->> 'currency'))
           else to_jsonb(p_value #>> '{}') end
    when dst in ('number', 'integer') then
      case when src = 'currency' then p_value -> 'amount'
           when src in ('number', 'integer') then p_value
           else to_jsonb(private.parse_decimal(to_jsonb(btrim(s)))) end
    when dst = 'currency' then jsonb_build_object('amount', p_value, 'currency', p_currency)
    when dst = 'boolean' then
      case when lower(btrim(s)) in ('true', 'yes', '1') then 'true'::jsonb
           when lower(btrim(s)) in ('false', 'no', '0') then 'false'::jsonb end
    when dst = 'date' then
      case when src = 'datetime' then to_jsonb(to_char((s::timestamptz) at time zone coalesce(p_timezone, 'UTC'), 'YYYY-MM-DD'))
           else to_jsonb(coalesce(private.parse_date(btrim(s)),
             (select to_char(x::timestamptz at time zone coalesce(p_timezone, 'UTC'), 'YYYY-MM-DD')
              from private.parse_datetime(s, p_timezone) x where x is not null))) end
    when dst = 'datetime' then to_jsonb(private.parse_datetime(s, p_timezone))
    when dst in ('single_select', 'status') then
      case when src = 'multi_select' then case when jsonb_array_length(p_value) = 1 then p_value -> 0 end
           else to_jsonb(btrim(s)) end
    when dst = 'multi_select' then jsonb_build_array(p_value)
    when dst = 'json' then p_value
  end;
  if result is null or jsonb_typeof(result) = 'null' then
    perform private.field_error(key, 'cast', format('%s cannot become %s (%s).', left(p_value::text, 60), replace(dst, '_', ' '), key));
  end if;
  return result;
end
$$;
grant execute on function private.cast_value(jsonb, jsonb, jsonb, text, text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- One entity's values from one version to another
-- ----------------------------------------------------------------------------

-- Keeps what a step could not carry: retained[version][key] = {value, as}, where "as" is
-- what the value became (absent when it was dropped).
create or replace function private.retain(p_retained jsonb, p_version integer, p_key text, p_value jsonb, p_became jsonb) returns jsonb
language sql immutable set search_path = ''
as $$
  select case when p_value is null then p_retained else jsonb_set(
    r || jsonb_build_object(p_version::text, coalesce(r -> p_version::text, '{}'::jsonb)),
    array[p_version::text, p_key],
    jsonb_strip_nulls(jsonb_build_object('value', p_value, 'as', p_became))) end
  from (select case when jsonb_typeof(p_retained) = 'object' then p_retained else '{}'::jsonb end as r) x
$$;
grant execute on function private.retain(jsonb, integer, text, jsonb, jsonb) to authenticated, service_role;

-- Arriving at a version: values kept for it come back when the field still holds what
-- they became (nobody changed it meanwhile).
create or replace function private.restore_retained(p_data jsonb, p_retained jsonb, p_version integer) returns jsonb
language plpgsql immutable set search_path = ''
as $$
declare
  kept jsonb := p_retained -> p_version::text;
  k text;
  v jsonb;
  data jsonb := p_data;
begin
  if kept is null then
    return jsonb_build_object('data', data, 'retained', p_retained);
  end if;
  for k, v in select * from jsonb_each(kept) loop
    if (data -> k) is not distinct from (v -> 'as') then
      data := jsonb_set(data, array[k], v -> 'value');
    end if;
  end loop;
  return jsonb_build_object('data', data, 'retained', nullif(p_retained - p_version::text, '{}'::jsonb));
end
$$;
grant execute on function private.restore_retained(jsonb, jsonb, integer) to authenticated, service_role;

-- Applies the changes of version p_version (forward: from p_version - 1; backward: the
-- inverse, from p_version to p_version - 1). Returns {data, retained}.
create or replace function private.migrate_step(p_changes jsonb, p_version integer, p_forward boolean, p_data jsonb, p_retained jsonb,
                                               p_timezone text, p_actor uuid) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  data jsonb := p_data;
  retained jsonb := p_retained;
  c jsonb;
  k text;
  old_value jsonb;
  new_value jsonb;
  from_version integer := case when p_forward then p_version - 1 else p_version end;
begin
  for c in select value from jsonb_array_elements(p_changes) with ordinality as x(value, i)
           order by case when p_forward then i else -i end loop
    k := coalesce(c ->> 'key', c #>> '{field,key}');
    case c ->> 'op'
      when 'add_field' then
        if p_forward and coalesce(retained -> p_version::text ? k, false) then
          null; -- it had a value here before a migration back: restore_retained brings it back
        elsif p_forward then
          new_value := private.field_default(c -> 'field', p_timezone);
          if c #>> '{field,default,kind}' = 'current_user' then
            new_value := to_jsonb(p_actor::text);
          end if;
          if new_value is not null then
            data := jsonb_set(data, array[k], new_value);
          end if;
        else
          retained := private.retain(retained, from_version, k, data -> k, null);
          data := data - k;
        end if;
      when 'remove_field' then
        if p_forward then
          retained := private.retain(retained, from_version, k, data -> k, null);
          data := data - k;
        end if; -- backward: the value comes back from retained, if it was there
      when 'rename_field' then
        if p_forward and data ? (c ->> 'from') then
          data := jsonb_set(data - (c ->> 'from'), array[c ->> 'to'], data -> (c ->> 'from'));
        elsif not p_forward and data ? (c ->> 'to') then
          data := jsonb_set(data - (c ->> 'to'), array[c ->> 'from'], data -> (c ->> 'to'));
        end if;
      when 'change_type' then
        old_value := data -> k;
        if old_value is not null then
          new_value := case when p_forward
            then private.cast_value(c -> 'before', c -> 'field', old_value, p_timezone, c ->> 'currency')
            else private.cast_value(c -> 'field', c -> 'before', old_value, p_timezone, c ->> 'currency') end;
          new_value := private.normalize_value(case when p_forward then c -> 'field' else c -> 'before' end, new_value, p_timezone);
          retained := private.retain(retained, from_version, k, old_value, new_value);
          data := case when new_value is null then data - k else jsonb_set(data, array[k], new_value) end;
        end if;
      when 'rename_option' then
        old_value := data -> k;
        if old_value is not null then
          data := jsonb_set(data, array[k], private.option_after_change(old_value,
            case when p_forward then c else c || jsonb_build_object('from', c -> 'to', 'to', c -> 'from') end));
        end if;
      when 'merge_options' then
        old_value := data -> k;
        if p_forward and old_value is not null then
          new_value := private.normalize_value(c -> 'field', private.option_after_change(old_value, c), p_timezone);
          if new_value is distinct from old_value then
            retained := private.retain(retained, from_version, k, old_value, new_value);
            data := jsonb_set(data, array[k], new_value);
          end if;
        end if; -- backward: merged values come back from retained
      else
        null; -- create, set_details, update_field, move_field: values unchanged
    end case;
  end loop;
  return jsonb_build_object('data', data, 'retained', retained);
end
$$;
grant execute on function private.migrate_step(jsonb, integer, boolean, jsonb, jsonb, text, uuid) to authenticated, service_role;

-- An entity's values and retained values at version p_to, checked against that version;
-- raises (422 FOVAL, field and rule) when it cannot be converted.
create or replace function private.migrate_values(p_blueprint_id uuid, p_from integer, p_to integer, p_data jsonb, p_retained jsonb,
                                                 p_timezone text, p_actor uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  state jsonb := jsonb_build_object('data', p_data, 'retained', p_retained);
  v integer;
  changes jsonb;
  fields jsonb;
begin
  if p_to > p_from then
    for v in p_from + 1 .. p_to loop
      select bv.changes into changes from public.blueprint_versions bv where bv.blueprint_id = p_blueprint_id and bv.version = v;
      state := private.migrate_step(changes, v, true, state -> 'data', state -> 'retained', p_timezone, p_actor);
      state := private.restore_retained(state -> 'data', state -> 'retained', v);
    end loop;
  else
    for v in reverse p_from .. p_to + 1 loop
      select bv.changes into changes from public.blueprint_versions bv where bv.blueprint_id = p_blueprint_id and bv.version = v;
      state := private.migrate_step(changes, v, false, state -> 'data', state -> 'retained', p_timezone, p_actor);
      state := private.restore_retained(state -> 'data', state -> 'retained', v - 1);
    end loop;
  end if;
  select bv.fields into fields from public.blueprint_versions bv where bv.blueprint_id = p_blueprint_id and bv.version = p_to;
  -- Every value is re-checked against the target version (patch mode: no defaults added).
  return jsonb_build_object(
    'data', private.prepare_entity_data(fields, state -> 'data', '{}'::jsonb, p_timezone),
    'retained', state -> 'retained');
end
$$;
revoke all on function private.migrate_values(uuid, integer, integer, jsonb, jsonb, text, uuid) from public;

-- Migrates one locked entity (or only tries, when p_dry_run). Returns null when it
-- migrated (or would), else the reason {id, field, rule, message}; a failure leaves it as it was.
create or replace function private.migrate_one_entity(p_entity public.entities, p_to integer, p_timezone text, p_dry_run boolean) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  e public.entities := p_entity;
  result jsonb;
  fields jsonb;
  err jsonb;
begin
  if e.blueprint_version = p_to then
    return null;
  end if;
  begin
    result := private.migrate_values(e.blueprint_id, e.blueprint_version, p_to, e.data, e.retained, p_timezone, auth.uid());
    if not p_dry_run then
      select v.fields into fields from public.blueprint_versions v where v.blueprint_id = e.blueprint_id and v.version = p_to;
      update public.entities set data = result -> 'data', retained = nullif(result -> 'retained', 'null'::jsonb), blueprint_version = p_to,
        search_text = private.entity_search_text(fields, result -> 'data'), version = e.version + 1,
        updated_at = now(), updated_by = coalesce(auth.uid(), e.updated_by)
      where id = e.id
      returning * into e;
      perform private.check_entity_links(e.tenant_id, e.id, fields, e.data);
      perform private.claim_unique_values(e.blueprint_id, e.id, fields, e.data);
      insert into public.entity_history (tenant_id, entity_id, blueprint_id, entity_version, actor_id, action, changes, input)
      values (e.tenant_id, e.id, e.blueprint_id, e.version, auth.uid(), 'migrate', private.data_changes(p_entity.data, e.data),
              jsonb_build_object('from_version', p_entity.blueprint_version, 'to_version', p_to));
    end if;
    return null;
  exception when sqlstate 'PGRST' then
    err := sqlerrm::jsonb;
    return jsonb_build_object('id', e.id, 'field', ((err ->> 'details')::jsonb) ->> 'field',
      'rule', ((err ->> 'details')::jsonb) ->> 'rule', 'message', err ->> 'message');
  end;
end
$$;
revoke all on function private.migrate_one_entity(public.entities, integer, text, boolean) from public;

-- ----------------------------------------------------------------------------
-- Jobs
-- ----------------------------------------------------------------------------

create table public.entity_migration_jobs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  blueprint_id uuid not null references public.blueprints (id) on delete cascade,
  to_version integer not null,
  entity_ids uuid[],
  filter jsonb,
  dry_run boolean not null default false,
  status text not null default 'queued',
  total integer not null default 0,
  processed integer not null default 0,
  migrated integer not null default 0,
  failed integer not null default 0,
  failures jsonb not null default '[]'::jsonb,
  cursor_id uuid,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  started_at timestamptz,
  finished_at timestamptz,
  constraint entity_migration_jobs_status_known check (status in ('queued', 'running', 'done', 'failed'))
);
comment on table public.entity_migration_jobs is
  'Background entity migrations (and large dry runs): progress (processed/total), outcome, the first 1000 entities that could not be converted.';
comment on column public.entity_migration_jobs.cursor_id is 'The last entity id of the last committed batch: a restarted job continues after it.';
create index entity_migration_jobs_tenant_idx on public.entity_migration_jobs (tenant_id, created_at desc);
create index entity_migration_jobs_blueprint_idx on public.entity_migration_jobs (blueprint_id);
create index entity_migration_jobs_created_by_idx on public.entity_migration_jobs (created_by);
create trigger entity_migration_jobs_set_updated_at before update on public.entity_migration_jobs
  for each row execute function private.set_updated_at();
alter table public.entity_migration_jobs enable row level security;
revoke insert, update, delete, truncate, references, trigger on public.entity_migration_jobs from anon, authenticated;

-- SELECT(entity_migration_jobs): members follow the progress of their tenant's migrations.
create policy entity_migration_jobs_select_member on public.entity_migration_jobs
  for select to authenticated
  using (tenant_id in (select private.tenant_ids_for_user()));

select pgmq.create('entity_migrations');

-- The entities a migration covers: live, of the blueprint, not at the target version,
-- optionally only the given ids or those matching a filter (on the latest fields).
create or replace function private.migration_scope_sql(p_tenant_id uuid, p_blueprint_id uuid, p_entity_ids uuid[], p_filter jsonb)
returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  fields jsonb;
  compiled jsonb;
begin
  select v.fields into fields from public.blueprints b join public.blueprint_versions v on v.blueprint_id = b.id and v.version = b.version
  where b.id = p_blueprint_id;
  compiled := private.compile_filter(p_tenant_id, fields, p_filter);
  return jsonb_build_object('sql',
    'e.blueprint_id = $2 and e.deleted_at is null and e.blueprint_version <> $3'
    || case when p_entity_ids is not null then ' and e.id = any ($4)' else '' end
    || ' and ' || (compiled ->> 'sql'),
    'params', compiled -> 'params');
end
$$;
revoke all on function private.migration_scope_sql(uuid, uuid, uuid[], jsonb) from public;

-- One batch of a job (at most p_batch entities after its cursor), in the caller's
-- transaction. Returns the number of entities it looked at (0: the job is done).
create or replace function private.run_migration_batch(p_job_id uuid, p_batch integer) returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  job public.entity_migration_jobs;
  scope jsonb;
  tz text;
  e public.entities;
  failure jsonb;
  n integer := 0;
  ok integer := 0;
  batch_failures jsonb := '[]'::jsonb;
begin
  select * into job from public.entity_migration_jobs where id = p_job_id for update;
  if job.id is null or job.status in ('done', 'failed') then
    return 0;
  end if;
  select t.timezone into tz from public.tenants t where t.id = job.tenant_id;
  -- The job acts as the member who started it (history and audit name them).
  perform set_config('request.jwt.claims', jsonb_build_object('sub', job.created_by, 'role', 'authenticated')::text, true);
  scope := private.migration_scope_sql(job.tenant_id, job.blueprint_id, job.entity_ids, job.filter);
  for e in execute format('select e.* from public.entities e where %s and ($5::uuid is null or e.id > $5) order by e.id limit %s for no key update',
                          scope ->> 'sql', p_batch)
           using scope -> 'params', job.blueprint_id, job.to_version, job.entity_ids, job.cursor_id loop
    failure := private.migrate_one_entity(e, job.to_version, tz, job.dry_run);
    if failure is null then
      ok := ok + 1;
    else
      batch_failures := batch_failures || jsonb_build_array(failure);
    end if;
    n := n + 1;
    job.cursor_id := e.id;
  end loop;
  update public.entity_migration_jobs set
    status = case when n < p_batch then 'done' else 'running' end,
    started_at = coalesce(started_at, now()),
    finished_at = case when n < p_batch then now() end,
    processed = processed + n, migrated = migrated + ok, failed = failed + jsonb_array_length(batch_failures),
    failures = case when jsonb_array_length(entity_migration_jobs.failures) >= 1000 then entity_migration_jobs.failures
                    else (select coalesce(jsonb_agg(f), '[]'::jsonb) from (
                            select f from jsonb_array_elements(entity_migration_jobs.failures || batch_failures) f limit 1000) x) end,
    cursor_id = job.cursor_id
  where id = job.id;
  if n < p_batch and not job.dry_run then
    perform private.record_audit_event(job.tenant_id, 'migrate_entities', 'blueprints', job.blueprint_id::text, 'success', null, null,
      (select jsonb_build_object('job_id', j.id, 'to_version', j.to_version, 'migrated', j.migrated, 'failed', j.failed)
       from public.entity_migration_jobs j where j.id = job.id));
  end if;
  return n;
end
$$;
revoke all on function private.run_migration_batch(uuid, integer) from public;

-- The worker (pg_cron, each minute): takes queued jobs from pgmq and runs batches of 500,
-- committing after each, for up to ~50 seconds. A crash loses at most the batch in
-- flight; the message reappears after its visibility timeout and the job continues
-- from its cursor. A procedure that commits can be neither security definer nor carry
-- a SET clause: it runs as the job's owner and names everything fully.
create or replace procedure private.run_entity_migrations()
language plpgsql
as $$
declare
  started timestamptz := clock_timestamp();
  msg record;
  n integer;
begin
  loop
    select * into msg from pgmq.read('entity_migrations', 120, 1);
    exit when msg.msg_id is null;
    loop
      n := private.run_migration_batch((msg.message ->> 'job_id')::uuid, 500);
      commit;
      exit when n < 500 or clock_timestamp() - started > interval '50 seconds';
    end loop;
    if n < 500 then
      perform pgmq.delete('entity_migrations', msg.msg_id);
      commit;
    end if;
    exit when clock_timestamp() - started > interval '50 seconds';
  end loop;
end
$$;
revoke all on procedure private.run_entity_migrations() from public;

select cron.schedule('run-entity-migrations', '* * * * *', $$ call private.run_entity_migrations() $$);

-- ----------------------------------------------------------------------------
-- The RPC
-- ----------------------------------------------------------------------------

create or replace function private.migrate_entities(p_blueprint_id uuid, p_to_version integer, p_entity_ids uuid[], p_filter jsonb,
                                                   p_dry_run boolean) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  a record;
  b public.blueprints;
  refusal jsonb;
  scope jsonb;
  total integer;
  tz text;
  e public.entities;
  failure jsonb;
  failures jsonb := '[]'::jsonb;
  migrated integer := 0;
  job public.entity_migration_jobs;
begin
  perform private.require_user();
  a := private.blueprint_for_action(p_blueprint_id, 'update');
  b := a.blueprint;
  refusal := a.refusal;
  if refusal is not null then
    return refusal;
  end if;
  if b.deleted_at is not null then
    perform private.raise_error(409, 'FOCON', format('The blueprint "%s" is in the trash.', b.name), 'blueprint_id', 'in_trash');
  end if;
  p_to_version := coalesce(p_to_version, b.version);
  if p_to_version not between 1 and b.version then
    perform private.raise_error(422, 'FOVAL', format('"%s" has versions 1 to %s.', b.name, b.version), 'to_version', 'range');
  end if;
  if p_entity_ids is not null and cardinality(p_entity_ids) not between 1 and 1000 then
    perform private.raise_error(422, 'FOVAL', 'Name 1 to 1000 entities, or none for all (or a filter).', 'entity_ids', 'size');
  end if;
  scope := private.migration_scope_sql(b.tenant_id, b.id, p_entity_ids, p_filter);
  execute format('select count(*) from public.entities e where %s', scope ->> 'sql') into total
  using scope -> 'params', b.id, p_to_version, p_entity_ids;

  if total > 500 then
    insert into public.entity_migration_jobs (tenant_id, blueprint_id, to_version, entity_ids, filter, dry_run, total, created_by)
    values (b.tenant_id, b.id, p_to_version, p_entity_ids, p_filter, coalesce(p_dry_run, false), total, auth.uid())
    returning * into job;
    perform pgmq.send('entity_migrations', jsonb_build_object('job_id', job.id));
    return jsonb_build_object('job_id', job.id, 'status', job.status, 'total', total, 'dry_run', job.dry_run);
  end if;

  select t.timezone into tz from public.tenants t where t.id = b.tenant_id;
  for e in execute format('select e.* from public.entities e where %s order by e.id for no key update', scope ->> 'sql')
           using scope -> 'params', b.id, p_to_version, p_entity_ids loop
    failure := private.migrate_one_entity(e, p_to_version, tz, coalesce(p_dry_run, false));
    if failure is null then
      migrated := migrated + 1;
    else
      failures := failures || jsonb_build_array(failure);
    end if;
  end loop;
  if not coalesce(p_dry_run, false) and total > 0 then
    perform private.record_audit_event(b.tenant_id, 'migrate_entities', 'blueprints', b.id::text, 'success', null, null,
      jsonb_build_object('to_version', p_to_version, 'migrated', migrated, 'failed', jsonb_array_length(failures)));
  end if;
  return jsonb_build_object('dry_run', coalesce(p_dry_run, false), 'total', total, 'to_version', p_to_version,
    case when coalesce(p_dry_run, false) then 'would_migrate' else 'migrated' end, migrated,
    'failed', jsonb_array_length(failures), 'failures', failures);
end
$$;
revoke all on function private.migrate_entities(uuid, integer, uuid[], jsonb, boolean) from public;
grant execute on function private.migrate_entities(uuid, integer, uuid[], jsonb, boolean) to authenticated;

create or replace function public.migrate_entities(
  p_blueprint_id uuid,
  p_to_version integer default null,
  p_entity_ids uuid[] default null,
  p_filter jsonb default null,
  p_dry_run boolean default false
) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.migrate_entities(p_blueprint_id, p_to_version, p_entity_ids, p_filter, p_dry_run) $$;
comment on function public.migrate_entities is
  'Migrates live entities of a blueprint to a version (default: the latest; lower = backward): all, p_entity_ids, or '
  'those matching p_filter. Up to 500 run now and report {migrated, failed, failures}; more start a background job '
  '(entity_migration_jobs, {job_id}). p_dry_run reports the same and writes nothing.';
grant execute on function public.migrate_entities(uuid, integer, uuid[], jsonb, boolean) to authenticated;
