import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { findProjectRoot } from "../../packages/devstack/src/config/stack-config.ts";
import { type StackProcess, spawnStack } from "../../packages/devstack/src/stack-process.ts";
import { log, seconds } from "./api.ts";
import { ensureWrk } from "./wrk.ts";

export type BenchStack = {
  state: StackProcess["state"];
  /** A connection pool as supabase_admin (bulk loads, replica mode, catalog reads); closed after the run. */
  adminSql: (max: number) => postgres.Sql;
};

/**
 * Runs a benchmark on a throwaway devstack (all migrations, ephemeral, random ports,
 * sign-ins not rate limited) with wrk installed, then stops it and removes its folder,
 * whatever happened. `seed: false` skips the demo seed; `wrk: false` skips installing wrk.
 */
export async function withBenchStack(
  options: { label: string; seed?: boolean; root?: string; wrk?: boolean },
  run: (stack: BenchStack) => Promise<void>,
): Promise<void> {
  const workdir = mkdtempSync(join(tmpdir(), `flexoffice-bench-${options.label}-`));
  const pools: postgres.Sql[] = [];
  let stack: StackProcess | undefined;
  try {
    const started = performance.now();
    stack = await spawnStack(
      [
        "--workdir",
        workdir,
        "--random-ports",
        "--ephemeral",
        "--set",
        "auth.rate_limit.sign_in_sign_ups=1000",
        ...(options.seed === false ? ["--set", "db.seed.enabled=false"] : []),
      ],
      { projectRoot: options.root ?? findProjectRoot(), timeoutMs: 600_000 },
    );
    log(`stack ready in ${seconds(started)}`);
    if (options.wrk !== false) await ensureWrk();
    const adminUrl = stack.state.DB_URL.replace("postgres:postgres@", "supabase_admin:postgres@");
    await run({
      state: stack.state,
      adminSql: (max) => {
        const pool = postgres(adminUrl, { max, onnotice: () => {} });
        pools.push(pool);
        return pool;
      },
    });
  } finally {
    for (const pool of pools) await pool.end();
    if (stack) {
      const code = await stack.stop();
      if (code !== 0) log(`the stack exited with ${code}:\n${stack.output().slice(-2000)}`);
    }
    rmSync(workdir, { recursive: true, force: true });
  }
}
