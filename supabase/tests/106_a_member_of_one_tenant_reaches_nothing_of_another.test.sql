-- Rule: a member of tenant A, even its Admin, reads and changes nothing of tenant B
-- through any table or RPC. Tables and functions are enumerated from the catalog, so
-- tables and RPCs added later are covered without editing this file:
--  * every public table with tenant_id (plus tenants by id, profiles of B's members):
--    select finds no B row; update, delete and insert are refused or touch nothing;
--  * every public function API users may execute that takes a uuid: called with B's
--    ids (and with A's tenant id next to B's other ids) it changes nothing of B and
--    answers nothing that names B's data.
-- B's state (its rows in every public table, its members' sessions and its invitation
-- token hashes) is fingerprinted before and after; a real change by B's Admin shows the
-- fingerprint does notice changes.
begin;
select plan(16);

select tests.create_user('attacker-106@example.test') as attacker \gset
select tests.create_user('admin-b-106@example.test') as admin_b \gset
select tests.create_user('editor-b-106@example.test') as editor_b \gset

select tests.authenticate_as(:'attacker');
select (public.create_tenant('Alpha 106', 'alpha-106', 'UTC', 'en') ->> 'id') as tenant_a \gset
select tests.authenticate_as(:'admin_b');
select (public.create_tenant('Bravo 106', 'bravo-106', 'UTC', 'en') ->> 'id') as tenant_b \gset
select (public.create_role(:'tenant_b', 'B Secret Role', 'only in B', array['manage_pages']) ->> 'id') as role_b \gset
select tests.clear_authentication();
select id as editor_role_b from public.roles where tenant_id = :'tenant_b' and key = 'editor' \gset
insert into public.tenant_members (tenant_id, user_id, attributes) values (:'tenant_b', :'editor_b', '{"region": "b-region"}');
insert into public.member_roles (tenant_id, user_id, role_id) values (:'tenant_b', :'editor_b', :'editor_role_b'), (:'tenant_b', :'editor_b', :'role_b');
insert into auth.sessions (id, user_id) values (gen_random_uuid(), :'admin_b'), (gen_random_uuid(), :'editor_b');
select tests.authenticate_as(:'admin_b');
select (public.invite_member(:'tenant_b', 'b-invitee-106@example.test', array[:'role_b']::uuid[]) ->> 'id') as invitation_b \gset
select (public.create_blueprint(:'tenant_b', 'Bravo Shipments', '[{"key": "secret", "label": "Secret", "type": "text"},
  {"key": "status", "label": "Status", "type": "status", "options": [{"value": "NEW"}, {"value": "SENT"}]}]') ->> 'id') as blueprint_b \gset
select public.save_flow(:'blueprint_b', 0, '{"state_field": "status", "transitions": [{"key": "send", "name": "Send", "to": "SENT"}]}') is not null as flow_b \gset
select (public.create_entity(:'blueprint_b', '{"secret": "bravo secret cargo"}') ->> 'id') as entity_b \gset
select tests.clear_authentication();
select set_config('request.jwt.claims', jsonb_build_object('sub', :'admin_b', 'role', 'authenticated')::text, true) is not null as as_admin_b \gset
select private.prepare_invitation_mail(:'invitation_b') is not null as token_issued \gset
select tests.clear_authentication();

-- ---------------------------------------------------------------------------
-- Catalog helpers
-- ---------------------------------------------------------------------------

-- Public tables and how a tenant's rows are found in each: tenant_id, or the special
-- cases tenants (id) and profiles (id of a member). Tables with neither are not tenant data.
create function pg_temp.tenant_tables() returns table (table_name text, key_column text, scope text)
language sql stable as $$
  select c.relname::text,
         case when exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
              then 'tenant_id' when c.relname in ('tenants', 'profiles') then 'id' end,
         case when c.relname = 'profiles' then 'member' else 'tenant' end
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p')
    and (c.relname in ('tenants', 'profiles')
         or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped))
  order by 1
$$;

-- The key value a tenant's rows carry in a table.
create function pg_temp.scope_filter(p_table text, p_key text, p_scope text) returns text
language sql immutable as $$
  select case when p_scope = 'member'
    then format('%I in (select m.user_id from public.tenant_members m where m.tenant_id = $1)', p_key)
    else format('%I = $1', p_key) end
$$;

-- Fingerprint of everything of a tenant (run as the table owner).
create function pg_temp.tenant_state(p_tenant uuid) returns text
language plpgsql as $$
declare
  t record;
  part text;
  acc text := '';
