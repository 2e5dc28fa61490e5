-- ============================================================================
-- Invitation RPCs. invite_member records an invitation; the `invitations` edge
-- function then issues its link token (private.prepare_invitation_mail, over
-- the function's own database connection) and mails it: existing users get
-- an invitation mail over SMTP, new users GoTrue's invite (account + link).
-- The invitee accepts or declines with the token while signed in with the
-- invited, verified email. Managers revoke. Reads go through RLS.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Shapes and checks
-- ----------------------------------------------------------------------------

-- pending | accepted | declined | revoked | expired, counting a passed expiry the job has not marked yet.
create or replace function private.invitation_state(p_invitation public.invitations) returns text
language sql stable set search_path = ''
as $$ select case when p_invitation.status = 'pending' and p_invitation.expires_at <= now() then 'expired' else p_invitation.status end $$;
grant execute on function private.invitation_state(public.invitations) to authenticated, service_role;

-- The invitation as RPCs answer it (never a token).
create or replace function private.invitation_json(p_invitation public.invitations) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select to_jsonb(p_invitation)
    || jsonb_build_object('state', private.invitation_state(p_invitation), 'role_keys', to_jsonb(private.role_keys(p_invitation.role_ids)))
$$;
revoke all on function private.invitation_json(public.invitations) from public;

-- "jane@example.com" -> "j***@example.com": tells a signed-in user with another address
-- which account to use without disclosing the whole address.
create or replace function private.mask_email(p_email text) returns text
language sql immutable parallel safe set search_path = ''
as $$ select left(p_email, 1) || '***@' || split_part(p_email, '@', 2) $$;
grant execute on function private.mask_email(text) to authenticated, service_role;

-- Refuses an invitation that is no longer open, naming why.
create or replace function private.assert_invitation_open(p_invitation public.invitations) returns void
language plpgsql stable set search_path = ''
as $$
begin
  case private.invitation_state(p_invitation)
    when 'pending' then
      return;
    when 'accepted' then
      perform private.raise_error(409, 'FOCON', 'This invitation has already been accepted.', 'invitation', 'accepted');
    when 'declined' then
      perform private.raise_error(409, 'FOCON', 'This invitation was declined.', 'invitation', 'declined');
    when 'revoked' then
      perform private.raise_error(409, 'FOCON', 'This invitation was revoked.', 'invitation', 'revoked');
    else
      perform private.raise_error(409, 'FOCON', 'This invitation has expired; ask for a new one.', 'invitation', 'expired');
  end case;
end
$$;
revoke all on function private.assert_invitation_open(public.invitations) from public;

-- The invitation a link token belongs to, locked; 404 for unknown or replaced tokens.
create or replace function private.invitation_by_token(p_token text) returns public.invitations
language plpgsql volatile security definer set search_path = ''
as $$
declare
  inv public.invitations;
begin
  select i.* into inv
  from private.invitation_tokens t
  join public.invitations i on i.id = t.invitation_id
  where t.token_hash = private.invitation_token_hash(p_token)
  for update of i;
  if inv.id is null then
    perform private.raise_error(404, 'FONF0',
      'This invitation link is not valid (a newer mail may have replaced it).', 'token', 'exists');
  end if;
  return inv;
end
$$;
revoke all on function private.invitation_by_token(text) from public;

-- Null when the caller may answer the invitation (their verified email is the invited
-- one), else why not.
create or replace function private.invitee_problem(p_invitation public.invitations) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  v_email text;
  v_verified boolean;
begin
  select lower(u.email), u.email_confirmed_at is not null into v_email, v_verified from auth.users u where u.id = auth.uid();
  if not coalesce(v_verified, false) then
    return 'confirm your email address first';
  end if;
  if v_email is distinct from p_invitation.email then
    return 'the invitation was sent to another email address';
  end if;
  return null;
end
$$;
revoke all on function private.invitee_problem(public.invitations) from public;

-- ----------------------------------------------------------------------------
-- invite_member
-- ----------------------------------------------------------------------------

create or replace function private.invite_member(p_tenant_id uuid, p_email text, p_role_ids uuid[], p_redirect_to text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  v_email text := lower(btrim(coalesce(p_email, '')));
  v_redirect text := nullif(btrim(coalesce(p_redirect_to, '')), '');
  v_roles uuid[];
  denied jsonb;
  problem text;
  inv public.invitations;
begin
  denied := private.check_capability(p_tenant_id, 'manage_members', 'invite_member', 'invitation', v_email);
  if denied is not null then
    return denied;
  end if;
  if length(v_email) > 254 or v_email !~ '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
    perform private.raise_error(422, 'FOVAL', 'The email must be an email address such as jane@example.com.', 'email', 'email');
  end if;
  v_roles := private.assert_role_ids(p_tenant_id, p_role_ids);
  if v_redirect is not null and (length(v_redirect) > 2000 or v_redirect !~ '^https?://[^\s#]+$') then
    perform private.raise_error(422, 'FOVAL',
      'The redirect must be an http(s) address of the app, without a #fragment.', 'redirect_to', 'url');
  end if;
  problem := private.role_grant_problem(p_tenant_id, v_roles);
  if problem is not null then
    return private.deny(p_tenant_id, 'invite_member', 'invitation', v_email, problem);
  end if;
  if exists (
    select 1 from public.tenant_members m join auth.users u on u.id = m.user_id
    where m.tenant_id = p_tenant_id and lower(u.email) = v_email
  ) then
    perform private.raise_error(409, 'FOCON', format('%s is already a member of this tenant.', v_email), 'email', 'already_member');
  end if;

  update public.invitations i set status = 'expired', responded_at = i.expires_at
  where i.tenant_id = p_tenant_id and i.email = v_email and i.status = 'pending' and i.expires_at <= now();
  begin
    insert into public.invitations (tenant_id, email, role_ids, redirect_to, invited_by, created_by)
    values (p_tenant_id, v_email, v_roles, v_redirect, uid, uid)
    returning * into inv;
  exception when unique_violation then
    perform private.raise_error(409, 'FOCON',
      format('%s already has a pending invitation; send it again or revoke it first.', v_email), 'email', 'already_invited');
  end;
  return private.invitation_json(inv);
end
$$;
grant execute on function private.invite_member(uuid, text, uuid[], text) to authenticated;

create or replace function public.invite_member(p_tenant_id uuid, p_email text, p_role_ids uuid[], p_redirect_to text default null)
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.invite_member(p_tenant_id, p_email, p_role_ids, p_redirect_to) $$;
comment on function public.invite_member is
  'Invites an email into the tenant with roles (needs manage_members; no role beyond the inviter''s capabilities unless Admin). The app then calls the `invitations` function to mail the link.';
grant execute on function public.invite_member(uuid, text, uuid[], text) to authenticated;

-- The invitation, locked for the change about to be made, when it belongs to one of the
-- caller's tenants; a 404 otherwise (an invitation of another tenant is not visible).
create or replace function private.lock_visible_invitation(p_invitation_id uuid) returns public.invitations
language plpgsql volatile security definer set search_path = ''
as $$
declare
  inv public.invitations;
begin
  select i.* into inv from public.invitations i
  where i.id = p_invitation_id and i.tenant_id in (select private.tenant_ids_for_user())
  for update;
  if inv.id is null then
    perform private.raise_error(404, 'FONF0', 'No such invitation.', 'invitation_id', 'exists');
  end if;
  return inv;
end
$$;
revoke all on function private.lock_visible_invitation(uuid) from public;

-- ----------------------------------------------------------------------------
-- Mailing (for the `invitations` edge function only)
-- ----------------------------------------------------------------------------

-- Issues a new link token for a pending invitation (earlier links stop working and the
-- invitation runs 7 more days) and returns what the mail needs, including the raw token
-- and whether the address already has a verified account ('existing': invitation mail)
-- or not ('new': GoTrue's invite creates the account). The caller is the signed-in user
-- whose claims the function set; they need manage_members in the invitation's tenant.
-- Owner-only: the raw token must never reach the API.
create or replace function private.prepare_invitation_mail(p_invitation_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  inv public.invitations;
  denied jsonb;
  token text;
begin
  perform private.require_user();
  inv := private.lock_visible_invitation(p_invitation_id);
  denied := private.check_capability(inv.tenant_id, 'manage_members', 'send_invitation', 'invitation', inv.id::text);
  if denied is not null then
    return denied;
  end if;
  perform private.assert_invitation_open(inv);

  token := private.new_invitation_token();
  insert into private.invitation_tokens (invitation_id, token_hash)
  values (inv.id, private.invitation_token_hash(token))
  on conflict (invitation_id) do update set token_hash = excluded.token_hash, created_at = now();
  update public.invitations i set expires_at = now() + interval '7 days', last_sent_at = now(), send_count = i.send_count + 1
  where i.id = inv.id
  returning * into inv;

  return jsonb_build_object(
    'token', token,
    'invitation', private.invitation_json(inv),
    'tenant_name', (select t.name from public.tenants t where t.id = inv.tenant_id),
    'inviter_name', (select coalesce(nullif(p.full_name, ''), p.email) from public.profiles p where p.id = inv.invited_by),
    'role_names', (select coalesce(jsonb_agg(r.name order by r.name), '[]') from public.roles r where r.id = any (inv.role_ids)),
    'account', case when exists (
      select 1 from auth.users u where lower(u.email) = inv.email and u.email_confirmed_at is not null
    ) then 'existing' else 'new' end
  );
end
$$;
comment on function private.prepare_invitation_mail is
  'For the invitations edge function: issues a fresh link token (returned raw, stored hashed) and the mail''s details.';
revoke all on function private.prepare_invitation_mail(uuid) from public;

-- ----------------------------------------------------------------------------
-- The invitee: look, accept, decline
-- ----------------------------------------------------------------------------

-- What the accept page shows. Details only for the invited (verified) address; anyone
-- else signed in learns which address to use, masked.
create or replace function private.get_invitation(p_token text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  inv public.invitations;
  problem text;
begin
  perform private.require_user();
  inv := private.invitation_by_token(p_token);
  problem := private.invitee_problem(inv);
  if problem is not null then
    return jsonb_build_object('email_matches', false, 'email_hint', private.mask_email(inv.email), 'reason', problem);
  end if;
  return jsonb_build_object(
    'email_matches', true,
    'id', inv.id,
    'email', inv.email,
    'state', private.invitation_state(inv),
    'expires_at', inv.expires_at,
    'tenant', (select jsonb_build_object('id', t.id, 'name', t.name, 'slug', t.slug) from public.tenants t where t.id = inv.tenant_id),
    'invited_by', (select jsonb_build_object('name', p.full_name, 'email', p.email) from public.profiles p where p.id = inv.invited_by),
    'roles', (select coalesce(jsonb_agg(jsonb_build_object('id', r.id, 'key', r.key, 'name', r.name) order by r.name), '[]')
              from public.roles r where r.id = any (inv.role_ids))
  );
end
$$;
grant execute on function private.get_invitation(text) to authenticated;

create or replace function public.get_invitation(p_token text) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.get_invitation(p_token) $$;
comment on function public.get_invitation is
  'The invitation behind a link token, for the accept page: tenant, inviter and roles when the caller''s verified email is the invited one.';
grant execute on function public.get_invitation(text) to authenticated;

-- Joins the tenant with the invited roles. Single use; refused when expired, for another
-- address, or before the email is verified.
create or replace function private.accept_invitation(p_token text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  inv public.invitations;
  problem text;
  roles uuid[];
begin
  inv := private.invitation_by_token(p_token);
  problem := private.invitee_problem(inv);
  if problem is not null then
    return private.deny(inv.tenant_id, 'accept_invitation', 'invitation', inv.id::text, problem);
  end if;
  perform private.assert_invitation_open(inv);
  roles := array(select r.id from public.roles r where r.tenant_id = inv.tenant_id and r.id = any (inv.role_ids));
  if cardinality(roles) = 0 then
    perform private.raise_error(409, 'FOCON', 'The roles of this invitation no longer exist; ask for a new invitation.', 'invitation', 'roles_gone');
  end if;

  insert into public.tenant_members (tenant_id, user_id, created_by) values (inv.tenant_id, uid, uid)
  on conflict (tenant_id, user_id) do nothing;
  insert into public.member_roles (tenant_id, user_id, role_id, created_by)
  select inv.tenant_id, uid, r, inv.invited_by from unnest(roles) as r
  on conflict (tenant_id, user_id, role_id) do nothing;
  update public.invitations i set status = 'accepted', accepted_by = uid, responded_at = now()
  where i.id = inv.id
  returning * into inv;

  return jsonb_build_object(
    'invitation', private.invitation_json(inv),
    'tenant', (select jsonb_build_object('id', t.id, 'name', t.name, 'slug', t.slug) from public.tenants t where t.id = inv.tenant_id),
    'member', private.member_json(inv.tenant_id, uid)
  );
end
$$;
grant execute on function private.accept_invitation(text) to authenticated;

create or replace function public.accept_invitation(p_token text) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.accept_invitation(p_token) $$;
comment on function public.accept_invitation is
  'Accepts an invitation by its link token: the caller (verified email = invited email) joins the tenant with the invited roles.';
grant execute on function public.accept_invitation(text) to authenticated;

create or replace function private.decline_invitation(p_token text) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  inv public.invitations;
  problem text;
begin
  perform private.require_user();
  inv := private.invitation_by_token(p_token);
  problem := private.invitee_problem(inv);
  if problem is not null then
    return private.deny(inv.tenant_id, 'decline_invitation', 'invitation', inv.id::text, problem);
  end if;
  perform private.assert_invitation_open(inv);
  update public.invitations i set status = 'declined', responded_at = now()
  where i.id = inv.id
  returning * into inv;
  return private.invitation_json(inv);
end
$$;
grant execute on function private.decline_invitation(text) to authenticated;

create or replace function public.decline_invitation(p_token text) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.decline_invitation(p_token) $$;
comment on function public.decline_invitation is 'Declines an invitation by its link token (the caller''s verified email must be the invited one).';
grant execute on function public.decline_invitation(text) to authenticated;

-- ----------------------------------------------------------------------------
-- The tenant: revoke
-- ----------------------------------------------------------------------------

create or replace function private.revoke_invitation(p_invitation_id uuid) returns jsonb
language plpgsql volatile security definer set search_path = ''
as $$
declare
  inv public.invitations;
  denied jsonb;
begin
  perform private.require_user();
  inv := private.lock_visible_invitation(p_invitation_id);
  denied := private.check_capability(inv.tenant_id, 'manage_members', 'revoke_invitation', 'invitation', inv.id::text);
  if denied is not null then
    return denied;
  end if;
  if inv.status <> 'pending' then
    perform private.raise_error(409, 'FOCON', format('Only pending invitations can be revoked; this one is %s.', inv.status),
      'invitation_id', 'pending');
  end if;
  update public.invitations i set status = 'revoked', responded_at = now()
  where i.id = inv.id
  returning * into inv;
  return private.invitation_json(inv);
end
$$;
grant execute on function private.revoke_invitation(uuid) to authenticated;

create or replace function public.revoke_invitation(p_invitation_id uuid) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.revoke_invitation(p_invitation_id) $$;
comment on function public.revoke_invitation is 'Revokes a pending invitation (needs manage_members); its link stops working.';
grant execute on function public.revoke_invitation(uuid) to authenticated;
