import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { PG_BIN } from "../../packages/devstack/src/postgres/install.ts";
import { stackEnv } from "../../packages/devstack/src/testing/index.ts";

/**
 * Runs every pgTAP file (NNN_<rule_proven>.test.sql) against the test stack as the
 * `postgres` role, like `supabase test db`, and fails on any `not ok`, a plan that was
 * not met, or an SQL error.
 */
const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith(".test.sql"))
  .sort();

type TapResult = { planned: number | undefined; passed: number; failures: string[] };

function parseTap(output: string): TapResult {
  const lines = output.split("\n").map((l) => l.trim());
  const plan = lines.map((l) => /^1\.\.(\d+)$/.exec(l)).find(Boolean);
  const failures: string[] = [];
  let passed = 0;
  for (const [i, line] of lines.entries()) {
    if (/^ok \d+/.test(line)) passed += 1;
    if (!/^not ok \d+/.test(line)) continue;
    const diagnostics = [];
    for (const next of lines.slice(i + 1)) {
      if (!next.startsWith("#")) break;
      diagnostics.push(next);
    }
    failures.push([line, ...diagnostics].join("\n"));
  }
  return { planned: plan ? Number(plan[1]) : undefined, passed, failures };
}

describe("pgTAP", () => {
  test.each(files.map((file) => ({ file })))("$file", ({ file }) => {
    const result = spawnSync(
      `${PG_BIN}/psql`,
      ["-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", stackEnv().dbUrl, "-f", join(here, file)],
      {
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    expect(result.stderr.replace(/^psql:.*NOTICE:.*$/gm, "").trim(), "SQL error").toBe("");
    expect(result.status).toBe(0);
    const tap = parseTap(result.stdout);
    expect(tap.failures, result.stdout).toEqual([]);
    expect(tap.planned, "the file must declare a plan").toBeGreaterThan(0);
    expect(tap.passed).toBe(tap.planned);
  });
});

describe("the TAP parser", () => {
  test.each([
    { name: "all pass", out: "1..2\nok 1 - a\nok 2 - b", planned: 2, passed: 2, failures: 0 },
    { name: "one fails", out: "1..2\nok 1 - a\nnot ok 2 - b\n# Failed test 2", planned: 2, passed: 1, failures: 1 },
    { name: "plan not met", out: "1..3\nok 1 - a", planned: 3, passed: 1, failures: 0 },
    { name: "no plan", out: "ok 1", planned: undefined, passed: 1, failures: 0 },
  ])("$name", ({ out, planned, passed, failures }) => {
    const r = parseTap(out);
    expect(r.planned).toBe(planned);
    expect(r.passed).toBe(passed);
    expect(r.failures).toHaveLength(failures);
  });
});
