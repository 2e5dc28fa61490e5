-- Rule: the per-request 2FA check (private.mfa_allows_session) gives exactly the answer of
-- the policy the SPA reads (private.mfa_requirement_for: state ok or prompt), in every state.
begin;
select plan(14);

create temporary table cases (name text, user_id uuid, session_id uuid, expected boolean) on commit drop;

-- prompt: registered today, no factor
select tests.create_user('fresh-017@example.test') as fresh \gset
insert into cases values ('within 30 days, no factor (prompt)', :'fresh', gen_random_uuid(), true);

-- enroll_required: registered 31 days ago, no factor
select tests.create_user('old-017@example.test', true, now() - interval '31 days') as old \gset
insert into cases values ('past 30 days, no factor (enroll_required)', :'old', gen_random_uuid(), false);

-- enroll_required: past 30 days with only a pending factor
select tests.create_user('pending-old-017@example.test', true, now() - interval '31 days') as pending_old \gset
insert into private.mfa_factors (user_id, secret_id, status) values (:'pending_old', gen_random_uuid(), 'pending');
insert into cases values ('past 30 days, pending factor (enroll_required)', :'pending_old', gen_random_uuid(), false);

-- prompt: within 30 days with a pending factor
select tests.create_user('pending-new-017@example.test') as pending_new \gset
insert into private.mfa_factors (user_id, secret_id, status) values (:'pending_new', gen_random_uuid(), 'pending');
insert into cases values ('within 30 days, pending factor (prompt)', :'pending_new', gen_random_uuid(), true);

-- ok / challenge_required: an active factor, one verified session and one not
select tests.create_user('active-017@example.test', true, now() - interval '90 days') as active \gset
select gen_random_uuid() as verified_session \gset
insert into auth.sessions (id, user_id, created_at, updated_at, aal) values (:'verified_session', :'active', now(), now(), 'aal1');
insert into private.mfa_factors (user_id, secret_id, status, activated_at) values (:'active', gen_random_uuid(), 'active', now());
insert into private.mfa_verified_sessions (session_id, user_id, method) values (:'verified_session', :'active', 'totp');
insert into cases values ('active factor, verified session (ok)', :'active', :'verified_session', true);
insert into cases values ('active factor, unverified session (challenge_required)', :'active', gen_random_uuid(), false);

-- enroll_required at once: a super admin has no grace period
select tests.create_user('super-017@example.test') as super \gset
insert into private.super_admins (user_id) values (:'super');
insert into cases values ('super admin without a factor (enroll_required)', :'super', gen_random_uuid(), false);

-- both functions, evaluated as each user in each session
create temporary table results (name text, fast boolean, policy boolean, expected boolean) on commit drop;
do $$
declare
  c record;
  fast boolean;
begin
  for c in select * from cases loop
    perform tests.authenticate_as(c.user_id, c.session_id);
    fast := private.mfa_allows_session();
    perform tests.clear_authentication();
    -- the policy answers for any user and session; only its owner may call it
    insert into results values (c.name, fast, (private.mfa_requirement_for(c.user_id, c.session_id) ->> 'state') in ('ok', 'prompt'), c.expected);
  end loop;
end
$$;

select is(fast, expected, 'fast check: ' || name) from results order by name;
select is(fast, policy, 'agrees with the policy: ' || name) from results order by name;

select * from finish();
rollback;
