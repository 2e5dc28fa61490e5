-- Rule: the hash chain makes tampering visible. Whoever gets past the triggers (the
-- table owner disabling them here, as a superuser could) and alters, removes or
-- re-hashes an entry is named by private.verify_audit_chain: the first broken link
-- and why. Each tampering happens in a savepoint that is rolled back, so the table
-- lock it needs is held only for a moment.
begin;
select plan(16);

select gen_random_uuid() as chain \gset
select tests.create_user('actor-202@example.test') as actor \gset
select tests.authenticate_as(:'actor');
select private.record_audit_event(:'chain', 'test.event', 'thing', n::text, 'success', null, jsonb_build_object('n', n))
from generate_series(1, 5) n;
select tests.clear_authentication();
select id as e2 from audit.entries where tenant_id = :'chain' and chain_seq = 2 \gset
select id as e3 from audit.entries where tenant_id = :'chain' and chain_seq = 3 \gset
select id as e4 from audit.entries where tenant_id = :'chain' and chain_seq = 4 \gset

-- allow: an untouched chain verifies
select is((select to_jsonb(v) from private.verify_audit_chain(:'chain') v),
  '{"ok": true, "checked": 5, "first_broken_id": null, "reason": null}'::jsonb, 'an untouched chain verifies, all five entries checked');

-- deny: content altered in place
savepoint tamper;
alter table audit.entries disable trigger audit_entries_refuse_update;
update audit.entries set after = '{"n": 99}' where id = :'e3';
select ok, first_broken_id, reason from private.verify_audit_chain(:'chain') \gset altered_
rollback to savepoint tamper;
select is(:'altered_ok'::text, 'f', 'an altered entry breaks the chain');
select is(:'altered_first_broken_id'::text, :'e3', 'the altered entry is named as the first broken link');
select is(:'altered_reason'::text, 'the entry was altered: its hash does not match its content', 'the reason says it was altered');

-- deny: content altered and its hash recomputed; the next link no longer matches
savepoint tamper;
alter table audit.entries disable trigger audit_entries_refuse_update;
update audit.entries set after = '{"n": 42}' where id = :'e3';
update audit.entries e set hash = private.audit_entry_hash(e) where id = :'e3';
select ok, first_broken_id, reason from private.verify_audit_chain(:'chain') \gset rehashed_
rollback to savepoint tamper;
select is(:'rehashed_first_broken_id'::text, :'e4', 'a re-hashed entry is caught at the next link');
select is(:'rehashed_reason'::text, 'prev_hash does not match the previous entry''s hash', 'the reason names the broken link');

-- deny: an entry removed from the middle
savepoint tamper;
alter table audit.entries disable trigger audit_entries_guard_delete;
alter table audit.entries disable trigger audit_entries_check_purge;
delete from audit.entries where id = :'e3';
select ok, first_broken_id, reason from private.verify_audit_chain(:'chain') \gset removed_
rollback to savepoint tamper;
select is(:'removed_first_broken_id'::text, :'e4', 'the entry after a removed one is named');
select is(:'removed_reason'::text, 'entries 3 to 3 are missing before this one', 'the reason names the missing sequence numbers');

-- deny: the newest entry removed (nothing after it to break)
savepoint tamper;
alter table audit.entries disable trigger audit_entries_guard_delete;
alter table audit.entries disable trigger audit_entries_check_purge;
delete from audit.entries where tenant_id = :'chain' and chain_seq = 5;
select ok, first_broken_id, reason from private.verify_audit_chain(:'chain') \gset truncated_
rollback to savepoint tamper;
select is(:'truncated_ok'::text, 'f', 'removing the newest entry breaks the chain');
select is(:'truncated_reason'::text, 'entries 5 to 5 are missing at the end of the chain', 'the chain head shows what is missing at the end');

-- deny: the actor's email rewritten
savepoint tamper;
alter table audit.entries disable trigger audit_entries_refuse_update;
update audit.entries set actor_email = 'someone-else@example.test' where id = :'e2';
select ok, first_broken_id, reason from private.verify_audit_chain(:'chain') \gset reattributed_
rollback to savepoint tamper;
select is(:'reattributed_first_broken_id'::text, :'e2', 'an entry attributed to someone else is named');
select is(:'reattributed_reason'::text, 'the actor''s email or name was altered', 'the reason says the actor was altered');

-- deny: any other field changed (here the object id)
savepoint tamper;
alter table audit.entries disable trigger audit_entries_refuse_update;
update audit.entries set object_id = 'moved' where id = :'e4';
select ok, first_broken_id from private.verify_audit_chain(:'chain') \gset moved_
rollback to savepoint tamper;
select is(:'moved_first_broken_id'::text, :'e4', 'any field change is detected (object id)');

-- allow: after every rollback the chain is whole again, and verifying is read-only
select ok((select ok from private.verify_audit_chain(:'chain')), 'the untouched chain still verifies');
select is((select count(*)::integer from audit.entries where tenant_id = :'chain'), 5, 'verification wrote nothing');

-- deny: API roles cannot run the raw verification (admins use public.verify_audit_chain)
select ok(not has_function_privilege('authenticated', 'private.verify_audit_chain(uuid)', 'execute'),
  'authenticated cannot call private.verify_audit_chain directly');

select * from finish();
rollback;
