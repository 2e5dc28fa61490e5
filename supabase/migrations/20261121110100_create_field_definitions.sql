-- ============================================================================
-- Field definitions: the 17 field types, what a definition may hold, and the
-- canonical stored form of each value (docs/entities.md). Blueprint RPCs check
-- definitions with private.check_fields; entity writes pass every value through
-- private.normalize_value. Both refuse bad input with 422 FOVAL naming the field
-- and the rule. Pure functions: lookups (references, members, unique values) are
-- made by the entity writers.
-- ============================================================================

create or replace function private.field_types() returns text[]
language sql immutable parallel safe set search_path = ''
as $$
  select array['text', 'long_text', 'number', 'integer', 'boolean', 'date', 'datetime', 'single_select', 'multi_select',
               'email', 'url', 'phone', 'currency', 'reference', 'member', 'json', 'status']
$$;
grant execute on function private.field_types() to authenticated, service_role;

-- Keys a field cannot take: the system fields and the entity's own columns.
create or replace function private.reserved_field_keys() returns text[]
language sql immutable parallel safe set search_path = ''
as $$
  select array['id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'version', 'tenant_id', 'blueprint_id',
               'blueprint_version', 'deleted_at', 'deleted_by', 'data']
$$;
grant execute on function private.reserved_field_keys() to authenticated, service_role;

create or replace function private.field_error(p_field text, p_rule text, p_message text) returns void
language plpgsql set search_path = ''
as $$
begin
  perform private.raise_error(422, 'FOVAL', p_message, p_field, p_rule);
