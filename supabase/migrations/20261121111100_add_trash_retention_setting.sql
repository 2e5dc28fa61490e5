-- ============================================================================
-- Tenant settings: trash_retention_days (how long deleted blueprints and entities
-- stay restorable, 1-3650 days, default 30) joins the settings Admins change with
-- update_tenant (and super admins with admin_update_tenant).
-- ============================================================================

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
    when 'trash_retention_days' then
      if v is null or v !~ '^\d+$' or v::bigint not between 1 and 3650 then
        perform private.raise_error(422, 'FOVAL', 'Deleted items stay in the trash 1 to 3650 days.', 'trash_retention_days', 'range');
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

-- p_changes: any of name, slug, timezone, language, support_email, session_timeout_minutes,
-- audit_retention_days, trash_retention_days, modules. Unknown keys are refused, not ignored.
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
    trash_retention_days = coalesce((p_changes ->> 'trash_retention_days')::integer, t.trash_retention_days),
    modules = case when p_changes ? 'modules' then array(select distinct jsonb_array_elements_text(p_changes -> 'modules') order by 1) else t.modules end
  where t.id = p_tenant_id
  returning * into tenant;
  return tenant;
end
$$;
