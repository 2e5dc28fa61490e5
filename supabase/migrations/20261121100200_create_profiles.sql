-- ============================================================================
-- Profiles: one row per auth.users row, kept in step by triggers, so the app
-- never reads auth.users directly. registered_at drives the 2FA 30-day rule.
-- ============================================================================

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text,
  full_name text not null default '' check (length(full_name) <= 200),
  avatar_url text check (avatar_url is null or avatar_url ~ '^https?://'),
  registered_at timestamptz not null default now(),
  email_verified boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'Public face of a user (name, avatar, email), one per auth.users row, maintained by triggers.';
create index profiles_email_idx on public.profiles (lower(email));
create trigger profiles_set_updated_at before update on public.profiles
  for each row execute function private.set_updated_at();

alter table public.profiles enable row level security;
revoke insert, delete, truncate, references, trigger on public.profiles from anon, authenticated;
revoke update on public.profiles from anon, authenticated;
grant update (full_name, avatar_url) on public.profiles to authenticated;

-- ----------------------------------------------------------------------------
-- Sync from auth.users
-- ----------------------------------------------------------------------------

-- Creates or refreshes the profile when GoTrue writes the user (signup, OAuth, email change, confirmation).
create or replace function private.sync_profile_from_auth_user() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, email, full_name, avatar_url, registered_at, email_verified)
  values (
    new.id,
    new.email,
    coalesce(left(nullif(coalesce(new.raw_user_meta_data ->> 'full_name', new.raw_user_meta_data ->> 'name'), ''), 200), ''),
    case when new.raw_user_meta_data ->> 'avatar_url' ~ '^https?://' then new.raw_user_meta_data ->> 'avatar_url' end,
    coalesce(new.created_at, now()),
    new.email_confirmed_at is not null
  )
  on conflict (id) do update set
    email = excluded.email,
    email_verified = excluded.email_verified,
    full_name = case when public.profiles.full_name = '' then excluded.full_name else public.profiles.full_name end,
    avatar_url = coalesce(public.profiles.avatar_url, excluded.avatar_url);
  return new;
end
$$;

create trigger on_auth_user_saved
  after insert or update of email, email_confirmed_at, raw_user_meta_data on auth.users
  for each row execute function private.sync_profile_from_auth_user();

-- ----------------------------------------------------------------------------
-- Policies (co-members' visibility is added with memberships)
-- ----------------------------------------------------------------------------

-- SELECT(profiles): every user sees their own profile.
create policy profiles_select_self on public.profiles
  for select to authenticated
  using (id = (select auth.uid()));

-- UPDATE(profiles): users edit their own name and avatar (column grants limit the rest).
create policy profiles_update_self on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));
