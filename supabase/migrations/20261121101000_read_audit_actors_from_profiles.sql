-- ============================================================================
-- Audit entries copy the actor's email and name from public.profiles (the app's
-- view of a user) now that profiles exist; auth.users remains the fallback for
-- a user whose profile is not written yet.
-- ============================================================================

create or replace function private.audit_actor_identity(p_user_id uuid, out email text, out name text)
language sql stable parallel safe security definer set search_path = ''
as $$
  select coalesce(p.email, u.email::text), nullif(coalesce(p.full_name, u.raw_user_meta_data ->> 'full_name'), '')
  from auth.users u
  left join public.profiles p on p.id = u.id
  where u.id = p_user_id
$$;
comment on function private.audit_actor_identity is 'Email and display name of an audit actor at the time of the event (profile first, auth.users as fallback).';
