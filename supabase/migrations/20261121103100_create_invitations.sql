-- ============================================================================
-- Invitations: an email address invited into a tenant with one or more roles.
-- The link's token is stored only as a sha256 hash, in `private` (never
-- readable through the API); the raw token exists only in the mail. Pending
-- invitations expire (7 days after the last send); a job marks them expired.
-- Written only through RPCs (next migration).
-- ============================================================================

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  email text not null,
  role_ids uuid[] not null,
  status text not null default 'pending',
  expires_at timestamptz not null default now() + interval '7 days',
  redirect_to text,
  invited_by uuid references auth.users (id) on delete set null,
  accepted_by uuid references auth.users (id) on delete set null,
  responded_at timestamptz,
  last_sent_at timestamptz,
  send_count integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid references auth.users (id) on delete set null,
  constraint invitations_email_format check (email = lower(email) and length(email) <= 254 and email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$'),
  constraint invitations_role_ids_count check (cardinality(role_ids) between 1 and 20),
  constraint invitations_status_known check (status in ('pending', 'accepted', 'declined', 'revoked', 'expired')),
  constraint invitations_redirect_to_url check (redirect_to is null or (length(redirect_to) <= 2000 and redirect_to ~ '^https?://[^\s#]+$')),
  constraint invitations_accepted_by check (accepted_by is null or status = 'accepted'),
  constraint invitations_responded check ((status = 'pending') = (responded_at is null))
);
comment on table public.invitations is
  'Invitations into a tenant by email with role ids; pending until accepted, declined, revoked or expired. Token hashes live in private.invitation_tokens.';
comment on column public.invitations.redirect_to is 'The app page the mail links to (the token is appended as ?token=); null = the site''s /invitations/accept.';
comment on column public.invitations.responded_at is 'When the invitation left pending (accepted, declined, revoked or expired).';
create index invitations_tenant_id_idx on public.invitations (tenant_id, created_at desc);
create index invitations_email_idx on public.invitations (email);
create unique index invitations_one_pending_per_email on public.invitations (tenant_id, email) where status = 'pending';
create index invitations_invited_by_idx on public.invitations (invited_by);
create trigger invitations_set_updated_at before update on public.invitations
  for each row execute function private.set_updated_at();

alter table public.invitations enable row level security;
revoke insert, update, delete, truncate, references, trigger on public.invitations from anon, authenticated;

-- The hash of the current link token of each invitation (a new send replaces it).
create table private.invitation_tokens (
  invitation_id uuid primary key references public.invitations (id) on delete cascade,
  token_hash bytea not null,
  created_at timestamptz not null default now(),
  constraint invitation_tokens_sha256 check (length(token_hash) = 32)
);
comment on table private.invitation_tokens is 'sha256 of each invitation''s current link token; the raw token is only ever in the mail.';
create unique index invitation_tokens_token_hash_key on private.invitation_tokens (token_hash);
alter table private.invitation_tokens enable row level security;
revoke all on private.invitation_tokens from public, anon, authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Tokens
-- ----------------------------------------------------------------------------

-- 256 random bits, base64url without padding (43 characters).
create or replace function private.new_invitation_token() returns text
language sql volatile set search_path = ''
as $$ select translate(encode(extensions.gen_random_bytes(32), 'base64'), '+/=', '-_') $$;
revoke all on function private.new_invitation_token() from public;

-- The stored form of a token; null for anything that is not one.
create or replace function private.invitation_token_hash(p_token text) returns bytea
language sql immutable parallel safe set search_path = ''
as $$ select case when p_token ~ '^[A-Za-z0-9_-]{43}$' then sha256(convert_to(p_token, 'UTF8')) end $$;
grant execute on function private.invitation_token_hash(text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Who sees what
-- ----------------------------------------------------------------------------

-- The caller's email when Auth has verified it (and the session may act), else null.
create or replace function private.current_verified_email() returns text
language sql stable parallel safe security definer set search_path = ''
as $$
  select lower(u.email)
  from auth.users u
  where u.id = (select auth.uid())
    and u.email_confirmed_at is not null
    and (select private.session_is_trusted())
$$;
comment on function private.current_verified_email is 'The signed-in user''s verified email (lowercase), or null; invitees see invitations sent to it.';
grant execute on function private.current_verified_email() to authenticated, service_role;

-- SELECT(invitations): members who manage members see their tenant's invitations.
create policy invitations_select_manager on public.invitations
  for select to authenticated
  using (tenant_id in (select private.tenant_ids_for_user()) and private.has_capability(tenant_id, 'manage_members'));

-- SELECT(invitations): invitees see the invitations sent to their verified email.
create policy invitations_select_invitee on public.invitations
  for select to authenticated
  using (email = (select private.current_verified_email()));

select private.enable_audit('public.invitations');

-- ----------------------------------------------------------------------------
-- Job: pending invitations past their expiry become expired
-- ----------------------------------------------------------------------------

create or replace function private.expire_invitations() returns integer
language plpgsql volatile security definer set search_path = ''
as $$
declare
  expired integer;
begin
  update public.invitations i set status = 'expired', responded_at = i.expires_at
  where i.status = 'pending' and i.expires_at <= now();
  get diagnostics expired = row_count;
  return expired;
end
$$;
comment on function private.expire_invitations is 'Marks pending invitations past expires_at as expired; run by pg_cron every 15 minutes.';
revoke all on function private.expire_invitations() from public;

select cron.schedule('expire-invitations', '*/15 * * * *', $$ select private.expire_invitations() $$);