begin
  for t in select * from pg_temp.tenant_tables() loop
    execute format('select coalesce(string_agg(to_jsonb(x)::text, %L order by to_jsonb(x)::text), %L) from public.%I x where %s',
      E'\n', '', t.table_name, pg_temp.scope_filter(t.table_name, t.key_column, t.scope)) into part using p_tenant;
    acc := acc || t.table_name || ':' || md5(part) || ';';
  end loop;
  return acc
    || 'sessions:' || md5(coalesce((select string_agg(s.id::text, ',' order by s.id) from auth.sessions s
                                    where s.user_id in (select m.user_id from public.tenant_members m where m.tenant_id = p_tenant)), ''))
    || ';tokens:' || md5(coalesce((select string_agg(encode(k.token_hash, 'hex'), ',' order by k.invitation_id)
                                   from private.invitation_tokens k join public.invitations i on i.id = k.invitation_id
                                   where i.tenant_id = p_tenant), ''));
end
$$;

-- "table: n" for each table where the current role sees rows of the tenant.
create function pg_temp.visible_rows(p_tenant uuid) returns text[]
language plpgsql as $$
declare
  t record;
  n bigint;
  found text[] := '{}';
begin
  for t in select * from pg_temp.tenant_tables() loop
    begin
      execute format('select count(*) from public.%I where %s', t.table_name, pg_temp.scope_filter(t.table_name, t.key_column, t.scope))
        into n using p_tenant;
    exception when insufficient_privilege then
      n := 0;
    end;
    if n > 0 then
      found := found || format('%s: %s', t.table_name, n);
    end if;
  end loop;
  return found;
end
$$;

-- Every direct write the current role manages against the tenant's rows: updates of any
-- column it may update, deletes, and inserts that pass privileges and RLS.
create function pg_temp.direct_writes(p_tenant uuid) returns text[]
language plpgsql as $$
declare
  t record;
  col text;
  n bigint;
  found text[] := '{}';
  filter text;
  value uuid;
begin
  for t in select * from pg_temp.tenant_tables() loop
    filter := pg_temp.scope_filter(t.table_name, t.key_column, t.scope);
    for col in
      select a.attname from pg_attribute a
      where a.attrelid = format('public.%I', t.table_name)::regclass and a.attnum > 0 and not a.attisdropped
        and (has_column_privilege(format('public.%I', t.table_name), a.attname, 'UPDATE') or a.attname = t.key_column)
    loop
      begin
        execute format('update public.%I set %I = %I where %s', t.table_name, col, col, filter) using p_tenant;
        get diagnostics n = row_count;
        if n > 0 then found := found || format('update %s.%s changed %s rows', t.table_name, col, n); end if;
      exception when insufficient_privilege then null;
      end;
    end loop;
    begin
      execute format('delete from public.%I where %s', t.table_name, filter) using p_tenant;
      get diagnostics n = row_count;
      if n > 0 then found := found || format('delete from %s removed %s rows', t.table_name, n); end if;
    exception when insufficient_privilege then null;
    end;
    value := case when t.scope = 'member'
      then (select m.user_id from public.tenant_members m where m.tenant_id = p_tenant limit 1) else p_tenant end;
    begin
      execute format('insert into public.%I (%I) values ($1)', t.table_name, t.key_column) using value;
      found := found || format('insert into %s succeeded', t.table_name);
    exception
      when insufficient_privilege then null;
      when others then found := found || format('insert into %s passed privileges and RLS (then failed: %s)', t.table_name, sqlerrm);
    end;
  end loop;
  return found;
end
$$;

-- Public functions API users may execute that take a uuid (tenant-targeted RPCs).
create function pg_temp.tenant_rpcs() returns table (oid oid, name text)
language sql stable as $$
  select p.oid, p.proname::text
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where n.nspname = 'public' and p.prokind = 'f'
    and has_function_privilege('authenticated', p.oid, 'execute')
    and exists (select 1 from unnest(p.proargtypes::oid[]) as t where t in ('uuid'::regtype, 'uuid[]'::regtype))
  order by 2, 1
$$;

-- Calls every tenant RPC with arguments chosen by parameter name and type from p_ids
-- (tenant, user, role, invitation, slug) and returns "name: outcome" lines.
create function pg_temp.call_rpcs(p_ids jsonb) returns text[]
language plpgsql as $$
declare
  f record;
  args text[];
  arg_name text;
  arg_type oid;
  literal text;
  result text;
  outcomes text[] := '{}';
