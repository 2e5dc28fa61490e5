import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { spawnTestStack, stackEnv } from "../../src/testing/index.ts";
import { alive, commandOf, descendants, waitUntil } from "./processes.ts";

const repo = stackEnv().projectRoot;
const CLI = join(repo, "packages/devstack/src/cli.ts");

/** A throwaway project: the real supabase/ folder plus a migration and a seed of its own. */
function makeProject(): string {
  const root = mkdtempSync(join(tmpdir(), "flexoffice-project-"));
  cpSync(join(repo, "supabase"), join(root, "supabase"), { recursive: true });
  symlinkSync(join(repo, "node_modules"), join(root, "node_modules"));
  mkdirSync(join(root, "supabase", "migrations"), { recursive: true });
  writeFileSync(
    join(root, "supabase", "migrations", "29990101000000_create_lifecycle_probe.sql"),
    "create table public.lifecycle_probe (note text);\n",
  );
  writeFileSync(join(root, "supabase", "seed.sql"), "insert into public.lifecycle_probe (note) values ('seeded');\n");
  return root;
}

function cli(root: string, workdir: string, args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args, "--workdir", workdir], {
    cwd: root,
    encoding: "utf8",
    timeout: 240_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function parseEnv(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^(\w+)="(.*)"$/gm)].map((m) => [m[1] as string, m[2] as string]));
}

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe("the stack's command line", () => {
  test("start returns once healthy; status -o env; stop leaves nothing behind; a second start reuses the data dir; db reset recreates", async () => {
    const root = makeProject();
    const workdir = join(root, ".devstack");
    cleanup.push(root);
    const first = cli(root, workdir, ["start", "--random-ports", "--ephemeral", "-o", "env"]);
    expect(first.stderr + first.stdout).toContain("API_URL=");
    expect(first.code, first.stderr).toBe(0);
    const vars = parseEnv(first.stdout);
    for (const name of ["API_URL", "DB_URL", "ANON_KEY", "SERVICE_ROLE_KEY", "JWT_SECRET", "INBOX_URL"])
      expect(vars[name], name).toBeTruthy();

    const status = cli(root, workdir, ["status", "-o", "env"]);
    expect(parseEnv(status.stdout)).toEqual(vars);

    const rest = await fetch(`${vars.API_URL}/rest/v1/lifecycle_probe?select=note`, {
      headers: { apikey: vars.SERVICE_ROLE_KEY as string },
    });
    expect(await rest.json()).toEqual([{ note: "seeded" }]);
    const inbox = await fetch(`${vars.INBOX_URL}/api/v1/messages`);
    expect(inbox.status).toBe(200);

    const sql = postgres(vars.DB_URL as string, { max: 1, onnotice: () => {} });
    await sql`insert into public.lifecycle_probe (note) values ('kept')`;
    await sql.end();

    const state = JSON.parse(readFileSync(join(workdir, "stack.json"), "utf8"));
    const tree = [state.pid as number, ...descendants(state.pid)];
    expect(tree.some((p) => commandOf(p).includes("postgres"))).toBe(true);
    expect(tree.some((p) => commandOf(p).includes("postgrest"))).toBe(true);

    const stop = cli(root, workdir, ["stop"]);
    expect(stop.code, stop.stderr).toBe(0);
    expect(await waitUntil(() => alive(tree).length === 0, 15_000)).toBe(true);
    const stopped = cli(root, workdir, ["status"]);
    expect(stopped.code, stopped.stderr).toBe(1);
    expect(stopped.stderr).toContain("not running");

    // Second start: same data dir, the row written before the stop is still there.
    const second = cli(root, workdir, ["start", "--random-ports", "--ephemeral", "-o", "env"]);
    expect(second.code, second.stderr).toBe(0);
    const again = parseEnv(second.stdout);
    const kept = await fetch(`${again.API_URL}/rest/v1/lifecycle_probe?select=note&order=note`, {
      headers: { apikey: again.SERVICE_ROLE_KEY as string },
    });
    expect(await kept.json()).toEqual([{ note: "kept" }, { note: "seeded" }]);

    // db reset: back to exactly the seed.
    const reset = cli(root, workdir, ["db", "reset", "--random-ports", "--ephemeral", "-o", "env"]);
    expect(reset.code, reset.stderr).toBe(0);
    const fresh = parseEnv(reset.stdout);
    const afterReset = await fetch(`${fresh.API_URL}/rest/v1/lifecycle_probe?select=note`, {
      headers: { apikey: fresh.SERVICE_ROLE_KEY as string },
    });
    expect(await afterReset.json()).toEqual([{ note: "seeded" }]);
    const finalState = JSON.parse(readFileSync(join(workdir, "stack.json"), "utf8"));
    const finalTree = [finalState.pid as number, ...descendants(finalState.pid)];
    const finalStop = cli(root, workdir, ["stop"]);
    expect(finalStop.code, finalStop.stderr).toBe(0);
    expect(await waitUntil(() => alive(finalTree).length === 0, 15_000)).toBe(true);
  }, 300_000);

  test("Ctrl-C (SIGINT) on a foreground stack stops every part", async () => {
    const stack = await spawnTestStack([], { projectRoot: repo });
    cleanup.push(stack.workdir);
    const tree = [stack.child.pid as number, ...descendants(stack.child.pid as number)];
    expect(tree.length).toBeGreaterThan(3);
    expect(await stack.stop("SIGINT")).toBe(0);
    expect(await waitUntil(() => alive(tree).length === 0, 15_000)).toBe(true);
  }, 180_000);

  test("even a SIGKILLed supervisor leaves no process behind", async () => {
    const stack = await spawnTestStack([], { projectRoot: repo });
    cleanup.push(stack.workdir);
    const tree = descendants(stack.child.pid as number);
    expect(tree.length).toBeGreaterThan(2);
    await stack.stop("SIGKILL");
    const leftovers = await waitUntil(() => alive(tree).length === 0, 20_000);
    expect(leftovers, alive(tree).map(commandOf).join("\n")).toBe(true);
  }, 180_000);

  test("unknown commands and bad options fail with a clear message", () => {
    const res = cli(repo, join(tmpdir(), "nope"), ["frobnicate"]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('unknown command "frobnicate"');
    const bad = cli(repo, join(tmpdir(), "nope"), ["status", "--set", "novalue"]);
    expect(bad.stderr).toContain("--set expects key=value");
  });
});
