/**
 * Permissions at scale (issue 5): 1,000,000 entities in one blueprint, a tenant with 50
 * custom roles each holding grants on it, and a restricted member whose role reads only
 * the rows of their region (a row rule on a member attribute) and not 10 of the fields.
 * Through PostgREST, in one run on one machine:
 *
 *  - list 50 (sorted by created_at desc) as the Admin (no rules) and as the restricted
 *    member, p50/p95 and requests per second at concurrency 1 and 10;
 *  - the permission lookup's own cost per request: private.entity_access (the caller's
 *    grants, once per call) and private.permission_vars (the rule variables, once per
 *    statement), timed in SQL as the restricted member over many calls.
 *
 * Targets: the restricted list within 1.5x of the Admin list (p50 and p95 at c=10);
 * the lookup under 1 ms.
 *
 *   npm run bench:permissions [-- --rows 1000000 --seconds 6 --rounds 3]
 */
import { parseArgs } from "node:util";
import type postgres from "postgres";
import { createUser, http, log, seconds, signIn } from "./lib/api.ts";
import { withBenchStack } from "./lib/bench-stack.ts";
import { dropEntityIndexes, rebuildEntityIndexes } from "./lib/entity-indexes.ts";
import { runWrk, type WrkRequest, type WrkResult } from "./lib/wrk.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    seconds: { type: "string", default: "6" },
    rounds: { type: "string", default: "3" },
  },
});
const ROWS = Number(values.rows);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const SESSIONS = 10;
const CUSTOM_ROLES = 50;
const PASSWORD = "bench-permissions-password-1";
const REGIONS = ["north", "south", "east", "west", "central"];
const SECRETS = Array.from({ length: 10 }, (_, i) => `secret_${i + 1}`);

const FIELDS = [
  { key: "title", label: "Title", type: "text", required: true },
  { key: "region", label: "Region", type: "single_select", indexed: true, options: REGIONS.map((value) => ({ value })) },
  { key: "amount", label: "Amount", type: "number", scale: 2 },
  { key: "stage", label: "Stage", type: "single_select", options: ["lead", "won", "lost"].map((value) => ({ value })) },
  ...SECRETS.map((key) => ({ key, label: key.replace("_", " "), type: "text" })),
];
const VISIBLE = ["title", "region", "amount", "stage"];

async function load(sql: postgres.Sql, tenant: string, blueprint: string, author: string): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`set local maintenance_work_mem = '512MB'`;
    const indexes = await dropEntityIndexes(tx);
    // A bulk load, not a million changes: no Realtime message per row (replica mode skips triggers).
    await tx`set local session_replication_role = replica`;
    const started = performance.now();
    await tx.unsafe(
      `insert into public.entities (tenant_id, blueprint_id, blueprint_version, data, search_text, created_at, updated_at, created_by, updated_by)
       select $1, $2, 1, d, lower(concat_ws(' ', d ->> 'title', d ->> 'region')), now() - make_interval(secs => g), now() - make_interval(secs => g), $3, $3
       from generate_series(1, $4::int) g,
            lateral (select jsonb_build_object('title', 'Deal ' || g, 'region', (array['north', 'south', 'east', 'west', 'central'])[1 + g % 5],
                       'amount', (g % 100000) / 100.0, 'stage', (array['lead', 'won', 'lost'])[1 + g % 3])
                     || (select jsonb_object_agg('secret_' || i, 'confidential ' || g || '-' || i) from generate_series(1, 10) i) as d) x`,
      [tenant, blueprint, author, ROWS],
    );
    log(`  inserted ${ROWS.toLocaleString("en")} entities in ${seconds(started)}`);
    await tx`set local session_replication_role = origin`;
    await rebuildEntityIndexes(tx, indexes, blueprint);
  });
  await sql`vacuum analyze public.entities`;
}

