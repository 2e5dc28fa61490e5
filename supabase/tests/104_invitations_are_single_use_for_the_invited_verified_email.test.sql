-- Rule: members with manage_members invite by email with roles they could grant
-- themselves (Viewers and Editors are refused and audited); the link token is stored
-- only hashed and never reaches the API; only the invited, verified email accepts or
-- declines, once, before expiry; managers revoke; a resend replaces the link.
begin;
select plan(48);

select tests.create_user('admin-104@example.test') as admin \gset
select tests.create_user('editor-104@example.test') as editor \gset
select tests.create_user('viewer-104@example.test') as viewer \gset
select tests.create_user('manager-104@example.test') as manager \gset
select tests.create_user('invitee-104@example.test') as invitee \gset
select tests.create_user('stranger-104@example.test') as stranger \gset
select tests.create_user('unverified-104@example.test', false) as unverified \gset
select tests.create_user('decliner-104@example.test') as decliner \gset
select tests.create_user('late-104@example.test') as late \gset

select tests.authenticate_as(:'admin');
select (public.create_tenant('Acme 104', 'acme-104', 'UTC', 'en') ->> 'id') as tenant \gset
select tests.clear_authentication();
select id as admin_role from public.roles where tenant_id = :'tenant' and key = 'admin' \gset
select id as editor_role from public.roles where tenant_id = :'tenant' and key = 'editor' \gset
select id as viewer_role from public.roles where tenant_id = :'tenant' and key = 'viewer' \gset
insert into public.roles (tenant_id, key, name, capabilities) values (:'tenant', 'people_ops', 'People ops', '{manage_members}')
  returning id as people_ops_role \gset
insert into public.tenant_members (tenant_id, user_id) select :'tenant', u from unnest(array[:'editor', :'viewer', :'manager']::uuid[]) as u;
insert into public.member_roles (tenant_id, user_id, role_id) values
  (:'tenant', :'editor', :'editor_role'), (:'tenant', :'viewer', :'viewer_role'), (:'tenant', :'manager', :'people_ops_role');

-- The `invitations` edge function calls private.prepare_invitation_mail as the table
-- owner with the caller's claims set, as it does over SUPABASE_DB_URL.
create function pg_temp.prepare_as(p_user uuid, p_invitation uuid) returns jsonb
language plpgsql as $$
begin
  perform set_config('request.jwt.claims', jsonb_build_object('sub', p_user, 'role', 'authenticated')::text, true);
  perform set_config('request.jwt.claim.sub', p_user::text, true);
  return private.prepare_invitation_mail(p_invitation);
end
$$;

-- ---------------------------------------------------------------------------
-- Inviting
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select (public.invite_member(:'tenant', ' Invitee-104@Example.test ', array[:'editor_role']::uuid[], 'http://127.0.0.1:5173/invitations/accept') ->> 'id') as invitation \gset
select is((select jsonb_build_object('email', email, 'status', status, 'role_ids', role_ids, 'invited_by', invited_by) from public.invitations where id = :'invitation'),
  jsonb_build_object('email', 'invitee-104@example.test', 'status', 'pending', 'role_ids', array[:'editor_role']::uuid[], 'invited_by', :'admin'),
  'allow: an Admin invites an email (lowercased) as Editor');
select ok((select expires_at between now() + interval '7 days' - interval '1 minute' and now() + interval '7 days' from public.invitations where id = :'invitation'),
  'the invitation expires in 7 days');

select tests.authenticate_as(:'viewer');
select is(public.invite_member(:'tenant', 'friend-104@example.test', array[:'viewer_role']::uuid[]) ->> 'code', 'FODEN', 'deny: a Viewer cannot invite');
select tests.authenticate_as(:'editor');
select is(public.invite_member(:'tenant', 'friend-104@example.test', array[:'viewer_role']::uuid[]) ->> 'code', 'FODEN', 'deny: an Editor cannot invite');
select tests.authenticate_as(:'manager');
select is(public.invite_member(:'tenant', 'friend-104@example.test', array[:'viewer_role']::uuid[]) ->> 'state', 'pending',
  'allow: a manager invites with a role within their capabilities');
select is(public.invite_member(:'tenant', 'boss-104@example.test', array[:'editor_role']::uuid[]) ->> 'code', 'FODEN',
  'deny: a manager cannot invite with capabilities they lack');
select is(public.invite_member(:'tenant', 'boss-104@example.test', array[:'admin_role']::uuid[]) ->> 'message',
  'Not allowed to invite member: only an Admin may grant or revoke the Admin role.', 'deny: only Admins invite Admins');
select tests.clear_authentication();
select is((select array_agg(actor_id order by actor_id) from audit.entries where action = 'invite_member' and outcome = 'denied' and tenant_id = :'tenant'),
  (select array_agg(u order by u) from unnest(array[:'viewer', :'editor', :'manager', :'manager']::uuid[]) as u),
  'the four refused invitations are audited with their actors');
