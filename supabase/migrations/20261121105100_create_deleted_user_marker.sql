-- ============================================================================
-- The deleted-user marker: one real auth.users row (fixed id, no email, no
-- password, banned forever, named "Deleted user") that authorship columns
-- (created_by, invited_by, ...) point to once their author deleted the
-- account. Business records in shared tenants keep a valid author, and the app
-- renders it as "Deleted user" without knowing who it was.
-- See docs/account-deletion.md.
-- ============================================================================

create or replace function private.deleted_user_id() returns uuid
language sql immutable parallel safe set search_path = ''
as $$ select '00000000-0000-4000-8000-00000000dead'::uuid $$;
comment on function private.deleted_user_id is 'The id of the deleted-user marker that authorship of a deleted account''s kept records points to.';
grant execute on function private.deleted_user_id() to authenticated, service_role;

-- The profile comes from the auth.users trigger (email null, full name "Deleted user").
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, banned_until,
  created_at, updated_at, raw_app_meta_data, raw_user_meta_data, is_sso_user, is_anonymous
)
values (
  '00000000-0000-0000-0000-000000000000', private.deleted_user_id(), 'authenticated', 'authenticated', null, null, null, 'infinity',
  now(), now(), '{"deleted_user_marker": true}', '{"full_name": "Deleted user"}', false, false
)
on conflict (id) do nothing;

-- ----------------------------------------------------------------------------
-- The marker cannot be deleted (every kept record of every deleted account points to it)
-- ----------------------------------------------------------------------------

create or replace function private.protect_deleted_user_marker() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform private.raise_error(409, 'FOCON', 'The deleted-user marker cannot be deleted: kept records of deleted accounts point to it.',
    'user_id', 'deleted_user_marker');
  return null;
end
$$;
comment on function private.protect_deleted_user_marker is 'Refuses deleting the deleted-user marker (trigger on auth.users).';
revoke all on function private.protect_deleted_user_marker() from public;

create trigger protect_deleted_user_marker
  before delete on auth.users
  for each row when (old.id = '00000000-0000-4000-8000-00000000dead'::uuid)
  execute function private.protect_deleted_user_marker();

-- ----------------------------------------------------------------------------
-- Policies
-- ----------------------------------------------------------------------------

-- SELECT(profiles): every signed-in user sees the marker's profile, so kept records authored by a deleted account show "Deleted user".
create policy profiles_select_deleted_user on public.profiles
  for select to authenticated
  using (id = private.deleted_user_id());
