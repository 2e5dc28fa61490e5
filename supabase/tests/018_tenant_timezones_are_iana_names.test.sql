-- Rule: a tenant's timezone is an IANA name the server knows; POSIX offsets, unknown
-- areas and garbage are refused.
begin;
select plan(11);

select ok(private.is_valid_timezone(tz), format('"%s" is accepted', tz))
from unnest(array['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+3', 'Europe/Kiev']) as tz;

select ok(not private.is_valid_timezone(tz), format('"%s" is refused', coalesce(tz, 'null')))
from unnest(array['Mars/Base', 'UTC+3', '', 'Europe/Berlin; select 1', 'europe berlin', null]) as tz;

select * from finish();
rollback;
