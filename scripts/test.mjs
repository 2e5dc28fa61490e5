// `npm test`: every test FlexOffice has, on a fresh machine with Node 20.
// Installs what it needs (npm packages; Debian packages when root), then runs the
// typecheck, the linter and the whole vitest suite (which starts its own stack).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDeps, runTs } from "./lib/ensure-deps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureDeps(root);

const bin = (name) => join(root, "node_modules", ".bin", name);
function step(title, command, args) {
  const started = Date.now();
  process.stderr.write(`\n=== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`\n=== ${title}: FAILED after ${seconds} s\n`);
    process.exit(result.status ?? 1);
  }
  process.stderr.write(`=== ${title}: ok (${seconds} s)\n`);
}

const setup = await runTs(root, "packages/devstack/src/setup.ts", []);
if (setup !== 0) process.exit(setup);
step("typecheck", bin("tsc"), ["-b", "tsconfig.json"]);
step("lint", bin("biome"), ["check", "."]);
step("tests", bin("vitest"), ["run", ...process.argv.slice(2)]);
