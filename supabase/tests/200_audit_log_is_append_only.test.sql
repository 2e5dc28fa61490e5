-- Rule: audit entries are append-only for every role. API roles have no privilege
-- on the audit schema at all; the owner (postgres) meets triggers that refuse
-- UPDATE and DELETE; TRUNCATE is revoked even from the owner and refused by a
-- trigger for superusers. The only change ever allowed in place is clearing a
-- deleted user's email and name, and nothing else in those rows.
begin;
select plan(24);

select gen_random_uuid() as chain \gset
select tests.create_user('actor-200@example.test') as actor \gset
select tests.authenticate_as(:'actor');
select private.record_audit_event(:'chain', 'test.first', 'thing', '1', 'success', null, '{"n": 1}');
select private.record_audit_event(:'chain', 'test.second', 'thing', '2', 'success', '{"n": 1}', '{"n": 2}');
select tests.clear_authentication();
select private.record_audit_event(:'chain', 'test.third', 'thing', '3');
select md5(string_agg(to_jsonb(e)::text, ',' order by id)) as fingerprint from audit.entries e where tenant_id = :'chain' \gset

-- allow: appending through record_audit_event, chained in order
select results_eq(
  format('select chain_seq, action from audit.entries where tenant_id = %L order by id', :'chain'),
  $$ values (1::bigint, 'test.first'), (2, 'test.second'), (3, 'test.third') $$,
  'record_audit_event appends entries with consecutive chain sequence numbers'
);
select is((select actor_email from audit.entries where tenant_id = :'chain' and action = 'test.first'), 'actor-200@example.test',
  'the actor and their email are recorded');

-- deny: the API roles have no way in
select tests.authenticate_as_service_role();
select throws_ok(format('insert into audit.entries (tenant_id, action, object_type) values (%L, %L, %L)', :'chain', 'forged', 'thing'),
  '42501', null, 'service_role cannot insert entries directly');
select throws_ok(format('update audit.entries set action = %L where tenant_id = %L', 'changed', :'chain'),
  '42501', null, 'service_role cannot UPDATE entries');
select throws_ok(format('delete from audit.entries where tenant_id = %L', :'chain'),
  '42501', null, 'service_role cannot DELETE entries');
select throws_ok('truncate audit.entries', '42501', null, 'service_role cannot TRUNCATE entries');
select throws_ok(format('update audit.chains set head_seq = 0 where chain_key = %L', :'chain'),
  '42501', null, 'service_role cannot touch chain heads');

select tests.authenticate_as(:'actor');
select throws_ok(format('update audit.entries set action = %L where tenant_id = %L', 'changed', :'chain'),
  '42501', null, 'authenticated cannot UPDATE entries');
select throws_ok(format('delete from audit.entries where tenant_id = %L', :'chain'),
  '42501', null, 'authenticated cannot DELETE entries');
select throws_ok('truncate audit.entries', '42501', null, 'authenticated cannot TRUNCATE entries');
select tests.clear_authentication();

-- deny: the owner (postgres, the migration role) is stopped by the triggers
select is(tests.error_of(format('update audit.entries set action = %L where tenant_id = %L', 'changed', :'chain')),
  '{"code": "FODEN", "message": "Audit entries are append-only: UPDATE is refused.", "details": {"field": "audit.entries", "rule": "append_only"}, "hint": null}'::jsonb,
  'postgres cannot UPDATE entries: FODEN append_only');
select is(tests.error_of(format('delete from audit.entries where tenant_id = %L', :'chain')) #>> '{details,rule}', 'append_only',
  'postgres cannot DELETE entries');
select throws_ok('truncate audit.entries', '42501', null, 'postgres cannot TRUNCATE entries (revoked from the owner too)');
select is(tests.error_of(format('update audit.chains set head_seq = 1 where chain_key = %L', :'chain')) #>> '{details,rule}', 'append_only',
  'postgres cannot move a chain head backwards');
select is(tests.error_of(format('delete from audit.chains where chain_key = %L', :'chain')) #>> '{details,rule}', 'append_only',
  'postgres cannot delete a chain head');

-- The triggers hold for superusers as well: they exist for TRUNCATE and fire even
-- with session_replication_role = replica (ENABLE ALWAYS).
select is(
  (select array_agg(tgname::text || '=' || tgenabled::text order by tgname::text) from pg_trigger
    where tgrelid = 'audit.entries'::regclass and not tgisinternal),
  array['audit_entries_chain=A', 'audit_entries_check_purge=A', 'audit_entries_guard_delete=A',
        'audit_entries_refuse_truncate=A', 'audit_entries_refuse_update=A'],
  'every audit trigger fires always, replica sessions included'
);
select is(
  (select count(*)::integer from pg_trigger where tgrelid = 'audit.entries'::regclass and tgname = 'audit_entries_refuse_truncate'
     and (tgtype & 32) <> 0),
  1, 'a TRUNCATE trigger guards the table'
);

-- Nothing above changed a byte.
select is((select md5(string_agg(to_jsonb(e)::text, ',' order by id)) from audit.entries e where tenant_id = :'chain'), :'fingerprint',
  'the refused statements changed nothing');

-- deny: the erasure setting does not open the table for other changes
select set_config('audit.erase_actor', :'actor', true);
select is(tests.error_of(format('update audit.entries set action = %L where tenant_id = %L and actor_id = %L', 'changed', :'chain', :'actor')) #>> '{details,rule}',
  'append_only', 'with the erasure setting, changing anything but email and name is still refused');
select is(tests.error_of(format('update audit.entries set actor_email = null, actor_name = null where tenant_id = %L and actor_id is distinct from %L', :'chain', :'actor')) #>> '{details,rule}',
  'append_only', 'with the erasure setting, other actors'' entries stay untouched');
select set_config('audit.erase_actor', '', true);

-- allow: erasing a deleted user's identity clears exactly email and name
select is(private.erase_audit_actor(:'actor'), 2::bigint, 'erase_audit_actor clears the user''s entries');
select is((select count(*)::integer from audit.entries where actor_id = :'actor' and (actor_email is not null or actor_name is not null)), 0,
  'no email or name of the user is left');
select is((select count(*)::integer from audit.entries where tenant_id = :'chain'), 3, 'the entries themselves stay');
select ok((select ok from private.verify_audit_chain(:'chain')), 'the chain still verifies after the erasure');

select * from finish();
rollback;
