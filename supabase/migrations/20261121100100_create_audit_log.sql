-- ============================================================================
-- The audit log (minimal first cut; extended in this session): schema `audit`,
-- append-only entries, private.record_audit_event and private.enable_audit.
-- ============================================================================

create schema if not exists audit;
comment on schema audit is 'The append-only, hash-chained audit log. Never exposed through the API.';
revoke all on schema audit from public;

create table audit.entries (
  id bigint generated always as identity primary key,
  tenant_id uuid,
  occurred_at timestamptz not null default now(),
  actor_id uuid,
  actor_email text,
  actor_name text,
  action text not null,
  object_type text not null,
  object_id text,
  outcome text not null default 'success' check (outcome in ('success', 'denied', 'failure')),
  before jsonb,
  after jsonb,
  details jsonb not null default '{}'::jsonb,
  ip inet,
  user_agent text,
  prev_hash bytea,
  hash bytea
);
comment on table audit.entries is 'Who did what to which object, when and from where. Append-only.';
alter table audit.entries enable row level security;

create or replace function private.record_audit_event(
  p_tenant_id uuid,
  p_action text,
  p_object_type text,
  p_object_id text,
  p_outcome text default 'success',
  p_before jsonb default null,
  p_after jsonb default null,
  p_details jsonb default '{}'::jsonb
) returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into audit.entries (tenant_id, actor_id, action, object_type, object_id, outcome, before, after, details)
  values (p_tenant_id, auth.uid(), p_action, p_object_type, p_object_id, p_outcome, p_before, p_after, coalesce(p_details, '{}'::jsonb));
end
$$;
grant execute on function private.record_audit_event(uuid, text, text, text, text, jsonb, jsonb, jsonb) to authenticated, service_role, supabase_auth_admin;

create or replace function private.audit_row_change() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_tenant uuid;
begin
  v_tenant := case when tg_table_schema = 'public' and tg_table_name = 'tenants' then (v_row ->> 'id')::uuid
                   else (v_row ->> 'tenant_id')::uuid end;
  perform private.record_audit_event(v_tenant, lower(tg_op), tg_table_schema || '.' || tg_table_name,
    coalesce(v_row ->> 'id', ''), 'success', v_old, v_new, '{}'::jsonb);
  return null;
end
$$;

create or replace function private.enable_audit(p_table regclass) returns void
language plpgsql
set search_path = ''
as $$
begin
  execute format('drop trigger if exists audit_row_change on %s', p_table);
  execute format('create trigger audit_row_change after insert or update or delete on %s for each row execute function private.audit_row_change()', p_table);
end
$$;
