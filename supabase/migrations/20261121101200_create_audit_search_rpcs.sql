-- ============================================================================
-- Admin access to the audit log: search (actor, action, object, date range, free
-- text; newest first, keyset-paginated) and chain verification.
--
-- Allowed: members holding view_audit on the tenant; super admins on any tenant
-- and on the platform log (p_tenant_id null), their access to a tenant's log
-- being audited in that log. Everyone else is denied through private.deny: the
-- attempt is audited and the caller gets 403 FODEN.
--
-- The query runs in a security-definer function that names the chain and builds
-- only the predicates asked for (dynamic SQL, planned for these values), so every
-- filter reaches an index: (chain, actor, time), (chain, object, time),
-- (chain, time) and a trigram index on search_text.
-- ============================================================================

-- How the caller may read a tenant's (or, for null, the platform's) audit log:
-- 'member' (holds view_audit there), 'super_admin', or null (denied). One capability
-- lookup per request: this runs on every search.
create or replace function private.audit_access(p_tenant_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select case
    when p_tenant_id is not null and private.has_capability(p_tenant_id, 'view_audit') then 'member'
    when private.is_super_admin() then 'super_admin'
  end
$$;

-- The denial of an audit log read: audited in the tenant's log when the tenant exists,
-- otherwise in the platform log (so probing random ids creates no tenant chains).
create or replace function private.deny_audit_access(p_tenant_id uuid, p_action text) returns jsonb
language sql volatile security definer set search_path = ''
as $$
  select private.deny(
    (select t.id from public.tenants t where t.id = p_tenant_id),
    p_action,
    'audit_log',
    coalesce(p_tenant_id::text, 'platform'),
    case when p_tenant_id is null then 'the platform audit log is for super admins'
         else 'viewing the audit log needs the view_audit capability' end
  )
$$;

-- ----------------------------------------------------------------------------
-- Search
-- ----------------------------------------------------------------------------

create or replace function private.search_audit_log(
  p_tenant_id uuid,
  p_actor uuid,
  p_action text,
  p_object_type text,
  p_object_id text,
  p_from timestamptz,
  p_to timestamptz,
  p_text text,
  p_before_id bigint,
  p_limit integer
) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  chain uuid := coalesce(p_tenant_id, private.audit_platform_chain());
  access text;
  query text;
  cursor_at timestamptz;
  pattern text;
  rows jsonb;
  n integer;
begin
  if auth.uid() is null then
    perform private.raise_error(401, 'FOAUT', 'Sign in first.', null, 'signed_in');
  end if;
  access := private.audit_access(p_tenant_id);
  if access is null then
    return private.deny_audit_access(p_tenant_id, 'search_audit_log');
  end if;
  if access = 'super_admin' and p_tenant_id is not null then
    perform private.record_audit_event(p_tenant_id, 'search_audit_log', 'audit_log', p_tenant_id::text, 'success', null, null,
      jsonb_strip_nulls(jsonb_build_object('as', 'super_admin', 'actor', p_actor, 'action', p_action, 'object_type', p_object_type,
        'object_id', p_object_id, 'from', p_from, 'to', p_to, 'text', p_text)));
  end if;

  if p_limit is null or p_limit not between 1 and 200 then
    perform private.raise_error(422, 'FOVAL', 'The page size (limit) must be between 1 and 200.', 'limit', 'range');
  end if;
  if p_from is not null and p_to is not null and p_from > p_to then
    perform private.raise_error(422, 'FOVAL', 'The date range ends before it starts (from must not be after to).', 'from', 'before_to');
  end if;
  if length(p_text) > 200 then
    perform private.raise_error(422, 'FOVAL', 'The search text is at most 200 characters.', 'text', 'length');
  end if;
  if p_before_id is not null then
    select e.occurred_at into cursor_at from audit.entries e where e.id = p_before_id and e.chain_key = chain;
    if cursor_at is null then
      perform private.raise_error(422, 'FOVAL', 'The page cursor (before_id) is not an entry of this audit log.', 'before_id', 'exists');
    end if;
  end if;
  pattern := '%' || replace(replace(replace(lower(btrim(p_text)), '\', '\\'), '%', '\%'), '_', '\_') || '%';

  query := 'select e.id, e.tenant_id, e.occurred_at, e.actor_id, e.actor_email, e.actor_name, e.action,'
    || ' e.object_type, e.object_id, e.outcome, e.before, e.after, e.details, host(e.ip) as ip, e.user_agent'
    || ' from audit.entries e where e.chain_key = $1'
    || case when p_actor is not null then ' and e.actor_id = $2' else '' end
    || case when nullif(btrim(p_action), '') is not null then ' and e.action = $3' else '' end
    || case when nullif(btrim(p_object_type), '') is not null then ' and e.object_type = $4' else '' end
    || case when nullif(btrim(p_object_id), '') is not null then ' and e.object_id = $5' else '' end
    || case when p_from is not null then ' and e.occurred_at >= $6' else '' end
    || case when p_to is not null then ' and e.occurred_at < $7' else '' end
    || case when nullif(btrim(p_text), '') is not null then ' and e.search_text like $8' else '' end
    || case when p_before_id is not null then ' and (e.occurred_at < $9 or (e.occurred_at = $9 and e.id < $10))' else '' end
    || ' order by e.occurred_at desc, e.id desc limit $11';

  execute 'select coalesce(jsonb_agg(to_jsonb(r) order by r.occurred_at desc, r.id desc), ''[]''::jsonb), count(*)::integer from ('
    || query || ') r'
  into rows, n
  using chain, p_actor, btrim(p_action), btrim(p_object_type), btrim(p_object_id), p_from, p_to, pattern,
        cursor_at, p_before_id, p_limit;

  return jsonb_build_object(
    'entries', rows,
    'next_before_id', case when n = p_limit then (rows -> (n - 1) ->> 'id')::bigint end
  );
end
$$;
grant execute on function private.search_audit_log(uuid, uuid, text, text, text, timestamptz, timestamptz, text, bigint, integer)
  to authenticated;

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
  p_limit integer default 50
) returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$
  select private.search_audit_log(p_tenant_id, p_actor, p_action, p_object_type, p_object_id, p_from, p_to, p_text,
                                  p_before_id, p_limit)
$$;
comment on function public.search_audit_log is
  'Audit log of a tenant (null: platform, super admins), newest first: filters by actor, action, object, [from, to) and text; '
  'pass next_before_id as p_before_id for the next page. Needs view_audit; denials are audited.';
grant execute on function public.search_audit_log(uuid, uuid, text, text, text, timestamptz, timestamptz, text, bigint, integer)
  to authenticated;

-- ----------------------------------------------------------------------------
-- Verification
-- ----------------------------------------------------------------------------

create or replace function private.verify_audit_chain_for_caller(p_tenant_id uuid) returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
as $$
declare
  access text;
  result record;
begin
  if auth.uid() is null then
    perform private.raise_error(401, 'FOAUT', 'Sign in first.', null, 'signed_in');
  end if;
  access := private.audit_access(p_tenant_id);
  if access is null then
    return private.deny_audit_access(p_tenant_id, 'verify_audit_chain');
  end if;
  if access = 'super_admin' and p_tenant_id is not null then
    perform private.record_audit_event(p_tenant_id, 'verify_audit_chain', 'audit_log', p_tenant_id::text, 'success', null, null,
      jsonb_build_object('as', 'super_admin'));
  end if;
  select * into result from private.verify_audit_chain(p_tenant_id);
  return jsonb_build_object('ok', result.ok, 'checked', result.checked, 'first_broken_id', result.first_broken_id,
                            'reason', result.reason);
end
$$;
grant execute on function private.verify_audit_chain_for_caller(uuid) to authenticated;

create or replace function public.verify_audit_chain(p_tenant_id uuid) returns jsonb
language sql
volatile
security invoker
set search_path = ''
as $$ select private.verify_audit_chain_for_caller(p_tenant_id) $$;
comment on function public.verify_audit_chain is
  'Recomputes a tenant''s audit hash chain (null: platform) and names the first broken link. Needs view_audit.';
grant execute on function public.verify_audit_chain(uuid) to authenticated;
