/**
 * Cold and warm start times of the whole devstack (Postgres, bootstrap, migrations,
 * PostgREST, auth, realtime, functions, inbox, shims, gateway), against a baseline
 * measured in the same run: bare Postgres starting on the same data dir.
 * Target (issue 2): warm start under 10 s on 2 cores.
 *
 *   npm run bench:stack-start [-- --runs 3]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { findProjectRoot, resolveStackConfig } from "../packages/devstack/src/config/stack-config.ts";
import { startPostgres } from "../packages/devstack/src/postgres/cluster.ts";
import { createLogger } from "../packages/devstack/src/process/log.ts";
import { spawnStack } from "../packages/devstack/src/stack-process.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Math.max(1, Number(values.runs));
const root = findProjectRoot();
const workdir = mkdtempSync(join(tmpdir(), "flexoffice-bench-start-"));
const quiet = createLogger("bench", () => {});

async function timeStackStart(): Promise<number> {
  const started = performance.now();
  const stack = await spawnStack(["--workdir", workdir, "--random-ports"], { projectRoot: root, timeoutMs: 600_000 });
  const ms = performance.now() - started;
  const code = await stack.stop();
  if (code !== 0) throw new Error(`the stack exited with ${code}:\n${stack.output().slice(-2000)}`);
  return ms;
}

async function timePostgresStart(): Promise<number> {
  const config = await resolveStackConfig({ projectRoot: root, workdir, randomPorts: true });
  const started = performance.now();
  const pg = await startPostgres(config, quiet);
  const ms = performance.now() - started;
  await pg.stop();
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

try {
  const cold = await timeStackStart();
  const warm: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    baseline.push(await timePostgresStart());
    warm.push(await timeStackStart());
  }
  const warmMedian = median(warm);
  const baseMedian = median(baseline);
  const rows = [
    ["baseline: bare Postgres start (median)", fmt(baseMedian), "1.00x"],
    ["cold stack start (fresh data dir, initdb + bootstrap + seed)", fmt(cold), `${(cold / baseMedian).toFixed(2)}x`],
    [`warm stack start (median of ${runs})`, fmt(warmMedian), `${(warmMedian / baseMedian).toFixed(2)}x`],
  ];
  process.stdout.write("\nstack start times (2 cores, same run)\n");
  for (const [name, time, ratio] of rows)
    process.stdout.write(`  ${String(name).padEnd(62)} ${String(time).padStart(8)}  ${ratio}\n`);
  process.stdout.write(`  warm runs: ${warm.map(fmt).join(", ")}\n`);
  process.stdout.write(`  target: warm start under 10 s -> ${warmMedian < 10_000 ? "met" : "NOT met"}\n`);
} finally {
  rmSync(workdir, { recursive: true, force: true });
}
