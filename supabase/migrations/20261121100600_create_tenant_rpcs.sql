-- ============================================================================
-- Tenant RPCs: suggest a slug, create a tenant (its creator becomes Admin),
-- change its settings, delete it. Only verified users may create tenants.
-- Public wrappers are security invoker; bodies run as definer in `private`.
-- ============================================================================

-- ----------------------------------------------------------------------------
-- Caller checks
-- ----------------------------------------------------------------------------

-- The signed-in user of a live, trusted session, or a 401 error: every RPC starts here, so
-- a revoked or idle session, or one the 2FA policy does not trust yet, can do nothing.
create or replace function private.require_user() returns uuid
language plpgsql stable set search_path = ''
as $$
declare
  uid uuid := auth.uid();
begin
  if uid is null then
    perform private.raise_error(401, 'FOAUT', 'Sign in first.', null, 'signed_in');
  end if;
  if not private.session_is_active() then
    perform private.raise_error(401, 'FOAUT', 'Your session has ended or expired. Sign in again.', null, 'session_active');
  end if;
  if not private.session_is_trusted() then
    perform private.raise_error(401, 'FOAUT',
      'Two-factor authentication is required first: enroll, or enter a code from your authenticator app.', null, 'second_factor');
  end if;
  return uid;
end
$$;
grant execute on function private.require_user() to authenticated, service_role;

