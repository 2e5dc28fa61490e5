-- ============================================================================
-- Audit entries store the fields their change touched (changed_fields), computed
-- once when the entry is written instead of on every search that lists it.
--
-- Each search result line carries the keys the entry's before/after values touch.
-- Working them out per listed entry (merge the two sides, list the keys, sort)
-- took a tenth or more of the search's database time under load
-- (bench/audit-search.ts). An entry never changes after it is written, so the list
-- is a stored generated column: every writer (the generic audit trigger, auth
-- events, denials, bulk loads) gets it without doing anything, and it cannot
-- disagree with the values. It is not part of the entry's hash (the hash covers
-- the values it is derived from). The search reads it from 20261121150400 on.
-- ============================================================================

-- The keys an entry's change touches, alphabetical (non-object sides count as none).
create or replace function private.audit_changed_fields(p_before jsonb, p_after jsonb) returns text[]
language sql immutable parallel safe set search_path = ''
as $$
  select array(select k from jsonb_object_keys(private.audit_diff_keys(p_before) || private.audit_diff_keys(p_after)) k order by k)
$$;
comment on function private.audit_changed_fields is 'The keys an audit entry''s before/after values touch, sorted; stored as audit.entries.changed_fields.';

alter table audit.entries
  add column changed_fields text[] not null generated always as (private.audit_changed_fields(before, after)) stored;
comment on column audit.entries.changed_fields is 'Keys the change touches (derived from before/after, so not hashed separately).';

-- The one update audit entries allow (erasing a deleted user's email and name) compares
-- the entry before and after; a BEFORE trigger sees generated columns not yet computed
-- (null in NEW), so they are left out of the comparison like search_text. Otherwise as
-- in 20261121100100.
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
    and to_jsonb(new) - array['actor_email', 'actor_name', 'search_text', 'changed_fields']
        = to_jsonb(old) - array['actor_email', 'actor_name', 'search_text', 'changed_fields']
  then
    return new;
  end if;
  perform private.raise_error(403, 'FODEN', 'Audit entries are append-only: UPDATE is refused.', 'audit.entries', 'append_only');
  return null;
end
$$;
