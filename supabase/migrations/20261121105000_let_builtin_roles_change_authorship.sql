-- ============================================================================
-- Built-in roles stay as shipped, but their authorship may change: when the
-- user who created a tenant deletes their account, roles.created_by must move
-- to the deleted-user marker (or, through the foreign key, to null). The first
-- version of private.protect_builtin_roles refused every UPDATE of a built-in
-- role, so deleting such a user failed, even through the Auth admin API.
-- This version lets an UPDATE through when it changes nothing but created_by
-- (and the updated_at the bookkeeping trigger sets); everything else stays refused.
-- ============================================================================

create or replace function private.protect_builtin_roles() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and old.builtin
     and to_jsonb(new) - array['created_by', 'updated_at'] is distinct from to_jsonb(old) - array['created_by', 'updated_at'] then
    perform private.raise_error(409, 'FOCON', format('The built-in role "%s" cannot be changed.', old.name), 'role', 'builtin');
  elsif tg_op = 'DELETE' and old.builtin and exists (select 1 from public.tenants t where t.id = old.tenant_id) then
    perform private.raise_error(409, 'FOCON', format('The built-in role "%s" cannot be deleted.', old.name), 'role', 'builtin');
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
comment on function private.protect_builtin_roles is
  'Built-in roles are immutable (only their authorship, created_by, may change when the author''s account is deleted) and go only with their tenant.';