create or replace function private.is_verified_user(p_user_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$ select exists (select 1 from auth.users u where u.id = p_user_id and u.email_confirmed_at is not null) $$;
grant execute on function private.is_verified_user(uuid) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Validation: one message per field and rule
-- ----------------------------------------------------------------------------

create or replace function private.assert_tenant_field(p_field text, p_value jsonb) returns void
language plpgsql stable set search_path = ''
as $$
declare
  v text := p_value #>> '{}';
begin
  case p_field
    when 'name' then
      if v is null or length(btrim(v)) not between 1 and 100 then
        perform private.raise_error(422, 'FOVAL', 'The tenant name must be 1 to 100 characters long.', 'name', 'length');
      end if;
    when 'slug' then
      if v is null or v !~ private.slug_rule() then
        perform private.raise_error(422, 'FOVAL',
          'The slug must be 3 to 48 lowercase letters, digits or single hyphens, starting and ending with a letter or digit.', 'slug', 'format');
      elsif v = any (private.reserved_slugs()) then
        perform private.raise_error(422, 'FOVAL', format('The slug "%s" is reserved; choose another.', v), 'slug', 'reserved');
      end if;
    when 'timezone' then
      if v is null or not private.is_valid_timezone(v) then
        perform private.raise_error(422, 'FOVAL', format('"%s" is not an IANA time zone such as "Europe/Berlin".', coalesce(v, '')), 'timezone', 'iana');
      end if;
    when 'language' then
      if v is null or not (v = any (private.supported_languages())) then
        perform private.raise_error(422, 'FOVAL',
          format('The language must be one of: %s.', array_to_string(private.supported_languages(), ', ')), 'language', 'supported');
      end if;
    when 'support_email' then
      if v is not null and v !~* '^[^@\s]+@[^@\s]+\.[^@\s]+$' then
        perform private.raise_error(422, 'FOVAL', 'The support email must be an email address.', 'support_email', 'email');
      end if;
    when 'session_timeout_minutes' then
      if v is not null and (v !~ '^\d+$' or v::bigint not between 5 and 43200) then
        perform private.raise_error(422, 'FOVAL',
          'The session inactivity timeout must be a whole number of minutes from 5 to 43200 (30 days), or empty for none.', 'session_timeout_minutes', 'range');
      end if;
    when 'audit_retention_days' then
      if v is null or v !~ '^\d+$' or v::bigint < 365 or v::bigint > 36500 then
        perform private.raise_error(422, 'FOVAL', 'Audit entries must be kept at least 365 days (and at most 100 years).', 'audit_retention_days', 'minimum');
      end if;
    when 'modules' then
      if jsonb_typeof(p_value) <> 'array'
         or exists (select 1 from jsonb_array_elements(p_value) e where jsonb_typeof(e) <> 'string' or not (e #>> '{}' = any (private.module_keys()))) then
        perform private.raise_error(422, 'FOVAL',
          format('Modules must be a list drawn from: %s.', array_to_string(private.module_keys(), ', ')), 'modules', 'known');
      end if;
    else
      perform private.raise_error(422, 'FOVAL', format('"%s" is not a tenant setting.', p_field), p_field, 'unknown_field');
  end case;
end
$$;
grant execute on function private.assert_tenant_field(text, jsonb) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Slugs
-- ----------------------------------------------------------------------------

-- Lowercase ASCII with single hyphens, from any name ("Zürich Café & Co" -> "zurich-cafe-co").
create or replace function private.slugify(p_text text) returns text
language sql immutable parallel safe set search_path = ''
as $$
  select btrim(regexp_replace(
    translate(replace(lower(coalesce(p_text, '')), 'ß', 'ss'),
      'àáâãäåāăąçćčďèéêëēėęěìíîïīįłñńňòóôõöøōőŕřśšşťùúûüūůűųýÿžźż',
      'aaaaaaaaacccdeeeeeeeeiiiiiilnnnoooooooorrssstuuuuuuuuyyzzz'),
    '[^a-z0-9]+', '-', 'g'), '-')
$$;
grant execute on function private.slugify(text) to authenticated, service_role;

create or replace function private.suggest_tenant_slug(p_name text) returns text
language plpgsql stable security definer set search_path = ''
as $$
declare
  base text := left(private.slugify(p_name), 40);
  candidate text;
  n integer := 1;
begin
  base := btrim(base, '-');
  if length(base) < 3 then base := rpad(coalesce(nullif(base, ''), 'team'), 3, '0'); end if;
  if base = any (private.reserved_slugs()) then base := base || '-team'; end if;
  candidate := base;
  while exists (select 1 from public.tenants t where t.slug = candidate) loop
    n := n + 1;
    candidate := base || '-' || n;
  end loop;
  return candidate;
end
$$;
grant execute on function private.suggest_tenant_slug(text) to authenticated, service_role;

create or replace function public.suggest_tenant_slug(p_name text) returns text
language sql stable security invoker set search_path = ''
as $$ select private.suggest_tenant_slug(p_name) $$;
comment on function public.suggest_tenant_slug is 'A free, valid slug derived from a tenant name.';
grant execute on function public.suggest_tenant_slug(text) to authenticated;

-- ----------------------------------------------------------------------------
-- Create
-- ----------------------------------------------------------------------------

create or replace function private.create_tenant(p_name text, p_slug text, p_timezone text, p_language text) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  v_slug text := coalesce(nullif(btrim(p_slug), ''), private.suggest_tenant_slug(p_name));
  tenant public.tenants;
begin
  if not private.is_verified_user(uid) then
    return private.deny(null, 'create_tenant', 'tenant', null, 'confirm your email address first');
  end if;
  perform private.assert_tenant_field('name', to_jsonb(p_name));
  perform private.assert_tenant_field('slug', to_jsonb(v_slug));
  perform private.assert_tenant_field('timezone', to_jsonb(p_timezone));
  perform private.assert_tenant_field('language', to_jsonb(p_language));
  if exists (select 1 from public.tenants t where t.slug = v_slug) then
    perform private.raise_error(409, 'FOCON', format('The slug "%s" is taken; try "%s".', v_slug, private.suggest_tenant_slug(v_slug)), 'slug', 'unique');
  end if;

  insert into public.tenants (name, slug, timezone, language, created_by)
  values (btrim(p_name), v_slug, p_timezone, p_language, uid)
  returning * into tenant;
  insert into public.tenant_members (tenant_id, user_id, created_by) values (tenant.id, uid, uid);
  insert into public.member_roles (tenant_id, user_id, role_id, created_by)
  select tenant.id, uid, r.id, uid from public.roles r where r.tenant_id = tenant.id and r.key = 'admin';
  return to_jsonb(tenant);
end
$$;
grant execute on function private.create_tenant(text, text, text, text) to authenticated;

create or replace function public.create_tenant(p_name text, p_slug text default null, p_timezone text default 'UTC', p_language text default 'en')
returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.create_tenant(p_name, p_slug, p_timezone, p_language) $$;
comment on function public.create_tenant is 'Creates a tenant; the caller (a verified user) becomes its Admin. The slug is suggested when omitted.';
grant execute on function public.create_tenant(text, text, text, text) to authenticated;

-- ----------------------------------------------------------------------------
-- Update settings
-- ----------------------------------------------------------------------------

-- Validates and applies tenant setting changes, for callers that have already authorized them
-- (tenant Admins through update_tenant, super admins through admin_update_tenant).
-- p_changes: any of name, slug, timezone, language, support_email, session_timeout_minutes,
-- audit_retention_days, modules. Unknown keys are refused, not ignored.
create or replace function private.apply_tenant_changes(p_tenant_id uuid, p_changes jsonb) returns public.tenants
language plpgsql
security definer
set search_path = ''
as $$
declare
  field text;
  tenant public.tenants;
begin
  if p_changes is null or jsonb_typeof(p_changes) <> 'object' or p_changes = '{}'::jsonb then
    perform private.raise_error(422, 'FOVAL', 'Send at least one setting to change, as an object.', 'changes', 'object');
  end if;
  for field in select jsonb_object_keys(p_changes) loop
    perform private.assert_tenant_field(field, p_changes -> field);
  end loop;
  if p_changes ? 'slug' and exists (select 1 from public.tenants t where t.slug = p_changes ->> 'slug' and t.id <> p_tenant_id) then
    perform private.raise_error(409, 'FOCON', format('The slug "%s" is taken.', p_changes ->> 'slug'), 'slug', 'unique');
  end if;

  update public.tenants t set
    name = case when p_changes ? 'name' then btrim(p_changes ->> 'name') else t.name end,
    slug = coalesce(p_changes ->> 'slug', t.slug),
    timezone = coalesce(p_changes ->> 'timezone', t.timezone),
    language = coalesce(p_changes ->> 'language', t.language),
    support_email = case when p_changes ? 'support_email' then p_changes ->> 'support_email' else t.support_email end,
    session_timeout_minutes = case when p_changes ? 'session_timeout_minutes' then (p_changes ->> 'session_timeout_minutes')::integer else t.session_timeout_minutes end,
    audit_retention_days = coalesce((p_changes ->> 'audit_retention_days')::integer, t.audit_retention_days),
    modules = case when p_changes ? 'modules' then array(select distinct jsonb_array_elements_text(p_changes -> 'modules') order by 1) else t.modules end
  where t.id = p_tenant_id
  returning * into tenant;
  return tenant;
end
$$;
comment on function private.apply_tenant_changes is 'Validates and applies tenant settings; callers authorize first.';

create or replace function private.update_tenant(p_tenant_id uuid, p_changes jsonb) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  denied jsonb := private.check_capability(p_tenant_id, 'manage_settings', 'update_tenant', 'tenant', p_tenant_id::text);
begin
  if denied is not null then
    return denied;
  end if;
  return to_jsonb(private.apply_tenant_changes(p_tenant_id, p_changes));
end
$$;
grant execute on function private.update_tenant(uuid, jsonb) to authenticated;

create or replace function public.update_tenant(p_tenant_id uuid, p_changes jsonb) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.update_tenant(p_tenant_id, p_changes) $$;
comment on function public.update_tenant is 'Changes tenant settings (needs manage_settings); every field is validated and named in errors.';
grant execute on function public.update_tenant(uuid, jsonb) to authenticated;

-- ----------------------------------------------------------------------------
-- Delete
-- ----------------------------------------------------------------------------

-- Admins delete a tenant and everything it owns; the slug must be typed back as confirmation.
create or replace function private.delete_tenant(p_tenant_id uuid, p_confirm_slug text) returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  uid uuid := private.require_user();
  tenant public.tenants;
begin
  select * into tenant from public.tenants t where t.id = p_tenant_id and t.id in (select private.tenant_ids_for_user());
  if tenant.id is null then
    perform private.raise_error(404, 'FONF0', 'No such tenant.', 'tenant_id', 'exists');
  end if;
  if not private.has_role_on_tenant(p_tenant_id, 'admin') then
    return private.deny(p_tenant_id, 'delete_tenant', 'tenant', p_tenant_id::text, 'only an Admin may delete a tenant');
  end if;
  if p_confirm_slug is distinct from tenant.slug then
    perform private.raise_error(422, 'FOVAL', format('Type the slug "%s" to confirm the deletion.', tenant.slug), 'confirm_slug', 'matches');
  end if;
  delete from public.tenants t where t.id = p_tenant_id;
  return jsonb_build_object('deleted', true, 'tenant_id', p_tenant_id);
end
$$;
grant execute on function private.delete_tenant(uuid, text) to authenticated;

create or replace function public.delete_tenant(p_tenant_id uuid, p_confirm_slug text) returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.delete_tenant(p_tenant_id, p_confirm_slug) $$;
comment on function public.delete_tenant is 'Deletes a tenant and all it owns (Admins only, confirmed by its slug).';
grant execute on function public.delete_tenant(uuid, text) to authenticated;
