-- Rule: only the retention job removes audit entries, and only whole calendar months
-- (UTC) that ended before now() minus the tenant's retention (at least 365 days),
-- oldest first; the chain still verifies afterwards from the recorded anchor.
begin;
select plan(19);

-- Tenant A keeps the minimum (365 days); tenant B keeps 730 days. Old entries are
-- written before the tenant rows exist, because a chain's time never runs backwards.
select gen_random_uuid() as tenant_a, gen_random_uuid() as tenant_b \gset
select date_trunc('month', (now() - interval '365 days') at time zone 'UTC') at time zone 'UTC' as cutoff_365,
       date_trunc('month', (now() - interval '730 days') at time zone 'UTC') at time zone 'UTC' as cutoff_730 \gset

insert into audit.entries (tenant_id, action, object_type, object_id, occurred_at)
values
  (:'tenant_a', 'old.event', 'thing', 'm1-early', :'cutoff_365'::timestamptz - interval '2 months' + interval '1 day'),
  (:'tenant_a', 'old.event', 'thing', 'm1-late', :'cutoff_365'::timestamptz - interval '2 months' + interval '20 days'),
  (:'tenant_a', 'old.event', 'thing', 'm2-last-second', :'cutoff_365'::timestamptz - interval '1 second'),
  (:'tenant_a', 'old.event', 'thing', 'kept-first-day', :'cutoff_365'::timestamptz + interval '1 hour'),
  (:'tenant_a', 'old.event', 'thing', 'kept-recent', now() - interval '3 days');
insert into audit.entries (tenant_id, action, object_type, object_id, occurred_at)
values
  (:'tenant_b', 'old.event', 'thing', 'past-730', :'cutoff_730'::timestamptz - interval '10 days'),
  (:'tenant_b', 'old.event', 'thing', 'past-365-within-730', :'cutoff_365'::timestamptz - interval '10 days');
insert into public.tenants (id, name, slug) values (:'tenant_a', 'Retention A', 'retention-a-201');
insert into public.tenants (id, name, slug, audit_retention_days) values (:'tenant_b', 'Retention B', 'retention-b-201', 730);

select is(private.audit_retention_cutoff(:'tenant_a'), :'cutoff_365'::timestamptz,
  'the cutoff is the start of the month containing now() - 365 days');
select is(private.audit_retention_cutoff(:'tenant_b'), :'cutoff_730'::timestamptz, 'a tenant''s longer retention moves its cutoff back');

-- deny: no DELETE without the job's setting, even of a purgeable month
select is(tests.error_of(format('delete from audit.entries where tenant_id = %L and object_id like %L', :'tenant_a', 'm1-%')) #>> '{details,rule}',
  'append_only', 'a DELETE outside the retention job is refused');

select set_config('audit.purge_chain', :'tenant_a', true);
-- deny: the job's setting does not make these legal
select is(tests.error_of(format('delete from audit.entries where tenant_id = %L and object_id = %L', :'tenant_a', 'kept-first-day')) #>> '{details,rule}',
  'retention', 'an entry within the retention period cannot be deleted');
select is(tests.error_of(format('delete from audit.entries where tenant_id = %L and object_id = %L', :'tenant_a', 'm1-early')) #>> '{details,rule}',
  'whole_months', 'part of a month cannot be deleted');
select is(tests.error_of(format('delete from audit.entries where tenant_id = %L and object_id = %L', :'tenant_a', 'm2-last-second')) #>> '{details,rule}',
  'oldest_first', 'a newer month cannot go while an older one stays (no hole in the chain)');
select is(tests.error_of(format('delete from audit.entries where tenant_id = %L and object_id = %L', :'tenant_b', 'past-730')) #>> '{details,rule}',
  'append_only', 'the setting opens only the chain it names');
select set_config('audit.purge_chain', '', true);
select is((select count(*)::integer from audit.entries where tenant_id = :'tenant_a' and action = 'old.event'), 5, 'the refused deletes removed nothing');

-- allow: the job drops the whole old months of each chain
select private.purge_audit_log() as purge_result \gset
select is((select array_agg(object_id order by chain_seq) from audit.entries where tenant_id = :'tenant_a' and action = 'old.event'),
  array['kept-first-day', 'kept-recent'], 'tenant A: the two months past 365 days are gone, the rest stays');
select is((select array_agg(object_id order by chain_seq) from audit.entries where tenant_id = :'tenant_b' and action = 'old.event'),
  array['past-365-within-730'], 'tenant B: only the month past 730 days is gone');
select is((select anchor_seq from audit.chains where chain_key = :'tenant_a'), 3::bigint, 'tenant A''s anchor is the last purged entry');
select is(
  (select details ->> 'deleted' from audit.entries where tenant_id = :'tenant_a' and action = 'audit.purge' and outcome = 'success'),
  '3', 'the purge is audited in the tenant''s own chain with the number of entries removed'
);
select ok((:'purge_result'::jsonb -> 'failed') = '[]'::jsonb, 'no chain failed');
select ok((select ok from private.verify_audit_chain(:'tenant_a')), 'tenant A''s chain verifies from its anchor');
select ok((select ok from private.verify_audit_chain(:'tenant_b')), 'tenant B''s chain verifies from its anchor');

-- deny: a second run finds nothing more to remove
select is((private.purge_audit_log() ->> 'deleted')::integer, 0, 'running the job again removes nothing');

-- A deleted tenant's entries keep the retention the tenant had.
delete from public.tenants where id = :'tenant_b';
select is((select retention_days from audit.chains where chain_key = :'tenant_b'), 730, 'the chain remembers the retention of its deleted tenant');
select is(private.audit_retention_cutoff(:'tenant_b'), :'cutoff_730'::timestamptz, 'so the deleted tenant''s entries stay as long as promised');

select is((select schedule from cron.job where jobname = 'purge-audit-log'), '17 3 * * *', 'the job runs nightly');

select * from finish();
rollback;