select is((select count(*) from public.invitations where tenant_id = :'tenant' and email = 'boss-104@example.test'), 0::bigint,
  'refused invitations were not created');

select tests.authenticate_as(:'admin');
select is(tests.error_of(format('select public.invite_member(%L, %L, %L)', :'tenant', 'not-an-email', array[:'viewer_role']::uuid[])) -> 'details',
  '{"field": "email", "rule": "email"}'::jsonb, 'the email must be an address');
select is(tests.error_of(format('select public.invite_member(%L, %L, %L)', :'tenant', 'editor-104@example.test', array[:'viewer_role']::uuid[])) -> 'details',
  '{"field": "email", "rule": "already_member"}'::jsonb, 'members are not invited again');
select is(tests.error_of(format('select public.invite_member(%L, %L, %L)', :'tenant', 'invitee-104@example.test', array[:'viewer_role']::uuid[])) -> 'details',
  '{"field": "email", "rule": "already_invited"}'::jsonb, 'one pending invitation per address');
select is(tests.error_of(format('select public.invite_member(%L, %L, %L, %L)', :'tenant', 'x-104@example.test', array[:'viewer_role']::uuid[], 'javascript:alert(1)')) -> 'details',
  '{"field": "redirect_to", "rule": "url"}'::jsonb, 'the redirect must be an http(s) address');

-- ---------------------------------------------------------------------------
-- The link token: issued for the mail, stored hashed, never through the API
-- ---------------------------------------------------------------------------
select tests.clear_authentication();
select pg_temp.prepare_as(:'admin', :'invitation') as mail \gset
select tests.clear_authentication();
select (:'mail'::jsonb ->> 'token') as first_token \gset
select is((:'mail'::jsonb) - 'token' - 'invitation', '{"account": "existing", "role_names": ["Editor"], "tenant_name": "Acme 104", "inviter_name": "admin-104"}'::jsonb,
  'the mail names tenant, inviter and roles; the address has a verified account');
select ok(:'first_token' ~ '^[A-Za-z0-9_-]{43}$', 'the token has 256 random bits, base64url');
select is((select token_hash from private.invitation_tokens where invitation_id = :'invitation'), sha256(convert_to(:'first_token', 'UTF8')),
  'only its sha256 is stored');
select is((select count(*) from public.invitations i where to_jsonb(i)::text like '%' || :'first_token' || '%'), 0::bigint,
  'no invitation column holds the token');
select is((select send_count from public.invitations where id = :'invitation'), 1, 'the send is counted');

select tests.authenticate_as(:'admin');
select throws_ok(format('select private.prepare_invitation_mail(%L)', :'invitation'), '42501', null, 'deny: API roles cannot issue tokens');
select throws_ok('select token_hash from private.invitation_tokens', '42501', null, 'deny: API roles cannot read token hashes');
select tests.clear_authentication();
select is(pg_temp.prepare_as(:'viewer', :'invitation') ->> 'code', 'FODEN', 'deny: a Viewer cannot send invitations');
select tests.clear_authentication();

select pg_temp.prepare_as(:'admin', :'invitation') ->> 'token' as token \gset
select tests.clear_authentication();
select tests.authenticate_as(:'invitee');
select is(tests.error_of(format('select public.get_invitation(%L)', :'first_token')) -> 'details', '{"field": "token", "rule": "exists"}'::jsonb,
  'a resend replaces the link: the first token no longer works');

-- ---------------------------------------------------------------------------
-- Who sees invitations
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'manager');
select is((select count(*) from public.invitations where tenant_id = :'tenant'), 2::bigint, 'allow: members with manage_members see the tenant''s invitations');
select tests.authenticate_as(:'editor');
select is((select count(*) from public.invitations), 0::bigint, 'deny: other members do not');
select tests.authenticate_as(:'invitee');
select is((select array_agg(id) from public.invitations), array[:'invitation']::uuid[], 'allow: the invitee sees the invitation to their verified email');
select tests.authenticate_as(:'stranger');
select is((select count(*) from public.invitations), 0::bigint, 'deny: a stranger sees none');

-- ---------------------------------------------------------------------------
-- Accepting
-- ---------------------------------------------------------------------------
select is(public.get_invitation(:'token'), '{"email_matches": false, "email_hint": "i***@example.test", "reason": "the invitation was sent to another email address"}'::jsonb,
  'a stranger holding the link learns only which address to use');
select is(public.accept_invitation(:'token') ->> 'message', 'Not allowed to accept invitation: the invitation was sent to another email address.',
  'deny: a stranger cannot accept someone else''s invitation');