begin
  for f in select r.name, array(select unnest(p.proargtypes::oid[])) as types, p.proargnames as names, p.proargmodes as modes
           from pg_temp.tenant_rpcs() r join pg_proc p on p.oid = r.oid loop
    args := '{}';
    for i in 1 .. cardinality(f.types) loop
      arg_type := f.types[i];
      arg_name := case when f.modes is null then f.names[i] end;
      literal := case
        when arg_type = 'uuid'::regtype then quote_literal(case arg_name
          when 'p_user_id' then p_ids ->> 'user' when 'p_role_id' then p_ids ->> 'role'
          when 'p_invitation_id' then p_ids ->> 'invitation' when 'p_blueprint_id' then p_ids ->> 'blueprint'
          when 'p_entity_id' then p_ids ->> 'entity' else p_ids ->> 'tenant' end)
        when arg_type = 'uuid[]'::regtype then quote_literal(case arg_name
          when 'p_ids' then p_ids ->> 'entities' when 'p_entity_ids' then p_ids ->> 'entities'
          when 'p_blueprint_ids' then p_ids ->> 'blueprints' else p_ids ->> 'roles' end)
        when arg_type = 'text'::regtype then quote_literal(case arg_name
          when 'p_confirm_slug' then p_ids ->> 'slug' when 'p_email' then 'attacker-106@example.test'
          when 'p_name' then 'Hacked 106' when 'p_transition' then 'send' else 'hacked' end)
        when arg_type = 'text[]'::regtype then quote_literal(private.capability_keys())
        when arg_type in ('jsonb'::regtype, 'json'::regtype) then quote_literal(case arg_name
          when 'p_changes' then case when p_ids ? 'entity' then '{"secret": "Hacked 106"}' else '{"name": "Hacked 106"}' end
          when 'p_attributes' then '{"region": "hacked"}'
          when 'p_data' then '{"secret": "Hacked 106"}'
          when 'p_rows' then '[{"secret": "Hacked 106"}]'
          when 'p_updates' then jsonb_build_array(jsonb_build_object('id', p_ids ->> 'entity', 'expected_version', 1,
                                                                     'changes', '{"secret": "Hacked 106"}'::jsonb))::text
          else '{}' end)
        when arg_type = 'boolean'::regtype then 'true'
        when arg_type in ('integer'::regtype, 'bigint'::regtype, 'smallint'::regtype, 'numeric'::regtype) then '1'
        when arg_type = 'timestamptz'::regtype then quote_literal(now())
        else 'null' end || '::' || format_type(arg_type, null);
      args := args || literal;
    end loop;
    begin
      execute format('select public.%I(%s)::text', f.name, array_to_string(args, ', ')) into result;
      outcomes := outcomes || format('%s: returned %s', f.name, coalesce(result, 'null'));
    exception when others then
      outcomes := outcomes || format('%s: error %s %s', f.name, sqlstate, sqlerrm);
    end;
  end loop;
  return outcomes;
end
$$;

-- Strings only tenant B's data contains.
create function pg_temp.naming_b(p_lines text[]) returns text[]
language sql immutable as $$
  select coalesce(array_agg(l), '{}') from unnest(p_lines) as l
  where l ~* '(bravo|b secret role|b_secret_role|only in b|editor-b-106|admin-b-106|b-invitee-106|b-region|secret cargo)'
$$;

grant execute on all functions in schema pg_temp to authenticated;

-- ---------------------------------------------------------------------------
-- The catalog sees what it must
-- ---------------------------------------------------------------------------
select ok(array(select table_name from pg_temp.tenant_tables()) @> array['blueprint_versions', 'blueprints', 'entities', 'entity_history',
  'entity_migration_jobs', 'flows', 'invitations', 'member_roles', 'profiles', 'roles', 'tenant_members', 'tenants'],
  'the enumeration covers every tenant table known today');
select ok(array(select name from pg_temp.tenant_rpcs()) @> array['create_blueprint', 'create_entities', 'create_entity', 'create_role',
  'delete_blueprint', 'delete_entities', 'delete_entity', 'delete_role', 'delete_tenant', 'entity_transitions', 'get_entity', 'invite_member',
  'leave_tenant', 'list_trash', 'migrate_entities', 'purge_trash', 'query_entities', 'remove_member', 'restore_blueprint', 'restore_entity',
  'revoke_invitation', 'save_flow', 'set_member_attributes', 'set_member_roles', 'transition_entity', 'update_blueprint', 'update_entity',
  'update_role', 'update_tenant'],
  'the enumeration covers every tenant RPC known today');

