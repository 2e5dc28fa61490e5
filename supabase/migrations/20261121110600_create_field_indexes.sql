-- ============================================================================
-- Indexed fields and unique fields, kept in step with blueprint edits.
--
-- A field marked "indexed" gets a partial expression index on entities for its
-- blueprint: (value, created_at desc, id desc) where blueprint_id = ... and live,
-- the expression the query compiler emits for the field. It is built with
-- CREATE INDEX CONCURRENTLY, which cannot run inside a transaction or function,
-- so a pg_cron job per index runs that one statement (each minute until it is
-- done) and private.reconcile_field_indexes records the outcome: writes are never
-- blocked, and a build that fails (e.g. killed) is dropped and retried.
-- ============================================================================

-- The SQL expression of a field's value as filters and sorts compare it (on the table
-- alias p_alias; '' for an index definition, which names the column bare).
create or replace function private.field_value_sql(p_type text, p_key text, p_alias text default 'e') returns text
language plpgsql immutable parallel safe
as $$
begin
  return (
  select case
      when p_type in ('number', 'integer') then format('((%s ->> %L)::numeric)', c, p_key)
      when p_type = 'currency' then format('(((%s -> %L) ->> ''amount'')::numeric)', c, p_key)
      when p_type = 'boolean' then format('((%s ->> %L)::boolean)', c, p_key)
      else format('((%s ->> %L) collate "C")', c, p_key)
    end
    from (select case when coalesce(p_alias, '') = '' then 'data' else p_alias || '.data' end as c) x
  );
end
$$;
grant execute on function private.field_value_sql(text, text, text) to authenticated, service_role;

create table private.field_indexes (
  index_name text primary key,
  blueprint_id uuid not null,
  tenant_id uuid not null,
  field_key text not null,
  expression text not null,
  definition text not null,
  status text not null default 'building',
  error text,
  requested_at timestamptz not null default now(),
  finished_at timestamptz,
  constraint field_indexes_status_known check (status in ('building', 'ready', 'dropping'))
);
comment on table private.field_indexes is
  'Expression indexes of indexed fields: building (a cron job runs CREATE INDEX CONCURRENTLY), ready, or dropping. '
  'A ready index also has statistics <index>_s (MCV over the blueprint and the value), so counts are estimated well.';
create index field_indexes_blueprint_idx on private.field_indexes (blueprint_id);
alter table private.field_indexes enable row level security;
revoke all on private.field_indexes from public, anon, authenticated;

create or replace function private.field_index_name(p_blueprint_id uuid, p_key text) returns text
language sql immutable parallel safe set search_path = ''
as $$ select 'entities_f_' || replace(p_blueprint_id::text, '-', '') || '_' || left(md5(p_key), 8) $$;

-- Wants an index for each indexed field of the blueprint's latest version (none when
-- it is in the trash or gone), schedules builds and drops for the difference.
create or replace function private.sync_blueprint_indexes(p_blueprint_id uuid) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  b public.blueprints;
  wanted record;
  stale record;
begin
  select * into b from public.blueprints where id = p_blueprint_id;
  for wanted in
    select private.field_index_name(v.blueprint_id, f ->> 'key') as name, f ->> 'key' as key,
           private.field_value_sql(f ->> 'type', f ->> 'key', '') as expression,
           format('create index concurrently if not exists %I on public.entities (%s, created_at desc, id desc) where blueprint_id = %L and deleted_at is null',
                  private.field_index_name(v.blueprint_id, f ->> 'key'), private.field_value_sql(f ->> 'type', f ->> 'key', ''),
                  v.blueprint_id) as definition
    from public.blueprint_versions v, jsonb_array_elements(v.fields) f
    where b.deleted_at is null and v.blueprint_id = b.id and v.version = b.version and (f ->> 'indexed')::boolean
  loop
    if not exists (select 1 from private.field_indexes i where i.index_name = wanted.name and i.definition = wanted.definition
                   and i.status <> 'dropping') then
      delete from private.field_indexes i where i.index_name = wanted.name;
      insert into private.field_indexes (index_name, blueprint_id, tenant_id, field_key, expression, definition)
      values (wanted.name, b.id, b.tenant_id, wanted.key, wanted.expression, wanted.definition);
      perform cron.schedule('index-' || wanted.name, '* * * * *', wanted.definition);
    end if;
  end loop;
  for stale in
    select i.index_name from private.field_indexes i
    where i.blueprint_id = p_blueprint_id and i.status <> 'dropping'
      and (b.id is null or b.deleted_at is not null or not exists (
        select 1 from public.blueprint_versions v, jsonb_array_elements(v.fields) f
        where v.blueprint_id = b.id and v.version = b.version and (f ->> 'indexed')::boolean
          and private.field_index_name(b.id, f ->> 'key') = i.index_name))
  loop
    update private.field_indexes set status = 'dropping', requested_at = now(), finished_at = null where index_name = stale.index_name;
    perform cron.schedule('index-' || stale.index_name, '* * * * *',
      format('drop index concurrently if exists public.%I', stale.index_name));
  end loop;
end
$$;
revoke all on function private.sync_blueprint_indexes(uuid) from public;

-- Records finished builds and drops and stops their jobs; an index a failed build left
-- invalid is dropped so the next run builds it again.
create or replace function private.reconcile_field_indexes() returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  i record;
  valid boolean;
  n integer := 0;