select tests.clear_authentication();
select is((select count(*) from audit.entries where action = 'accept_invitation' and outcome = 'denied' and actor_id = :'stranger'), 1::bigint,
  'the attempt is audited');

select tests.authenticate_as(:'invitee');
select is(public.get_invitation(:'token') #>> '{tenant,name}', 'Acme 104', 'the invitee sees which tenant invites them');
select is(public.accept_invitation(:'token') #> '{member,role_keys}', '["editor"]'::jsonb, 'allow: the invitee accepts and becomes an Editor');
select is((select count(*) from public.tenants where id = :'tenant'), 1::bigint, 'the new member sees the tenant');
select is(tests.error_of(format('select public.accept_invitation(%L)', :'token')) -> 'details', '{"field": "invitation", "rule": "accepted"}'::jsonb,
  'deny: an invitation is used once');
select tests.clear_authentication();
select is((select jsonb_build_object('status', status, 'accepted_by', accepted_by) from public.invitations where id = :'invitation'),
  jsonb_build_object('status', 'accepted', 'accepted_by', :'invitee'), 'the invitation records who accepted');

select tests.authenticate_as(:'invitee');
select is(tests.error_of(format('select public.accept_invitation(%L)', 'not-a-token')) ->> 'code', 'FONF0', 'a made-up token is not found');

-- ---------------------------------------------------------------------------
-- New and unverified addresses
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select (public.invite_member(:'tenant', 'brand-new-104@example.test', array[:'viewer_role']::uuid[]) ->> 'id') as new_invitation \gset
select (public.invite_member(:'tenant', 'unverified-104@example.test', array[:'viewer_role']::uuid[]) ->> 'id') as unverified_invitation \gset
select tests.clear_authentication();
select is(pg_temp.prepare_as(:'admin', :'new_invitation') ->> 'account', 'new', 'an address without an account gets GoTrue''s invite');
select pg_temp.prepare_as(:'admin', :'unverified_invitation') ->> 'token' as unverified_token \gset
select tests.clear_authentication();
select tests.authenticate_as(:'unverified');
select is(public.accept_invitation(:'unverified_token') ->> 'message', 'Not allowed to accept invitation: confirm your email address first.',
  'deny: an unverified account cannot accept, even for its own address');
select is((select count(*) from public.invitations), 0::bigint, 'nor see invitations to its unverified address');

-- ---------------------------------------------------------------------------
-- Declining, revoking, expiring
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'admin');
select (public.invite_member(:'tenant', 'decliner-104@example.test', array[:'viewer_role']::uuid[]) ->> 'id') as declined_invitation \gset
select (public.invite_member(:'tenant', 'late-104@example.test', array[:'viewer_role']::uuid[]) ->> 'id') as late_invitation \gset
select tests.clear_authentication();
select pg_temp.prepare_as(:'admin', :'declined_invitation') ->> 'token' as decline_token \gset
select pg_temp.prepare_as(:'admin', :'late_invitation') ->> 'token' as late_token \gset
select tests.clear_authentication();

select tests.authenticate_as(:'stranger');
select is(public.decline_invitation(:'decline_token') ->> 'code', 'FODEN', 'deny: only the invitee declines');
select tests.authenticate_as(:'decliner');
select is(public.decline_invitation(:'decline_token') ->> 'status', 'declined', 'allow: the invitee declines');
select is(tests.error_of(format('select public.accept_invitation(%L)', :'decline_token')) #>> '{details,rule}', 'declined',
  'a declined invitation cannot be accepted');

select tests.authenticate_as(:'viewer');
select is(public.revoke_invitation(:'unverified_invitation') ->> 'code', 'FODEN', 'deny: a Viewer cannot revoke invitations');
select tests.authenticate_as(:'manager');
select is(public.revoke_invitation(:'unverified_invitation') ->> 'status', 'revoked', 'allow: a manager revokes a pending invitation');
select is(tests.error_of(format('select public.revoke_invitation(%L)', :'unverified_invitation')) #>> '{details,rule}', 'pending',
  'only pending invitations are revoked');

select tests.clear_authentication();
update public.invitations set expires_at = now() - interval '1 minute' where id = :'late_invitation';
select tests.authenticate_as(:'late');
select is(tests.error_of(format('select public.accept_invitation(%L)', :'late_token')) #>> '{details,rule}', 'expired',
  'deny: an expired invitation cannot be accepted');
select tests.clear_authentication();
select ok(private.expire_invitations() >= 1, 'the job marks expired invitations');
select is((select status from public.invitations where id = :'late_invitation'), 'expired', 'the invitation is expired');
select tests.authenticate_as(:'admin');
select is(public.invite_member(:'tenant', 'late-104@example.test', array[:'viewer_role']::uuid[]) ->> 'state', 'pending',
  'an expired address can be invited again');

select * from finish();
rollback;