select tests.authenticate_as(:'admin_b');
select ok(pg_temp.visible_rows(:'tenant_b') @> array['invitations: 1', 'member_roles: 3', 'profiles: 2', 'roles: 4', 'tenant_members: 2', 'tenants: 1'],
  'allow: B''s Admin reads B''s rows in every table');
select tests.clear_authentication();

select pg_temp.tenant_state(:'tenant_b') as state_before \gset
select count(*) as b_sessions from auth.sessions where user_id in (:'admin_b', :'editor_b') \gset
select jsonb_build_object('user', :'editor_b', 'role', :'role_b', 'invitation', :'invitation_b', 'slug', 'bravo-106',
  'roles', (select array_agg(id)::text from public.roles where tenant_id = :'tenant_b'),
  'blueprint', :'blueprint_b', 'entity', :'entity_b', 'entities', array[:'entity_b']::uuid[]::text,
  'blueprints', array[:'blueprint_b']::uuid[]::text) as b_ids \gset

-- ---------------------------------------------------------------------------
-- Reads
-- ---------------------------------------------------------------------------
select tests.authenticate_as(:'attacker');
select is(pg_temp.visible_rows(:'tenant_b'), '{}'::text[], 'deny: A''s Admin reads no row of B in any table');
select ok(cardinality(pg_temp.visible_rows(:'tenant_a')) >= 5, 'while reading their own tenant''s rows');

-- ---------------------------------------------------------------------------
-- Direct writes
-- ---------------------------------------------------------------------------
select is(pg_temp.direct_writes(:'tenant_b'), '{}'::text[], 'deny: A''s Admin updates, deletes and inserts nothing of B directly');

-- ---------------------------------------------------------------------------
-- RPCs, with B's ids and with A's tenant next to B's ids
-- ---------------------------------------------------------------------------
select pg_temp.call_rpcs(:'b_ids'::jsonb || jsonb_build_object('tenant', :'tenant_b')) as b_outcomes \gset
select pg_temp.call_rpcs(:'b_ids'::jsonb || jsonb_build_object('tenant', :'tenant_a')) as mixed_outcomes \gset
select is(pg_temp.naming_b(:'b_outcomes'::text[]), '{}'::text[], 'deny: no RPC called with B''s ids answers with B''s data');
select is(pg_temp.naming_b(:'mixed_outcomes'::text[]), '{}'::text[], 'deny: nor when called with A''s tenant and B''s other ids');
select is((select count(*) from unnest(:'b_outcomes'::text[]) as o where o ~ ': error (PGRST|42501)'
           or o ~ '"code" ?: ?"FO(DEN|NF0|VAL|CON|AUT)"'), cardinality(:'b_outcomes'::text[])::bigint,
  'every RPC called with B''s ids refused (an API error or a refusal body)');
select is((select count(*) from unnest(:'mixed_outcomes'::text[]) as o where o ~ '^set_member_roles: error PGRST .*"FOVAL".*role_ids'), 1::bigint,
  'A''s Admin cannot hand B''s roles out in A');

-- ---------------------------------------------------------------------------
-- Nothing of B changed; the fingerprint notices a real change
-- ---------------------------------------------------------------------------
select tests.clear_authentication();
select is(pg_temp.tenant_state(:'tenant_b'), :'state_before', 'deny: nothing of B changed (rows, sessions, invitation tokens)');
select is((select count(*) from public.tenant_members where tenant_id = :'tenant_b' and user_id = :'attacker'), 0::bigint,
  'A''s Admin did not become a member of B');
select is((select count(*) from auth.sessions where user_id in (:'admin_b', :'editor_b')), :'b_sessions'::bigint, 'B''s members kept their sessions');

select tests.authenticate_as(:'admin_b');
select is(public.update_tenant(:'tenant_b', '{"name": "Bravo 106 renamed"}') ->> 'name', 'Bravo 106 renamed', 'allow: B''s Admin changes B');
select tests.clear_authentication();
select isnt(pg_temp.tenant_state(:'tenant_b'), :'state_before', 'and the fingerprint notices that change');

select tests.authenticate_as(:'attacker');
select is((select count(*) from public.tenants where id = :'tenant_b'), 0::bigint, 'deny: B''s tenant stays invisible to A''s Admin');

select * from finish();
rollback;
