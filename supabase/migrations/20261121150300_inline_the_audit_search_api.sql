-- ============================================================================
-- The audit search's API function is inlined into PostgREST's statement.
--
-- public.search_audit_log is a security-invoker SQL function that calls the
-- definer body in private. With a SET clause (search_path) Postgres cannot
-- inline a SQL function: every request then ran it as a separate function call
-- that parses and plans its one-line body again (PostgREST's statement is new
-- to the function each time), a tenth of the search's database time under load
-- (bench/audit-search.ts). Without the clause it is inlined at plan time and
-- PostgREST's prepared statement calls private.search_audit_log directly.
--
-- A search_path setting protects a function from objects a caller's path puts
-- first. This body has nothing to resolve: its one call is schema-qualified with
-- named arguments of the function's own types, and it runs as the caller anyway
-- (security invoker). Everything it does is unchanged.
-- ============================================================================

create or replace function public.search_audit_log(
  p_tenant_id uuid,
  p_actor uuid default null,
  p_action text default null,
  p_object_type text default null,
  p_object_id text default null,
  p_from timestamptz default null,
  p_to timestamptz default null,
  p_text text default null,
  p_before_id bigint default null,
  p_limit integer default 50,
  p_outcome text default null
) returns jsonb
language sql
volatile
security invoker
as $$
  select private.search_audit_log(p_tenant_id => p_tenant_id, p_actor => p_actor, p_action => p_action,
    p_object_type => p_object_type, p_object_id => p_object_id, p_from => p_from, p_to => p_to, p_text => p_text,
    p_before_id => p_before_id, p_limit => p_limit, p_outcome => p_outcome)
$$;
comment on function public.search_audit_log is
  'Audit log of a tenant (null: platform, super admins), newest first, one summary per entry (changed_fields, reason; '
  'get_audit_entry has the full entry): filters by actor, action, object, outcome (success, denied, failure), '
  '[from, to) and text; pass next_before_id as p_before_id for the next page. Needs view_audit; denials are audited.';