await withBenchStack({ label: "permissions", seed: false }, async ({ state, adminSql }) => {
  const { API_URL: api, ANON_KEY: anonKey, SERVICE_ROLE_KEY: serviceKey, POSTGREST_URL: rest } = state;
  const sql = adminSql(1);
  let started = performance.now();

  // The Admin sets everything up through the API, as the permission editor would.
  const stamp = Date.now();
  const adminEmail = `bench-perm-admin-${stamp}@example.test`;
  const memberEmail = `bench-perm-member-${stamp}@example.test`;
  await createUser(api, serviceKey, adminEmail, PASSWORD);
  await createUser(api, serviceKey, memberEmail, PASSWORD);
  const admin = await signIn(api, anonKey, adminEmail, PASSWORD);
  const rpc = <T>(fn: string, body: unknown) =>
    http<T>(`${rest}/rpc/${fn}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${admin.access_token}` },
      body: JSON.stringify(body),
    });
  const tenant = (await rpc<{ id: string }>("create_tenant", { p_name: "Bench Permissions" })).id;
  const blueprint = (await rpc<{ id: string }>("create_blueprint", { p_tenant_id: tenant, p_name: "Deals", p_fields: FIELDS }))
    .id;
  const grants = [
    { action: "read", rows: { field: "region", op: "eq", value: { var: "member.region" } }, fields: VISIBLE },
    { action: "update", rows: { field: "region", op: "eq", value: { var: "member.region" } }, fields: ["stage", "amount"] },
  ];
  const roles: string[] = [];
  started = performance.now();
  for (let i = 0; i < CUSTOM_ROLES; i++) {
    const role = (await rpc<{ id: string }>("create_role", { p_tenant_id: tenant, p_name: `Desk ${i + 1}`, p_capabilities: [] }))
      .id;
    await rpc("set_role_permissions", { p_role_id: role, p_blueprint_id: blueprint, p_grants: grants });
    roles.push(role);
  }
  log(`  ${CUSTOM_ROLES} custom roles with grants in ${seconds(started)}`);
  const member = await signIn(api, anonKey, memberEmail, PASSWORD);
  await sql`insert into public.tenant_members (tenant_id, user_id, attributes) values (${tenant}, ${member.user.id}, '{"region": "north"}')`;
  await sql`insert into public.member_roles (tenant_id, user_id, role_id) values (${tenant}, ${member.user.id}, ${roles[17] as string})`;

  started = performance.now();
  log(`loading ${ROWS.toLocaleString("en")} entities...`);
  await load(sql, tenant, blueprint, admin.user.id);
  log(`  loaded in ${seconds(started)}`);

  const adminTokens = [admin.access_token];
  const memberTokens = [member.access_token];
  for (let i = 1; i < SESSIONS; i++) {
    adminTokens.push((await signIn(api, anonKey, adminEmail, PASSWORD)).access_token);
    memberTokens.push((await signIn(api, anonKey, memberEmail, PASSWORD)).access_token);
  }
  const list = (tokens: string[]): WrkRequest[] =>
    tokens.map((token) => ({
      method: "POST",
      path: "/rpc/query_entities",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ p_blueprint_id: blueprint, p_limit: 50 }),
    }));

  // What each sees: the Admin every field of any region; the member 50 northern rows without secrets.
  const page = async (token: string) =>
    http<{ entities: { data: Record<string, unknown> }[] }>(`${rest}/rpc/query_entities`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ p_blueprint_id: blueprint, p_limit: 50 }),
    });
  const seenByMember = (await page(member.access_token)).entities;
  const seenByAdmin = (await page(admin.access_token)).entities;
  if (seenByMember.length !== 50 || seenByMember.some((e) => e.data.region !== "north" || "secret_1" in e.data))
    throw new Error("the restricted member sees rows or fields outside their grant");
  if (
    seenByAdmin.length !== 50 ||
    !seenByAdmin.some((e) => e.data.region !== "north") ||
    !("secret_1" in (seenByAdmin[0]?.data ?? {}))
  )
    throw new Error("the Admin does not see every region and field");

  const measure = async (requests: WrkRequest[], concurrency: number): Promise<WrkResult> => {
    await runWrk(rest, requests, concurrency, 1); // warm-up (plans, prepared statements, caches)
    const result = await runWrk(rest, requests, concurrency, SECONDS);
    if (result.errors > 0) throw new Error(`${result.errors} of ${result.requests} requests failed`);
    return result;
  };
  const median = (runs: WrkResult[]): WrkResult =>
    [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)] as WrkResult;

  const rows: string[][] = [];
  const row = (c: string, name: string, p50: string, p95: string, rps: string, note = "") =>
    rows.push([c, name, p50, p95, rps, note]);
  const verdicts: string[] = [];
  for (const concurrency of [1, 10]) {
    const adminRuns: WrkResult[] = [];
    const memberRuns: WrkResult[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      adminRuns.push(await measure(list(adminTokens), concurrency));
      memberRuns.push(await measure(list(memberTokens), concurrency));
    }
    const a = median(adminRuns);
    const m = median(memberRuns);
    const c = `c=${concurrency}`;
    const fmt = (r: WrkResult) => [r.p50.toFixed(2), r.p95.toFixed(2), Math.round(r.rps).toLocaleString("en")] as const;
    row(c, "Admin (no rules): list 50", ...fmt(a));
    row(
      c,
      "restricted (row rule + 10 hidden fields)",
      ...fmt(m),
      `${(m.p50 / a.p50).toFixed(2)}x / ${(m.p95 / a.p95).toFixed(2)}x`,
    );
    if (concurrency === 10) {
      const ok = m.p50 <= 1.5 * a.p50 && m.p95 <= 1.5 * a.p95;
      verdicts.push(`restricted list within 1.5x of the Admin list at c=10 (p50, p95): ${ok ? "met" : "NOT met"}`);
    }
  }

  // The lookup, in SQL as the member (role and claims as PostgREST sets them), many calls.
  const claims = Buffer.from(member.access_token.split(".")[1] as string, "base64url").toString();
  const N = 2000;
  const timed = async (expression: string): Promise<number> =>
    sql.begin(async (tx) => {
      await tx`select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${claims}, true)`;
      await tx.unsafe(`select count(${expression}) from generate_series(1, 50) g`); // warm
      const t0 = performance.now();
      await tx.unsafe(`select count(${expression}) from generate_series(1, ${N}) g`);
      return (performance.now() - t0) / N;
    });
  const floor = await timed("g::text");
  const timing = {
    access_ms: (await timed(`private.entity_access('${blueprint}'::uuid, '${tenant}'::uuid) ->> g::text`)) - floor,
    vars_ms: (await timed(`private.permission_vars('${tenant}'::uuid) ->> g::text`)) - floor,
  };
  const lookup = timing.access_ms + timing.vars_ms;
  row(
    "SQL",
    `lookup: entity_access ${timing.access_ms.toFixed(3)} ms + permission_vars ${timing.vars_ms.toFixed(3)} ms`,
    lookup.toFixed(3),
    "",
    "",
    "per request",
  );
  verdicts.push(`permission lookup < 1 ms: ${lookup < 1 ? "met" : "NOT met"} (${lookup.toFixed(3)} ms)`);

  const header = ["", "path", "p50 ms", "p95 ms", "req/s", "restricted / Admin"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i < 2 || i === 5 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  process.stdout.write(
    `\npermissions: ${ROWS.toLocaleString("en")} entities, ${CUSTOM_ROLES} custom roles, through PostgREST, 2 cores, same run` +
      ` (median of ${ROUNDS} interleaved rounds of ${SECONDS} s)\n`,
  );
  process.stdout.write(`  ${line(header)}\n`);
  for (const r of rows) process.stdout.write(`  ${line(r)}\n`);
  for (const v of verdicts) process.stdout.write(`  target: ${v}\n`);
});
