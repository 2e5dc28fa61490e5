-- Rule: a migration of more than 500 entities becomes a background job (queued in
-- pgmq), processed in batches that each commit on their own and continue from the
-- last committed entity, with progress and failures recorded; a dry-run job writes
-- nothing. Indexed fields schedule a concurrent index build, and unsetting the flag
-- schedules the drop.
begin;
select plan(16);

select tests.create_user('editor-508@example.test') as editor_user \gset
select tests.authenticate_as(:'editor_user');
select (public.create_tenant('Jobs 508', 'jobs-508', 'UTC', 'en') ->> 'id') as tenant \gset
select (public.create_blueprint(:'tenant', 'Readings', '[{"key": "value", "label": "Value", "type": "number"},
  {"key": "code", "label": "Code", "type": "text", "indexed": true}]') ->> 'id') as bp \gset
select count(public.create_entities(:'bp', (select jsonb_agg(jsonb_build_object('value', g + case when g % 400 = 0 then 0.5 else 0 end))
                                         from generate_series(h, h + 599) g))) as created
from (values (1), (601)) halves(h) \gset
select public.update_blueprint(:'bp', 1, '[{"op": "change_type", "key": "value", "field": {"key": "value", "label": "Value", "type": "integer"}}]') is not null as v2 \gset

-- a large migration becomes a job
select public.migrate_entities(:'bp', 2) as started \gset
select is((:'started'::jsonb ->> 'total')::integer, 1200, 'more than 500 entities start a job');
select :'started'::jsonb ->> 'job_id' as job \gset
select tests.clear_authentication();
select is((select status from public.entity_migration_jobs where id = :'job'), 'queued', 'queued');
select is((select count(*)::integer from pgmq.q_entity_migrations where message ->> 'job_id' = :'job'), 1, 'with a message on the queue');

-- batch by batch: progress and a cursor after each
select is(private.run_migration_batch(:'job', 500), 500, 'a batch takes 500 entities');
select is((select processed || '/' || total || ' ' || status from public.entity_migration_jobs where id = :'job'), '500/1200 running',
  'and records its progress');
select is((select count(*)::integer from public.entities where blueprint_id = :'bp' and blueprint_version = 2), 500 - (
  select failed from public.entity_migration_jobs where id = :'job'), 'only that batch''s entities moved');
select ok((select cursor_id from public.entity_migration_jobs where id = :'job') is not null, 'the job remembers where it stopped');

-- a batch that fails midway leaves the job where it was (atomic per batch)
savepoint crash;
-- a batch that breaks (here: an impossible batch size) raises. Not a constraint added on
-- the fly: that ALTER TABLE can deadlock with a concurrent index build of another test.
select throws_ok(format('select private.run_migration_batch(%L, -1)', :'job'), '2201W', null, 'a batch that breaks raises');
rollback to savepoint crash;
select is((select processed from public.entity_migration_jobs where id = :'job'), 500, 'and the job continues from its committed state');

select is(private.run_migration_batch(:'job', 500), 500, 'the next batch continues after the cursor');
select is(private.run_migration_batch(:'job', 500), 200, 'the last batch is shorter');
select is((select status || ' ' || processed || ' ' || migrated || ' ' || failed from public.entity_migration_jobs where id = :'job'),
  'done 1200 1197 3', 'the job is done: every entity looked at once, three could not become whole numbers');
select is((select count(*)::integer from jsonb_array_elements((select failures from public.entity_migration_jobs where id = :'job')) f
           where f ->> 'rule' = 'integer'), 3, 'and names them with the rule');

-- a dry-run job writes nothing
select tests.authenticate_as(:'editor_user');
select (public.migrate_entities(:'bp', 1, p_dry_run => true) ->> 'job_id') as dry_job \gset
select tests.clear_authentication();
select private.run_migration_batch(:'dry_job', 2000) as dry_n \gset
select is((select count(*)::integer from public.entities where blueprint_id = :'bp' and blueprint_version = 2), 1197, 'a dry-run job writes nothing');

-- indexed fields: a concurrent build is scheduled, and a drop when the flag goes
select is((select status from private.field_indexes where blueprint_id = :'bp' and field_key = 'code'), 'building', 'an indexed field''s index is being built');
select ok(exists (select 1 from cron.job where command like 'create index concurrently if not exists entities_f_%' || replace(:'bp', '-', '') || '%'),
  'by a cron job running CREATE INDEX CONCURRENTLY');

select * from finish();
rollback;
