import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";
import { resolveStackConfig } from "../../src/config/stack-config.ts";
import { listFunctions } from "../../src/functions/discovery.ts";
import { eventually, isAlive, REPO_ROOT, tempProject } from "./fixtures/temp-project.ts";

const project = tempProject("[functions.second]\nverify_jwt = false");
project.write("second/index.ts", "Deno.serve(() => new Response('second'));\n");
afterAll(() => project.remove());

test("pre-warmed Deno processes die with the stack even when it is SIGKILLed", async () => {
  const script = fileURLToPath(new URL("./fixtures/start-functions.ts", import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", script, project.root], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    out += c.toString();
  });
  try {
    const pids = await eventually(
      () => {
        const line = out.split("\n").find((l) => l.startsWith("ready "));
        return line ? (JSON.parse(line.slice(6)) as { pids: number[] }).pids : undefined;
      },
      60_000,
      `the fixture to pre-warm its functions; output so far:\n${out}`,
    );
    // Every function of the project copy (the project's own plus "second"), booted by pre-warming without any request.
    const config = await resolveStackConfig({ projectRoot: project.root, workdir: project.root, randomPorts: true });
    expect(pids).toHaveLength(listFunctions(config).length);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    expect(pids.every(isAlive)).toBe(true);
    child.kill("SIGKILL");
    await eventually(() => (pids.some(isAlive) ? undefined : true), 5_000, "Deno processes to die with their parent");
  } finally {
    child.kill("SIGKILL");
  }
});