begin
  for i in select * from private.field_indexes where status in ('building', 'dropping') loop
    select x.indisvalid into valid
    from pg_catalog.pg_index x join pg_catalog.pg_class c on c.oid = x.indexrelid
    join pg_catalog.pg_namespace s on s.oid = c.relnamespace
    where s.nspname = 'public' and c.relname = i.index_name;
    if i.status = 'building' and valid then
      -- Statistics on (blueprint, value): without them the planner guesses a jsonb value's
      -- frequency (0.5%), which makes count estimates meaningless. They take a lock that
      -- waits for vacuum and other builds, so a busy table just means: next minute.
      begin
        perform set_config('lock_timeout', '2s', true);
        execute format('create statistics if not exists public.%I (mcv) on blueprint_id, (%s) from public.entities',
                       i.index_name || '_s', i.expression);
      exception when lock_not_available or deadlock_detected then
        continue;
      end;
      update private.field_indexes set status = 'ready', finished_at = now(), error = null where index_name = i.index_name;
      perform cron.unschedule(j.jobid) from cron.job j where j.jobname = 'index-' || i.index_name;
      n := n + 1;
    elsif i.status = 'building' and valid = false and not exists (
      select 1 from pg_catalog.pg_stat_activity a where a.query ilike '%create index concurrently%' || i.index_name || '%' and a.pid <> pg_backend_pid()) then
      update private.field_indexes set error = coalesce((
        select d.return_message from cron.job_run_details d join cron.job j on j.jobid = d.jobid
        where j.jobname = 'index-' || i.index_name and d.status = 'failed' order by d.runid desc limit 1), 'the build stopped')
      where index_name = i.index_name;
      execute format('drop index if exists public.%I', i.index_name);
    elsif i.status = 'dropping' and valid is null then
      execute format('drop statistics if exists public.%I', i.index_name || '_s');
      delete from private.field_indexes where index_name = i.index_name;
      perform cron.unschedule(j.jobid) from cron.job j where j.jobname = 'index-' || i.index_name;
      n := n + 1;
    end if;
  end loop;
  return n;
end
$$;
revoke all on function private.reconcile_field_indexes() from public;

select cron.schedule('reconcile-field-indexes', '* * * * *', $$ select private.reconcile_field_indexes() $$);

-- The state of each indexed field's index, for the blueprint screen.
create or replace function private.blueprint_json(p_blueprint public.blueprints) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select to_jsonb(p_blueprint) || jsonb_build_object(
    'fields', v.fields,
    'indexes', coalesce((select jsonb_agg(jsonb_build_object('field_key', i.field_key, 'status', i.status, 'error', i.error)
                                          order by i.field_key)
                         from private.field_indexes i where i.blueprint_id = p_blueprint.id and i.status <> 'dropping'), '[]'::jsonb))
  from public.blueprint_versions v
  where v.blueprint_id = p_blueprint.id and v.version = p_blueprint.version
$$;

-- ----------------------------------------------------------------------------
-- Unique fields across blueprint edits
-- ----------------------------------------------------------------------------

-- After an edit: a renamed field keeps its claimed values, a removed or no longer unique
-- one frees them, and a field that became unique claims the values of the live entities
-- that have it (refused with 409 FOCON when two share one).
create or replace function private.sync_unique_values_for_blueprint(p_blueprint_id uuid, p_changes jsonb) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  c jsonb;
  f jsonb;
  dup record;
begin
  for c in select value from jsonb_array_elements(p_changes) loop
    case c ->> 'op'
      when 'rename_field' then
        update private.entity_unique_values set field_key = c ->> 'to' where blueprint_id = p_blueprint_id and field_key = c ->> 'from';
      when 'remove_field' then
        delete from private.entity_unique_values where blueprint_id = p_blueprint_id and field_key = c ->> 'key';
      when 'update_field', 'change_type', 'add_field' then
        f := c -> 'field';
        if not (f ->> 'unique')::boolean then
          delete from private.entity_unique_values where blueprint_id = p_blueprint_id and field_key = f ->> 'key';
        elsif c ->> 'op' = 'add_field' or not coalesce((c #>> '{before,unique}')::boolean, false)
              or c #>> '{before,type}' <> f ->> 'type' then
          delete from private.entity_unique_values where blueprint_id = p_blueprint_id and field_key = f ->> 'key';
          select private.unique_value_text(f, e.data -> (f ->> 'key')) as value, count(*) as n into dup
          from public.entities e
          where e.blueprint_id = p_blueprint_id and e.deleted_at is null and e.data ? (f ->> 'key')
          group by 1 having count(*) > 1 limit 1;
          if dup.value is not null then
            perform private.raise_error(409, 'FOCON', format('"%s" cannot be unique: %s entities share the value %s.',
              f ->> 'key', dup.n, to_jsonb(dup.value)), f ->> 'key', 'unique');
          end if;
          insert into private.entity_unique_values (blueprint_id, field_key, value, entity_id)
          select p_blueprint_id, f ->> 'key', private.unique_value_text(f, e.data -> (f ->> 'key')), e.id
          from public.entities e
          where e.blueprint_id = p_blueprint_id and e.deleted_at is null and e.data ? (f ->> 'key');
        end if;
      else
        null;
    end case;
  end loop;
end
$$;
revoke all on function private.sync_unique_values_for_blueprint(uuid, jsonb) from public;
