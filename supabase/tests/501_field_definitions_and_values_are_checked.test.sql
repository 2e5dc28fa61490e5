-- Rule: a blueprint's field definitions are checked when saved, and every entity
-- value is checked against its field and stored in one canonical form; a refusal
-- names the field (its path) and the rule, and writes nothing.
begin;
select plan(55);

select tests.create_user('admin-501@example.test') as admin_user \gset
select tests.authenticate_as(:'admin_user');
select (public.create_tenant('Fields 501', 'fields-501', 'Europe/Berlin', 'en') ->> 'id') as tenant \gset

-- ---------------------------------------------------------------------------
-- Definitions: deny each malformed one, naming the property and the rule
-- ---------------------------------------------------------------------------

create temp table bad_definitions (name text, fields jsonb, field text, rule text) on commit drop;
insert into bad_definitions values
  ('no fields', '[]', 'fields', 'size'),
  ('a key with capitals', '[{"key": "Name", "label": "N", "type": "text"}]', 'fields.0.key', 'format'),
  ('a system field name', '[{"key": "created_at", "label": "C", "type": "text"}]', 'fields.0.key', 'reserved'),
  ('an empty label', '[{"key": "a", "label": " ", "type": "text"}]', 'fields.0.label', 'length'),
  ('an unknown type', '[{"key": "a", "label": "A", "type": "colour"}]', 'fields.0.type', 'type'),
  ('a property of another type', '[{"key": "a", "label": "A", "type": "text", "scale": 2}]', 'fields.0.scale', 'not_allowed'),
  ('duplicate keys', '[{"key": "a", "label": "A", "type": "text"}, {"key": "a", "label": "B", "type": "text"}]', 'fields', 'duplicate'),
  ('two status fields', '[{"key": "a", "label": "A", "type": "status", "options": [{"value": "X"}]}, {"key": "b", "label": "B", "type": "status", "options": [{"value": "X"}]}]', 'fields', 'status'),
  ('a select without options', '[{"key": "a", "label": "A", "type": "single_select", "options": []}]', 'fields.0.options', 'size'),
  ('duplicate options', '[{"key": "a", "label": "A", "type": "single_select", "options": [{"value": "x"}, {"value": "x"}]}]', 'fields.0.options', 'duplicate'),
  ('an option with spaces around', '[{"key": "a", "label": "A", "type": "single_select", "options": [{"value": " x"}]}]', 'fields.0.options.0', 'format'),
  ('a reference to nothing', '[{"key": "a", "label": "A", "type": "reference", "reference": {"blueprint_id": "00000000-0000-4000-8000-000000000000"}}]', 'fields.0.reference.blueprint_id', 'exists'),
  ('a required set_null reference', '[{"key": "a", "label": "A", "type": "reference", "required": true, "reference": {"blueprint_id": "00000000-0000-4000-8000-000000000000", "on_delete": "set_null"}}]', 'fields.0.reference.on_delete', 'required'),
  ('scale above precision', '[{"key": "a", "label": "A", "type": "number", "precision": 4, "scale": 5}]', 'fields.0.scale', 'range'),
  ('min above max', '[{"key": "a", "label": "A", "type": "integer", "min": 5, "max": 1}]', 'fields.0.min', 'range'),
  ('a date bound that is no date', '[{"key": "a", "label": "A", "type": "date", "min": "2026-02-30"}]', 'fields.0.min', 'format'),
  ('a broken pattern', '[{"key": "a", "label": "A", "type": "text", "pattern": "(unclosed"}]', 'fields.0.pattern', 'pattern'),
  ('unique long text', '[{"key": "a", "label": "A", "type": "long_text", "unique": true}]', 'fields.0.unique', 'not_allowed'),
  ('indexed json', '[{"key": "a", "label": "A", "type": "json", "indexed": true}]', 'fields.0.indexed', 'not_allowed'),
  ('now on a number', '[{"key": "a", "label": "A", "type": "number", "default": {"kind": "now"}}]', 'fields.0.default', 'kind'),
  ('a default that breaks the field''s rule', '[{"key": "a", "label": "A", "type": "integer", "max": 3, "default": {"kind": "literal", "value": 9}}]', 'fields.0.default', 'value'),
  ('a default outside the options', '[{"key": "a", "label": "A", "type": "single_select", "options": [{"value": "x"}], "default": {"kind": "literal", "value": "y"}}]', 'fields.0.default', 'value'),
  ('a bad currency list', '[{"key": "a", "label": "A", "type": "currency", "currencies": ["euro"]}]', 'fields.0.currencies', 'format');

select is(tests.error_of(format('select public.create_blueprint(%L, %L, %L)', :'tenant', 'Bad ' || name, fields)) -> 'details',
          jsonb_build_object('rule', rule, 'field', field), 'refused: ' || name)
from bad_definitions order by name;
select is((select count(*)::integer from public.blueprints where tenant_id = :'tenant'), 0, 'no refused blueprint was written');

-- ---------------------------------------------------------------------------
-- Values: canonical forms (allow) and refusals (deny)
-- ---------------------------------------------------------------------------

