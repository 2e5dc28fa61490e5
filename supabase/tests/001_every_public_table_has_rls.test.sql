-- Rule: no table in an exposed schema is without row level security
-- (ARCHITECTURE.md, section 5). A table added by any migration without
-- `enable row level security` makes this file fail.
begin;
select plan(2);

select is(
  array(
    select format('%I.%I', n.nspname, c.relname)
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public'
      and c.relkind in ('r', 'p')
      and not c.relrowsecurity
    order by 1
  ),
  array[]::text[],
  'every table in public has RLS enabled'
);

select is(
  array(
    select format('%I.%I', schemaname, viewname)
    from pg_views v
    join pg_class c on c.relname = v.viewname
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = v.schemaname
    where v.schemaname = 'public'
      and not coalesce((select true from unnest(c.reloptions) o where o in ('security_invoker=true', 'security_invoker=on')), false)
    order by 1
  ),
  array[]::text[],
  'every view in public is security_invoker'
);

select * from finish();
rollback;
