-- ============================================================================
-- Demo fixtures for local development (`npm run dev`, `npm run stack -- db reset`).
-- Fixed UUIDs, no real secrets. Lines starting with `-- demo-login:` are printed
-- by `npm run dev` as the logins to try.
-- ============================================================================

-- demo-login: demo@flexoffice.local / flexoffice-demo

-- A confirmed email/password user, written the way GoTrue writes one, so it signs in
-- through the normal password flow (also on a hosted project's seed).
insert into auth.users (
  instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at,
  confirmation_token, recovery_token, email_change_token_new, email_change, email_change_token_current,
  phone_change, phone_change_token, reauthentication_token
) values (
  '00000000-0000-0000-0000-000000000000', 'd0000000-0000-4000-8000-000000000001', 'authenticated', 'authenticated',
  'demo@flexoffice.local', extensions.crypt('flexoffice-demo', extensions.gen_salt('bf', 10)), now(),
  '{"provider": "email", "providers": ["email"]}', '{"full_name": "Demo User"}', now(), now(),
  '', '', '', '', '', '', '', ''
) on conflict (id) do nothing;

insert into auth.identities (id, provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
values (
  'd0000000-0000-4000-8000-000000000101', 'd0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001',
  '{"sub": "d0000000-0000-4000-8000-000000000001", "email": "demo@flexoffice.local", "email_verified": true, "phone_verified": false}',
  'email', now(), now(), now()
) on conflict do nothing;