select (public.create_blueprint(:'tenant', 'Everything', '[
  {"key": "title", "label": "Title", "type": "text", "max_length": 20, "pattern": "^[A-Z]"},
  {"key": "notes", "label": "Notes", "type": "long_text"},
  {"key": "amount", "label": "Amount", "type": "number", "precision": 6, "scale": 2},
  {"key": "count", "label": "Count", "type": "integer", "min": 0},
  {"key": "done", "label": "Done", "type": "boolean"},
  {"key": "due", "label": "Due", "type": "date", "default": {"kind": "now"}},
  {"key": "at", "label": "At", "type": "datetime"},
  {"key": "kind", "label": "Kind", "type": "single_select", "options": [{"value": "a"}, {"value": "b"}], "default": {"kind": "literal", "value": "b"}},
  {"key": "tags", "label": "Tags", "type": "multi_select", "options": [{"value": "x"}, {"value": "y"}, {"value": "z"}]},
  {"key": "mail", "label": "Mail", "type": "email"},
  {"key": "site", "label": "Site", "type": "url"},
  {"key": "phone", "label": "Phone", "type": "phone"},
  {"key": "price", "label": "Price", "type": "currency", "currencies": ["EUR", "USD"]},
  {"key": "owner", "label": "Owner", "type": "member", "default": {"kind": "current_user"}},
  {"key": "extra", "label": "Extra", "type": "json"}
]') ->> 'id') as bp \gset

select public.create_entity(:'bp', '{
  "title": "  Hello ", "notes": "line 1\nline 2", "amount": "12.50", "count": 3, "done": false, "at": "2026-03-01T10:00:00",
  "tags": ["z", "x", "z"], "mail": " Ann@Example.COM ", "site": "https://example.com/a?b", "phone": "+49 (30) 123-45",
  "price": {"amount": 9.9, "currency": "USD"}, "extra": {"any": [1, "thing"]}
}') -> 'data' as data \gset
select is((:'data'::jsonb) ->> 'title', 'Hello', 'text is trimmed');
select is((:'data'::jsonb) -> 'amount', '12.5', 'numbers are stored without trailing zeros');
select is((:'data'::jsonb) ->> 'at', '2026-03-01T09:00:00.000000Z', 'a date-time without offset is read in the tenant''s timezone and stored in UTC');
select is((:'data'::jsonb) -> 'tags', '["x", "z"]', 'multi select choices are distinct and in option order');
select is((:'data'::jsonb) ->> 'mail', 'ann@example.com', 'emails are lowercased');
select is((:'data'::jsonb) -> 'price', '{"amount": 9.9, "currency": "USD"}', 'currency keeps amount and code');
select is((:'data'::jsonb) ->> 'kind', 'b', 'a literal default fills an absent field');
select is((:'data'::jsonb) ->> 'owner', :'admin_user', 'current_user fills a member field');
select is((:'data'::jsonb) ->> 'due', to_char(now() at time zone 'Europe/Berlin', 'YYYY-MM-DD'), 'now fills a date with the tenant''s today');
select ok(not (:'data'::jsonb) ? 'site2', 'absent stays absent');

create temp table bad_values (name text, data jsonb, field text, rule text) on commit drop;
insert into bad_values values
  ('text with a line break', '{"title": "A\nB"}', 'title', 'format'),
  ('text over max_length', '{"title": "Abcdefghijklmnopqrstuvwxyz"}', 'title', 'max_length'),
  ('text against the pattern', '{"title": "lower"}', 'title', 'pattern'),
  ('a number as words', '{"amount": "twelve"}', 'amount', 'type'),
  ('too many decimals', '{"amount": 1.234}', 'amount', 'scale'),
  ('too many digits', '{"amount": 123456}', 'amount', 'precision'),
  ('a fraction for an integer', '{"count": 1.5}', 'count', 'integer'),
  ('below the minimum', '{"count": -1}', 'count', 'min'),
  ('a string for a boolean', '{"done": "yes"}', 'done', 'type'),
  ('an impossible date', '{"due": "2026-02-30"}', 'due', 'format'),
  ('a date-time that is not one', '{"at": "tomorrow"}', 'at', 'format'),
  ('an unknown option', '{"kind": "c"}', 'kind', 'option'),
  ('an unknown choice', '{"tags": ["x", "w"]}', 'tags', 'option'),
  ('an email without domain', '{"mail": "ann@"}', 'mail', 'format'),
  ('a url without scheme', '{"site": "example.com"}', 'site', 'format'),
  ('a phone with letters', '{"phone": "call me"}', 'phone', 'format'),
  ('a currency not allowed', '{"price": {"amount": 1, "currency": "GBP"}}', 'price', 'currency'),
  ('a currency without code', '{"price": {"amount": 1}}', 'price', 'type'),
  ('a member who is not one', '{"owner": "00000000-0000-4000-8000-000000000000"}', 'owner', 'member'),
  ('an unknown field', '{"colour": "red"}', 'colour', 'unknown_field');

select is(tests.error_of(format('select public.create_entity(%L, %L)', :'bp', data)) -> 'details',
          jsonb_build_object('rule', rule, 'field', field), 'refused: ' || name)
from bad_values order by name;
select tests.clear_authentication();
select is((select count(*)::integer from public.entities where blueprint_id = :'bp'), 1, 'no refused entity was written');

select * from finish();
rollback;
