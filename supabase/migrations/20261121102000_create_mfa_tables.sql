-- ============================================================================
-- Two-factor authentication (TOTP): where its state lives. Everything is in
-- `private`, never exposed: the SPA learns what it needs through the `mfa` edge
-- function (GET /mfa/status) and public.get_mfa_requirement(). The TOTP secret
-- itself is in Vault (encrypted at rest); a factor row only points at it.
-- Rows go with their user (auth.users cascade) or their session (auth.sessions
-- cascade); the Vault secret goes with its factor row (trigger below).
-- See docs/two-factor.md.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Factors: one TOTP factor per user, pending until its first code activates it
-- ----------------------------------------------------------------------------

create table private.mfa_factors (
  user_id uuid primary key references auth.users (id) on delete cascade,
  secret_id uuid not null,
  status text not null default 'pending',
  last_used_step bigint,
  enrolled_at timestamptz not null default now(),
  activated_at timestamptz,
  updated_at timestamptz not null default now(),
  constraint mfa_factors_status_known check (status in ('pending', 'active')),
  constraint mfa_factors_active_has_activation check ((status = 'active') = (activated_at is not null)),
  constraint mfa_factors_secret_unique unique (secret_id)
);
comment on table private.mfa_factors is
  'The TOTP factor of a user: pending after enrollment, active after the first valid code. secret_id is the vault.secrets row holding the base32 secret; last_used_step (unix time / 30) refuses a code that was already used.';
comment on column private.mfa_factors.secret_id is 'vault.secrets.id of the TOTP secret; deleted with the factor (trigger mfa_factors_drop_secret).';
create trigger mfa_factors_set_updated_at before update on private.mfa_factors
  for each row execute function private.set_updated_at();

-- A replaced or removed factor must not leave its secret behind in Vault.
create or replace function private.mfa_drop_replaced_secret() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' or old.secret_id is distinct from new.secret_id then
    delete from vault.secrets s where s.id = old.secret_id;
  end if;
  return null;
end
$$;
comment on function private.mfa_drop_replaced_secret is 'Deletes the Vault secret of a factor row that was deleted (disable, account deletion) or re-keyed (re-enrollment).';
-- Trigger function only: nobody calls it directly.
revoke all on function private.mfa_drop_replaced_secret() from public;

create trigger mfa_factors_drop_secret
  after update of secret_id or delete on private.mfa_factors
  for each row execute function private.mfa_drop_replaced_secret();

-- ----------------------------------------------------------------------------
-- Recovery codes: ten per activation, single use, stored as bcrypt hashes
-- ----------------------------------------------------------------------------

create table private.mfa_recovery_codes (
  id bigint generated always as identity primary key,
  user_id uuid not null references private.mfa_factors (user_id) on delete cascade,
  code_hash text not null,
  created_at timestamptz not null default now(),
  used_at timestamptz,
  constraint mfa_recovery_codes_bcrypt check (code_hash ~ '^\$2[abxy]\$\d\d\$.{53}$')
);
comment on table private.mfa_recovery_codes is
  'Single-use recovery codes, each a bcrypt hash with its own salt (pgcrypto crypt/gen_salt(''bf'')); the plain codes are shown once at activation and never stored.';
create index mfa_recovery_codes_user_id_unused_idx on private.mfa_recovery_codes (user_id) where used_at is null;

-- ----------------------------------------------------------------------------
-- Verified sessions: the sessions that passed the second factor
-- ----------------------------------------------------------------------------

create table private.mfa_verified_sessions (
  session_id uuid primary key references auth.sessions (id) on delete cascade,
  user_id uuid not null references private.mfa_factors (user_id) on delete cascade,
  method text not null,
  verified_at timestamptz not null default now(),
  constraint mfa_verified_sessions_method_known check (method in ('activation', 'totp', 'recovery'))
);
comment on table private.mfa_verified_sessions is
  'Sessions (JWT session_id) that passed the second factor. Gone when the auth session ends (sign-out, revocation, refresh-token reuse) or the factor is removed.';
create index mfa_verified_sessions_user_id_idx on private.mfa_verified_sessions (user_id);

-- ----------------------------------------------------------------------------
-- Attempts: every code submitted, for the lockout (5 failures / 15 minutes)
-- ----------------------------------------------------------------------------

create table private.mfa_attempts (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  purpose text not null,
  method text not null,
  outcome text not null,
  reason text,
  session_id uuid,
  attempted_at timestamptz not null default now(),
  constraint mfa_attempts_purpose_known check (purpose in ('activate', 'challenge', 'disable', 'regenerate', 'confirm')),
  constraint mfa_attempts_method_known check (method in ('totp', 'recovery')),
  constraint mfa_attempts_outcome_known check (outcome in ('ok', 'failed', 'locked'))
);
comment on table private.mfa_attempts is
  'Recent second-factor attempts per user (kept one day; the audit log keeps the history). Failures since the last success within 15 minutes drive the lockout.';
create index mfa_attempts_user_id_attempted_at_idx on private.mfa_attempts (user_id, attempted_at desc);

-- ----------------------------------------------------------------------------
-- Nobody but the owner: RLS on without policies, no grants to API roles
-- ----------------------------------------------------------------------------

alter table private.mfa_factors enable row level security;
alter table private.mfa_recovery_codes enable row level security;
alter table private.mfa_verified_sessions enable row level security;
alter table private.mfa_attempts enable row level security;
revoke all on private.mfa_factors, private.mfa_recovery_codes, private.mfa_verified_sessions, private.mfa_attempts
  from public, anon, authenticated, service_role;