end
$$;
grant execute on function private.field_error(text, text, text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Canonical scalar forms (shared by values, bounds and filters)
-- ----------------------------------------------------------------------------

-- A decimal from a JSON number or numeric string, or null when it is neither.
create or replace function private.parse_decimal(p_value jsonb) returns numeric
language plpgsql immutable parallel safe set search_path = ''
as $$
begin
  case jsonb_typeof(p_value)
    when 'number' then return (p_value #>> '{}')::numeric;
    when 'string' then
      if btrim(p_value #>> '{}') ~ '^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$' then
        return btrim(p_value #>> '{}')::numeric;
      end if;
      return null;
    else return null;
  end case;
end
$$;
grant execute on function private.parse_decimal(jsonb) to authenticated, service_role;

-- 'YYYY-MM-DD' when the text is a real calendar date, else null.
create or replace function private.parse_date(p_text text) returns text
language plpgsql immutable parallel safe set search_path = ''
as $$
begin
  if p_text is null or p_text !~ '^\d{4}-\d{2}-\d{2}$' then
    return null;
  end if;
  return case when to_char(p_text::date, 'YYYY-MM-DD') = p_text then p_text end;
exception when others then
  return null;
end
$$;
grant execute on function private.parse_date(text) to authenticated, service_role;

-- Whether text has the form of an email, url, phone or uuid value (a uuid in either case).
-- Values written and values filtered on are checked by the same patterns.
create or replace function private.has_value_format(p_type text, p_text text) returns boolean
language sql immutable parallel safe
as $$
  select case p_type
    when 'email' then p_text ~ '^[^@\s]+@[^@\s]+\.[^@\s.]+$'
    when 'url' then p_text ~* '^https?://[^\s/?#]+[^\s]*$'
    when 'phone' then p_text ~ '^\+?[0-9 ().-]{3,30}$' and length(regexp_replace(p_text, '\D', '', 'g')) >= 3
    when 'uuid' then p_text ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  end
$$;
grant execute on function private.has_value_format(text, text) to authenticated, service_role;

-- How a date-time is stored and compared: UTC with 6 decimals, so text order is time order.
create or replace function private.canonical_datetime(p_at timestamptz) returns text
language sql stable parallel safe
as $$ select to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') $$;
grant execute on function private.canonical_datetime(timestamptz) to authenticated, service_role;

-- The canonical UTC form 'YYYY-MM-DDTHH:MM:SS.ffffffZ' of an ISO 8601 date-time;
-- without an offset it is read in p_timezone. Null when it is not one.
create or replace function private.parse_datetime(p_text text, p_timezone text) returns text
language plpgsql stable parallel safe set search_path = ''
as $$
declare
  t text := btrim(p_text);
  ts timestamptz;
begin
  if t is null or t !~ '^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|z|[+-]\d{2}(:?\d{2})?)?$' then
    return null;
  end if;
  if t ~ '(Z|z|[+-]\d{2}(:?\d{2})?)$' and t ~ '[T ]' then
    ts := t::timestamptz;
  else
    ts := t::timestamp at time zone coalesce(p_timezone, 'UTC');
  end if;
  if extract(year from ts at time zone 'UTC') not between 1 and 9999 then
    return null;
  end if;
  return private.canonical_datetime(ts);
exception when others then
  return null;
end
$$;
grant execute on function private.parse_datetime(text, text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Values
-- ----------------------------------------------------------------------------

-- Checks a decimal against a number/currency field's precision and scale and the
-- field's bounds; returns it without trailing zeros.
create or replace function private.check_decimal(p_field jsonb, p_key text, p_value numeric, p_label text) returns numeric
language plpgsql immutable set search_path = ''
as $$
declare
  n numeric := trim_scale(p_value);
  prec integer := coalesce((p_field ->> 'precision')::integer, 18);
  sc integer := coalesce((p_field ->> 'scale')::integer, 2);
begin
  if p_field ->> 'type' = 'integer' then
    if n <> trunc(n) then
      perform private.field_error(p_key, 'integer', format('%s must be a whole number.', p_label));
    end if;
    if abs(n) > 9007199254740991 then
      perform private.field_error(p_key, 'range', format('%s must be between -9007199254740991 and 9007199254740991.', p_label));
    end if;
  else
    if scale(n) > sc then
      perform private.field_error(p_key, 'scale', format('%s allows at most %s decimal places.', p_label, sc));
    end if;
    if length(trunc(abs(n))::text) > prec - sc and trunc(abs(n)) <> 0 then
      perform private.field_error(p_key, 'precision',
        format('%s allows at most %s digits before the decimal point.', p_label, prec - sc));
    end if;
  end if;
  if p_field ? 'min' and n < (p_field ->> 'min')::numeric then
    perform private.field_error(p_key, 'min', format('%s must be at least %s.', p_label, p_field ->> 'min'));
  end if;
  if p_field ? 'max' and n > (p_field ->> 'max')::numeric then
    perform private.field_error(p_key, 'max', format('%s must be at most %s.', p_label, p_field ->> 'max'));
  end if;
  return n;
end
$$;
grant execute on function private.check_decimal(jsonb, text, numeric, text) to authenticated, service_role;

-- The length rules of text types and the choice count of multi selects.
create or replace function private.check_length(p_field jsonb, p_key text, p_length integer, p_cap integer, p_unit text) returns void
language plpgsql immutable set search_path = ''
as $$
declare
  label text := format('"%s"', p_key);
begin
  if p_length > least(coalesce((p_field ->> 'max_length')::integer, p_cap), p_cap) then
    perform private.field_error(p_key, 'max_length',
      format('%s allows at most %s %s.', label, least(coalesce((p_field ->> 'max_length')::integer, p_cap), p_cap), p_unit));
  end if;
  if p_length < coalesce((p_field ->> 'min_length')::integer, 0) then
    perform private.field_error(p_key, 'min_length', format('%s needs at least %s %s.', label, p_field ->> 'min_length', p_unit));
  end if;
end
$$;
grant execute on function private.check_length(jsonb, text, integer, integer, text) to authenticated, service_role;

-- The canonical stored form of one value of a field, or null for an empty value
-- (JSON null, "", [] for a multi select). Refuses a value of the wrong form or
-- outside the field's rules with 422 FOVAL {field: key, rule}. Whether a value is
-- required, unique, or points at a live entity or member is checked by the writer.
create or replace function private.normalize_value(p_field jsonb, p_value jsonb, p_timezone text) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  key text := p_field ->> 'key';
  label text := format('"%s"', p_field ->> 'key');
  kind text := p_field ->> 'type';
  jt text := jsonb_typeof(p_value);
  s text;
  n numeric;
  result jsonb;
begin
  if p_value is null or jt = 'null' then
    return null;
  end if;
  case kind
    when 'text', 'email', 'url', 'phone' then
      if jt <> 'string' then
        perform private.field_error(key, 'type', format('%s takes text.', label));
      end if;
      s := btrim(p_value #>> '{}', E' \t\n\r');
      if s = '' then
        return null;
      end if;
      if kind = 'text' and s ~ '[\n\r]' then
        perform private.field_error(key, 'format', format('%s is one line: line breaks are not allowed.', label));
      end if;
      perform private.check_length(p_field, key, length(s), case kind when 'url' then 2000 when 'email' then 254 else 1000 end, 'characters');
      if kind = 'email' then
        s := lower(s);
        if not private.has_value_format('email', s) then
          perform private.field_error(key, 'format', format('%s must be an email address like name@example.com.', label));
        end if;
      elsif kind = 'url' and not private.has_value_format('url', s) then
        perform private.field_error(key, 'format', format('%s must be a web address starting with http:// or https://.', label));
      elsif kind = 'phone' and not private.has_value_format('phone', s) then
        perform private.field_error(key, 'format', format('%s must be a phone number: digits, optionally + ( ) - . and spaces.', label));
      end if;
      if p_field ? 'pattern' and s !~ (p_field ->> 'pattern') then
        perform private.field_error(key, 'pattern', format('%s does not match the required pattern %s.', label, p_field ->> 'pattern'));
      end if;
      return to_jsonb(s);
    when 'long_text' then
      if jt <> 'string' then
        perform private.field_error(key, 'type', format('%s takes text.', label));
      end if;
      s := p_value #>> '{}';
      if btrim(s, E' \t\n\r') = '' then
        return null;
      end if;
      perform private.check_length(p_field, key, length(s), 100000, 'characters');
      if p_field ? 'pattern' and s !~ (p_field ->> 'pattern') then
        perform private.field_error(key, 'pattern', format('%s does not match the required pattern %s.', label, p_field ->> 'pattern'));
      end if;
      return p_value;
    when 'number', 'integer' then
      n := private.parse_decimal(p_value);
      if n is null then
        perform private.field_error(key, 'type', format('%s takes a number.', label));
      end if;
      return to_jsonb(private.check_decimal(p_field, key, n, label));
    when 'boolean' then
      if jt <> 'boolean' then
        perform private.field_error(key, 'type', format('%s takes true or false.', label));
      end if;
      return p_value;
    when 'date' then
      s := private.parse_date(case when jt = 'string' then btrim(p_value #>> '{}') end);
      if s is null then
        perform private.field_error(key, 'format', format('%s takes a date as YYYY-MM-DD.', label));
      end if;
      if p_field ? 'min' and s < p_field ->> 'min' then
        perform private.field_error(key, 'min', format('%s must be on or after %s.', label, p_field ->> 'min'));
      end if;
      if p_field ? 'max' and s > p_field ->> 'max' then
        perform private.field_error(key, 'max', format('%s must be on or before %s.', label, p_field ->> 'max'));
      end if;
      return to_jsonb(s);
    when 'datetime' then
      s := private.parse_datetime(case when jt = 'string' then p_value #>> '{}' end, p_timezone);
      if s is null then
        perform private.field_error(key, 'format', format('%s takes a date and time in ISO 8601, like 2026-11-21T09:30:00Z.', label));
      end if;
      if p_field ? 'min' and s < p_field ->> 'min' then
        perform private.field_error(key, 'min', format('%s must be at or after %s.', label, p_field ->> 'min'));
      end if;
      if p_field ? 'max' and s > p_field ->> 'max' then
        perform private.field_error(key, 'max', format('%s must be at or before %s.', label, p_field ->> 'max'));
      end if;
      return to_jsonb(s);
    when 'single_select', 'status' then
      if jt <> 'string' then
        perform private.field_error(key, 'type', format('%s takes one of its options.', label));
      end if;
      s := p_value #>> '{}';
      if s = '' then
        return null;
      end if;
      if not exists (select 1 from jsonb_array_elements(p_field -> 'options') o where o ->> 'value' = s) then
        perform private.field_error(key, 'option', format('%s has no option %s; choose one of: %s.', label, to_jsonb(s),
          (select string_agg(o ->> 'value', ', ') from jsonb_array_elements(p_field -> 'options') o)));
      end if;
      return p_value;
    when 'multi_select' then
      if jt <> 'array' then
        perform private.field_error(key, 'type', format('%s takes a list of its options.', label));
      end if;
      if exists (select 1 from jsonb_array_elements(p_value) v where jsonb_typeof(v) <> 'string') then
        perform private.field_error(key, 'type', format('%s takes a list of its options (text values).', label));
      end if;
      select string_agg(v, ', ') into s
      from jsonb_array_elements_text(p_value) v
      where not exists (select 1 from jsonb_array_elements(p_field -> 'options') o where o ->> 'value' = v);
      if s is not null then
        perform private.field_error(key, 'option', format('%s has no option %s.', label, s));
      end if;
      select coalesce(jsonb_agg(o -> 'value' order by i), '[]'::jsonb) into result
      from jsonb_array_elements(p_field -> 'options') with ordinality as x(o, i)
      where p_value ? (o ->> 'value');
      if jsonb_array_length(result) = 0 then
        return null;
      end if;
      perform private.check_length(p_field, key, jsonb_array_length(result), 200, 'choices');
      return result;
    when 'currency' then
      if jt <> 'object' or not (p_value ? 'amount' and p_value ? 'currency')
         or exists (select 1 from jsonb_object_keys(p_value) k where k not in ('amount', 'currency')) then
        perform private.field_error(key, 'type', format('%s takes {"amount": number, "currency": "EUR"}.', label));
      end if;
      n := private.parse_decimal(p_value -> 'amount');
      if n is null then
        perform private.field_error(key, 'type', format('%s needs a numeric amount.', label));
      end if;
      s := p_value ->> 'currency';
      if jsonb_typeof(p_value -> 'currency') <> 'string' or s !~ '^[A-Z]{3}$' then
        perform private.field_error(key, 'currency', format('%s needs a three-letter currency code such as EUR.', label));
      end if;
      if p_field ? 'currencies' and not (p_field -> 'currencies') ? s then
        perform private.field_error(key, 'currency', format('%s accepts only %s.', label,
          (select string_agg(c, ', ') from jsonb_array_elements_text(p_field -> 'currencies') c)));
      end if;
      return jsonb_build_object('amount', private.check_decimal(p_field, key, n, label), 'currency', s);
    when 'reference', 'member' then
      if jt <> 'string' or not private.has_value_format('uuid', p_value #>> '{}') then
        perform private.field_error(key, 'type', format('%s takes the id of %s.', label,
          case kind when 'member' then 'a member of the tenant' else 'an entity' end));
      end if;
      return to_jsonb(lower(p_value #>> '{}'));
    when 'json' then
      if octet_length(p_value::text) > 65536 then
        perform private.field_error(key, 'size', format('%s holds at most 64 KiB of JSON.', label));
      end if;
      return p_value;
    else
      perform private.field_error(key, 'type', format('%s has an unknown type %s.', label, kind));
  end case;
  return null;
end
$$;
grant execute on function private.normalize_value(jsonb, jsonb, text) to authenticated, service_role;

-- ----------------------------------------------------------------------------
-- Definitions
-- ----------------------------------------------------------------------------

-- One field definition, checked and completed (flags default to false; number and
-- currency get precision 18 and scale 2). p_path names it in errors ("fields.2").
-- p_self is the blueprint being defined, which a reference may point at.
create or replace function private.check_field(p_tenant_id uuid, p_self uuid, p_field jsonb, p_path text) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  f jsonb := p_field;
  key text;
  kind text;
  label text;
  prop text;
  allowed text[] := array['key', 'label', 'type', 'description', 'required', 'unique', 'indexed', 'default'];
  text_types text[] := array['text', 'long_text', 'email', 'url', 'phone'];
  n integer;
  d jsonb;
  probe jsonb;
begin
  if jsonb_typeof(f) is distinct from 'object' then
    perform private.field_error(p_path, 'shape', format('%s must be an object with key, label and type.', p_path));
  end if;
  key := f ->> 'key';
  if jsonb_typeof(f -> 'key') is distinct from 'string' or key !~ '^[a-z][a-z0-9_]{0,62}$' then
    perform private.field_error(p_path || '.key', 'format',
      'A field key starts with a lowercase letter and has only lowercase letters, digits and _ (at most 63).');
  end if;
  if key = any (private.reserved_field_keys()) then
    perform private.field_error(p_path || '.key', 'reserved', format('"%s" is a system field name; choose another key.', key));
  end if;
  label := format('"%s"', key);
  if jsonb_typeof(f -> 'label') is distinct from 'string' or length(btrim(f ->> 'label')) not between 1 and 100 then
    perform private.field_error(p_path || '.label', 'length', format('The label of %s must be 1 to 100 characters.', label));
  end if;
  f := jsonb_set(f, '{label}', to_jsonb(btrim(f ->> 'label')));
  kind := f ->> 'type';
  if jsonb_typeof(f -> 'type') is distinct from 'string' or not kind = any (private.field_types()) then
    perform private.field_error(p_path || '.type', 'type',
      format('%s needs a type, one of: %s.', label, array_to_string(private.field_types(), ', ')));
  end if;

  allowed := allowed || case
    when kind in ('single_select', 'multi_select', 'status') then array['options']
    when kind = 'reference' then array['reference']
    when kind = 'number' then array['precision', 'scale', 'min', 'max']
    when kind = 'currency' then array['precision', 'scale', 'min', 'max', 'currencies']
    when kind in ('integer', 'date', 'datetime') then array['min', 'max']
    when kind in ('text', 'long_text') then array['min_length', 'max_length', 'pattern']
    when kind in ('email', 'url', 'phone') then array['min_length', 'max_length']
    else array[]::text[] end
    || case when kind = 'multi_select' then array['min_length', 'max_length'] else array[]::text[] end;
  select k into prop from jsonb_object_keys(f) k where not k = any (allowed) limit 1;
  if prop is not null then
    perform private.field_error(p_path || '.' || prop, 'not_allowed', format('%s (%s) cannot have "%s".', label, kind, prop));
  end if;

  if f ? 'description' and (jsonb_typeof(f -> 'description') <> 'string' or length(f ->> 'description') > 500) then
    perform private.field_error(p_path || '.description', 'length', format('The description of %s is text of at most 500 characters.', label));
  end if;
  foreach prop in array array['required', 'unique', 'indexed'] loop
    if f ? prop and jsonb_typeof(f -> prop) <> 'boolean' then
      perform private.field_error(p_path || '.' || prop, 'type', format('"%s" of %s is true or false.', prop, label));
    end if;
    f := jsonb_set(f, array[prop], coalesce(f -> prop, 'false'::jsonb));
  end loop;
  if (f ->> 'unique')::boolean and kind in ('long_text', 'json', 'multi_select', 'boolean', 'currency', 'status') then
    perform private.field_error(p_path || '.unique', 'not_allowed', format('%s (%s) cannot be unique.', label, kind));
  end if;
  if (f ->> 'indexed')::boolean and kind in ('long_text', 'json', 'multi_select') then
    perform private.field_error(p_path || '.indexed', 'not_allowed', format('%s (%s) cannot be indexed.', label, kind));
  end if;

  -- options
  if kind in ('single_select', 'multi_select', 'status') then
    if jsonb_typeof(f -> 'options') is distinct from 'array' or jsonb_array_length(f -> 'options') not between 1 and 200 then
      perform private.field_error(p_path || '.options', 'size', format('%s needs 1 to 200 options.', label));
    end if;
    select i - 1 into n from jsonb_array_elements(f -> 'options') with ordinality as x(o, i)
    where jsonb_typeof(o) <> 'object' or jsonb_typeof(o -> 'value') is distinct from 'string'
       or length(o ->> 'value') not between 1 and 100 or o ->> 'value' <> btrim(o ->> 'value')
       or (o ? 'label' and (jsonb_typeof(o -> 'label') <> 'string' or length(btrim(o ->> 'label')) not between 1 and 100))
       or (o ? 'color' and (jsonb_typeof(o -> 'color') <> 'string' or (o ->> 'color') !~ '^[a-z]{1,20}$'))
       or exists (select 1 from jsonb_object_keys(o) k where k not in ('value', 'label', 'color'))
    limit 1;
    if n is not null then
      perform private.field_error(format('%s.options.%s', p_path, n), 'format',
        format('Option %s of %s needs a value (1-100 characters, no surrounding spaces), an optional label and an optional color name.', n + 1, label));
    end if;
    if (select count(distinct o ->> 'value') from jsonb_array_elements(f -> 'options') o) < jsonb_array_length(f -> 'options') then
      perform private.field_error(p_path || '.options', 'duplicate', format('The options of %s must have distinct values.', label));
    end if;
  end if;

  -- reference
  if kind = 'reference' then
    if jsonb_typeof(f -> 'reference') is distinct from 'object'
       or exists (select 1 from jsonb_object_keys(f -> 'reference') k where k not in ('blueprint_id', 'on_delete')) then
      perform private.field_error(p_path || '.reference', 'shape', format('%s needs reference: {blueprint_id, on_delete}.', label));
    end if;
    if coalesce(f #>> '{reference,on_delete}', 'restrict') not in ('restrict', 'set_null') then
      perform private.field_error(p_path || '.reference.on_delete', 'option', format('on_delete of %s is "restrict" or "set_null".', label));
    end if;
    f := jsonb_set(f, '{reference,on_delete}', to_jsonb(coalesce(f #>> '{reference,on_delete}', 'restrict')));
    if (f ->> 'required')::boolean and f #>> '{reference,on_delete}' = 'set_null' then
      perform private.field_error(p_path || '.reference.on_delete', 'required',
        format('%s is required, so deleting the referenced entity cannot empty it: use "restrict".', label));
    end if;
    if (f #>> '{reference,blueprint_id}') is distinct from p_self::text and not exists (
      select 1 from public.blueprints b
      where b.id::text = f #>> '{reference,blueprint_id}' and b.tenant_id = p_tenant_id and b.deleted_at is null
    ) then
      perform private.field_error(p_path || '.reference.blueprint_id', 'exists', format('%s refers to no blueprint of this tenant.', label));
    end if;
  end if;

  -- precision and scale
  if kind in ('number', 'currency') then
    if f ? 'precision' and (jsonb_typeof(f -> 'precision') <> 'number' or (f ->> 'precision')::numeric not in (select generate_series(1, 30))) then
      perform private.field_error(p_path || '.precision', 'range', format('The precision of %s is a whole number from 1 to 30.', label));
    end if;
    f := jsonb_set(f, '{precision}', coalesce(f -> 'precision', '18'::jsonb));
    if f ? 'scale' and (jsonb_typeof(f -> 'scale') <> 'number'
       or (f ->> 'scale')::numeric not in (select generate_series(0, (f ->> 'precision')::integer))) then
      perform private.field_error(p_path || '.scale', 'range', format('The scale of %s is a whole number from 0 to its precision.', label));
    end if;
    f := jsonb_set(f, '{scale}', coalesce(f -> 'scale', to_jsonb(least(2, (f ->> 'precision')::integer))));
  end if;

  -- bounds
  foreach prop in array array['min', 'max'] loop
    continue when not f ? prop;
    if kind in ('number', 'integer', 'currency') and jsonb_typeof(f -> prop) <> 'number' then
      perform private.field_error(p_path || '.' || prop, 'type', format('"%s" of %s is a number.', prop, label));
    elsif kind = 'date' and private.parse_date(f ->> prop) is null then
      perform private.field_error(p_path || '.' || prop, 'format', format('"%s" of %s is a date as YYYY-MM-DD.', prop, label));
    elsif kind = 'datetime' then
      if private.parse_datetime(f ->> prop, 'UTC') is null or jsonb_typeof(f -> prop) <> 'string' then
        perform private.field_error(p_path || '.' || prop, 'format', format('"%s" of %s is an ISO 8601 date and time.', prop, label));
      end if;
      f := jsonb_set(f, array[prop], to_jsonb(private.parse_datetime(f ->> prop, 'UTC')));
    end if;
  end loop;
  if f ? 'min' and f ? 'max' and (
       (kind in ('number', 'integer', 'currency') and (f ->> 'min')::numeric > (f ->> 'max')::numeric)
       or (kind in ('date', 'datetime') and f ->> 'min' > f ->> 'max')) then
    perform private.field_error(p_path || '.min', 'range', format('The minimum of %s is above its maximum.', label));
  end if;

  -- lengths
  foreach prop in array array['min_length', 'max_length'] loop
    continue when not f ? prop;
    if jsonb_typeof(f -> prop) <> 'number' or (f ->> prop)::numeric <> trunc((f ->> prop)::numeric)
       or (f ->> prop)::numeric not between 0 and 100000 then
      perform private.field_error(p_path || '.' || prop, 'range', format('"%s" of %s is a whole number from 0 to 100000.', prop, label));
    end if;
  end loop;
  if (f ->> 'min_length')::numeric > (f ->> 'max_length')::numeric then
    perform private.field_error(p_path || '.min_length', 'range', format('The minimum length of %s is above its maximum.', label));
  end if;

  -- pattern
  if f ? 'pattern' then
    if jsonb_typeof(f -> 'pattern') <> 'string' or length(f ->> 'pattern') not between 1 and 200 then
      perform private.field_error(p_path || '.pattern', 'length', format('The pattern of %s is 1 to 200 characters.', label));
    end if;
    begin
      perform '' ~ (f ->> 'pattern');
    exception when others then
      perform private.field_error(p_path || '.pattern', 'pattern', format('The pattern of %s is not a valid regular expression: %s', label, sqlerrm));
    end;
  end if;

  -- currencies
  if f ? 'currencies' and (jsonb_typeof(f -> 'currencies') <> 'array' or jsonb_array_length(f -> 'currencies') not between 1 and 200
     or exists (select 1 from jsonb_array_elements(f -> 'currencies') c where jsonb_typeof(c) <> 'string' or (c #>> '{}') !~ '^[A-Z]{3}$')) then
    perform private.field_error(p_path || '.currencies', 'format', format('The currencies of %s are 1 to 200 three-letter codes such as EUR.', label));
  end if;

  -- default
  if f ? 'default' then
    d := f -> 'default';
    if jsonb_typeof(d) <> 'object' or d ->> 'kind' not in ('literal', 'now', 'current_user')
       or exists (select 1 from jsonb_object_keys(d) k where k not in ('kind', 'value'))
       or ((d ->> 'kind' = 'literal') <> (d ? 'value')) then
      perform private.field_error(p_path || '.default', 'shape',
        format('The default of %s is {"kind": "literal", "value": ...}, {"kind": "now"} or {"kind": "current_user"}.', label));
    end if;
    if d ->> 'kind' = 'now' and kind not in ('date', 'datetime') then
      perform private.field_error(p_path || '.default', 'kind', format('Only date and date-time fields default to now; %s is %s.', label, kind));
    end if;
    if d ->> 'kind' = 'current_user' and kind <> 'member' then
      perform private.field_error(p_path || '.default', 'kind', format('Only member fields default to the current user; %s is %s.', label, kind));
    end if;
    if d ->> 'kind' = 'literal' then
      if kind in ('reference', 'member') then
        perform private.field_error(p_path || '.default', 'kind', format('%s (%s) cannot have a fixed default.', label, kind));
      end if;
      begin
        probe := private.normalize_value(f, d -> 'value', 'UTC');
      exception when sqlstate 'PGRST' then
        perform private.field_error(p_path || '.default', 'value', format('The default of %s is not a valid value: %s',
          label, (sqlerrm::jsonb) ->> 'message'));
      end;
      if probe is null then
        perform private.field_error(p_path || '.default', 'value', format('The default of %s is empty; remove it instead.', label));
      end if;
      f := jsonb_set(f, '{default,value}', probe);
    end if;
  end if;
  return f;
end
$$;
grant execute on function private.check_field(uuid, uuid, jsonb, text) to authenticated, service_role;

-- A blueprint's whole field list: 1-200 valid fields, distinct keys, at most one
-- status field. Returns the completed list.
create or replace function private.check_fields(p_tenant_id uuid, p_self uuid, p_fields jsonb) returns jsonb
language plpgsql stable set search_path = ''
as $$
declare
  result jsonb := '[]'::jsonb;
  f jsonb;
  i integer := 0;
  dup text;
begin
  if jsonb_typeof(p_fields) is distinct from 'array' or jsonb_array_length(p_fields) not between 1 and 200 then
    perform private.field_error('fields', 'size', 'A blueprint has 1 to 200 fields.');
  end if;
  for f in select value from jsonb_array_elements(p_fields) loop
    result := result || jsonb_build_array(private.check_field(p_tenant_id, p_self, f, 'fields.' || i));
    i := i + 1;
  end loop;
  select k into dup from jsonb_array_elements(result) x, lateral (select x ->> 'key' as k) y group by k having count(*) > 1 limit 1;
  if dup is not null then
    perform private.field_error('fields', 'duplicate', format('Two fields have the key "%s"; keys are unique in a blueprint.', dup));
  end if;
  if (select count(*) from jsonb_array_elements(result) x where x ->> 'type' = 'status') > 1 then
    perform private.field_error('fields', 'status', 'A blueprint has at most one status field (the one its flow drives).');
  end if;
  return result;
end
$$;
grant execute on function private.check_fields(uuid, uuid, jsonb) to authenticated, service_role;
