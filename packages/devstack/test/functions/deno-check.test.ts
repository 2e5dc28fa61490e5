import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { resolveStackConfig } from "../../src/config/stack-config.ts";
import { resolveDenoBinary } from "../../src/functions/deno-binary.ts";
import { listFunctions } from "../../src/functions/discovery.ts";
import { REPO_ROOT } from "./fixtures/temp-project.ts";

/**
 * The project's functions must type-check under Deno itself (vitest only proves the
 * handlers under Node): `deno check` on every entrypoint, resolved like the runtime does.
 */
const config = await resolveStackConfig({ projectRoot: REPO_ROOT, workdir: "/tmp/unused-deno-check", randomPorts: true });
const functions = listFunctions(config);
const deno = resolveDenoBinary(REPO_ROOT);

describe("deno check", () => {
  test("the project has functions to check", () => {
    expect(functions.map((f) => f.name)).toContain("health");
  });

  test.each(functions.map((f) => ({ name: f.name, spec: f })))("$name type-checks under Deno", async ({ spec }) => {
    const args = ["check", "--node-modules-dir=none"];
    if (spec.denoConfig) args.push(`--config=${spec.denoConfig}`);
    else args.push("--no-config", "--no-lock");
    if (spec.importMap) args.push(`--import-map=${spec.importMap}`);
    const result = await promisify(execFile)(deno, [...args, spec.entrypoint], {
      cwd: spec.dir,
      env: { ...process.env, NO_COLOR: "1" },
    }).catch((error: { stderr?: string; message: string }) => ({
      stdout: "",
      stderr: error.stderr ?? error.message,
      failed: true,
    }));
    expect("failed" in result ? result.stderr : "").toBe("");
  });
});
