-- ============================================================================
-- Custom access token hook (configured in supabase/config.toml): adds the
-- user's tenant roles and capabilities, compactly, and the super-admin flag.
-- The claims serve the UI's fast paths only; the database authorizes from
-- live tables on every request.
-- ============================================================================

-- { "<tenant_id>": { "r": [role keys], "c": capability bitmask } } for one user.
create or replace function private.tenant_claims_for(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_object_agg(t.tenant_id::text, jsonb_build_object('r', t.role_keys, 'c', t.mask)), '{}'::jsonb)
  from (
    select
      m.tenant_id,
      coalesce(array_agg(distinct r.key order by r.key) filter (where r.key is not null), '{}') as role_keys,
      coalesce((
        select sum(distinct (1::bigint << (array_position(private.capability_keys(), c) - 1)))
        from public.member_roles mr2
        join public.roles r2 on r2.id = mr2.role_id
        cross join lateral unnest(r2.capabilities) as c
        where mr2.tenant_id = m.tenant_id and mr2.user_id = m.user_id
      ), 0)::bigint as mask
    from public.tenant_members m
    left join public.member_roles mr on mr.tenant_id = m.tenant_id and mr.user_id = m.user_id
    left join public.roles r on r.id = mr.role_id
    where m.user_id = p_user_id
    group by m.tenant_id, m.user_id
  ) t
$$;
comment on function private.tenant_claims_for is 'Compact tenant roles and capability mask of a user, for the access token.';
grant execute on function private.tenant_claims_for(uuid) to supabase_auth_admin, service_role;

create or replace function private.is_user_super_admin(p_user_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$ select exists (select 1 from private.super_admins s where s.user_id = p_user_id) $$;
grant execute on function private.is_user_super_admin(uuid) to supabase_auth_admin, service_role;

-- GoTrue calls this with {user_id, claims, authentication_method} and uses the returned claims.
create or replace function public.custom_access_token_hook(event jsonb) returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  user_id uuid := (event ->> 'user_id')::uuid;
  claims jsonb := event -> 'claims';
begin
  claims := jsonb_set(claims, '{tenants}', private.tenant_claims_for(user_id));
  claims := jsonb_set(claims, '{super_admin}', to_jsonb(private.is_user_super_admin(user_id)));
  return jsonb_build_object('claims', claims);
end
$$;
comment on function public.custom_access_token_hook is 'GoTrue custom access token hook: tenant roles, capability masks, super-admin flag.';
grant usage on schema public to supabase_auth_admin;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
revoke execute on function public.custom_access_token_hook(jsonb) from authenticated, anon, public;
