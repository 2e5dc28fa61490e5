import postgres from "postgres";
import { afterAll, expect, test } from "vitest";
import { stackEnv, uniqueName } from "../../src/testing/index.ts";

// Alone in its file: it waits up to a minute for pg_cron's next tick, while other files run.
const env = stackEnv();
const sql = postgres(env.dbUrl, { max: 1, onnotice: () => {} });
const jobName = uniqueName("cron-probe").replaceAll("_", "-");
// Not in `public`: the every-table-has-RLS proof must not see this fixture.
const schema = uniqueName("cron_probe");

afterAll(async () => {
  await sql`select cron.unschedule(jobid) from cron.job where jobname = ${jobName}`.catch(() => {});
  await sql.unsafe(`drop schema if exists ${schema} cascade`);
  await sql.end();
});

test("pg_cron runs a job scheduled by postgres and records a succeeded run", { timeout: 90_000 }, async () => {
  await sql.unsafe(`create schema ${schema}; create table ${schema}.ticks (at timestamptz not null default now());`);
  const [{ jobid }] = (await sql`
    select cron.schedule(${jobName}, '* * * * *', ${`insert into ${schema}.ticks default values`}) as jobid`) as unknown as [
    { jobid: string },
  ];
  const [job] = await sql`select username, schedule, active from cron.job where jobid = ${jobid}`;
  expect(job).toEqual({ username: "postgres", schedule: "* * * * *", active: true });

  const deadline = Date.now() + 75_000;
  let run: { status: string; return_message: string | null } | undefined;
  while (Date.now() < deadline) {
    [run] = await sql<{ status: string; return_message: string | null }[]>`
      select status, return_message from cron.job_run_details
       where jobid = ${jobid} and status in ('succeeded', 'failed')
       order by runid limit 1`;
    if (run) break;
    await new Promise((r) => setTimeout(r, 1_000));
  }
  expect(run, "no finished run of the job within 75 s").toBeDefined();
  expect(run).toMatchObject({ status: "succeeded" });
  const [ticks] = await sql.unsafe(`select count(*)::int as n from ${schema}.ticks`);
  expect(ticks?.n).toBeGreaterThanOrEqual(1);

  const [{ unscheduled }] = (await sql`select cron.unschedule(${jobName}) as unscheduled`) as unknown as [
    { unscheduled: boolean },
  ];
  expect(unscheduled).toBe(true);
  expect(await sql`select 1 from cron.job where jobname = ${jobName}`).toHaveLength(0);
});
