import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureDebianPackages } from "../../packages/devstack/src/process/debian-packages.ts";
import { createLogger } from "../../packages/devstack/src/process/log.ts";

/**
 * HTTP load with wrk (C, closed loop, like the performance study's baseline) instead of
 * Node's fetch: on 2 shared cores a JavaScript load generator takes CPU from the server
 * it measures.
 */
export type WrkRequest = { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };
export type WrkResult = { p50: number; p95: number; rps: number; requests: number; errors: number };

export async function ensureWrk(): Promise<void> {
  await ensureDebianPackages(
    "wrk (HTTP load generator for benchmarks)",
    [{ pkg: "wrk", file: "/usr/bin/wrk" }],
    createLogger("bench"),
  );
}

const luaString = (s: string) => `[==[${s}]==]`;

/** Cycles through `requests` (per thread, offset by thread) for `seconds` at `concurrency` connections. */
export function runWrk(baseUrl: string, requests: WrkRequest[], concurrency: number, seconds: number): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), "flexoffice-wrk-"));
  const script = join(dir, "requests.lua");
  const entries = requests.map((r) => {
    const headers = Object.entries(r.headers)
      .map(([k, v]) => `[ ${luaString(k)} ] = ${luaString(v)}`)
      .join(", ");
    return `{ ${luaString(r.method)}, ${luaString(r.path)}, { ${headers} }, ${r.body === undefined ? "nil" : luaString(r.body)} }`;
  });
  writeFileSync(
    script,
    `local reqs = { ${entries.join(",\n")} }
local formatted = {}
local counter = 0
local threads = 0
setup = function(thread) thread:set("offset", threads * 7); threads = threads + 1 end
init = function(args)
  counter = tonumber(offset) or 0
  -- Formatted once: building each request in Lua would take CPU from the server measured.
  for i, r in ipairs(reqs) do formatted[i] = wrk.format(r[1], r[2], r[3], r[4]) end
end
request = function()
  counter = counter + 1
  return formatted[(counter % #formatted) + 1]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK_RESULT %.3f %.3f %.1f %d %d\\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests,
    e.connect + e.read + e.write + e.status + e.timeout))
end
`,
  );
  // One thread drives thousands of requests per second; a second would only compete
  // with the server for the 2 cores.
  const threads = 1;
  return new Promise((resolve, reject) => {
    const child = spawn("wrk", [`-t${threads}`, `-c${concurrency}`, `-d${seconds}s`, "--timeout", "10s", "-s", script, baseUrl], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      rmSync(dir, { recursive: true, force: true });
      const m = /WRK_RESULT (\S+) (\S+) (\S+) (\d+) (\d+)/.exec(out);
      if (code !== 0 || !m) return reject(new Error(`wrk failed (${code}):\n${out}`));
      resolve({ p50: Number(m[1]), p95: Number(m[2]), rps: Number(m[3]), requests: Number(m[4]), errors: Number(m[5]) });
    });
  });
}
