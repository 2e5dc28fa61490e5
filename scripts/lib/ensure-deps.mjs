// Installs npm dependencies when they are missing or out of date, so `npm run dev`
// and `npm test` work on a fresh clone with nothing but Node 20 and npm.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export function ensureDeps(root) {
  const lock = join(root, "package-lock.json");
  const marker = join(root, "node_modules", ".flexoffice-lock-hash");
  const hash = createHash("sha256").update(readFileSync(lock)).digest("hex");
  if (existsSync(marker) && readFileSync(marker, "utf8") === hash) return;
  process.stderr.write("Installing npm dependencies (npm ci)...\n");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    process.stderr.write("npm ci failed; see the output above.\n");
    process.exit(result.status ?? 1);
  }
  writeFileSync(marker, hash);
}

/**
 * Runs a TypeScript entry point with tsx and resolves with its exit code. Signals are
 * left to the child (a terminal's Ctrl-C reaches it directly; SIGTERM is forwarded),
 * so this wrapper returns only once the child has cleaned up.
 */
export function runTs(root, entry, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(root, entry), ...args], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...options.env },
    });
    process.on("SIGINT", () => {});
    process.on("SIGTERM", () => child.kill("SIGTERM"));
    process.on("SIGHUP", () => child.kill("SIGHUP"));
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}
