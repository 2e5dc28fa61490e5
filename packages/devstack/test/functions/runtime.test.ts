import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiUrl, dbUrl, resolveStackConfig, type StackConfig } from "../../src/config/stack-config.ts";
import { type FunctionsPart, startFunctions } from "../../src/functions/index.ts";
import { createLogger } from "../../src/process/log.ts";
import { eventually, isAlive, type TempProject, tempProject } from "./fixtures/temp-project.ts";

/**
 * The runtime started on its own, on a temporary copy of the project with test-only
 * functions (never added to the real supabase/functions), in watch mode.
 */
const OPEN = ["open", "crash", "stream", "broken", "reload"];
let project: TempProject;
let config: StackConfig;
let part: FunctionsPart;
let base: string;
const logLines: string[] = [];
const seenPids = new Set<number>();

const echoFunction = `
Deno.serve(async (req) => {
  const url = new URL(req.url);
  const body = req.method === "POST" ? await req.text() : null;
  let canWrite = true;
  try { await Deno.writeTextFile("/tmp/fn-write-probe", "x"); } catch { canWrite = false; }
  let canRun = true;
  try { await new Deno.Command("true").output(); } catch { canRun = false; }
  const names = ["SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_DB_URL", "CUSTOM_VAR", "QUOTED_VAR", "LEAK_ME"];
  const headers = new Headers({ "x-custom": "yes" });
  headers.append("set-cookie", "a=1");
  headers.append("set-cookie", "b=2");
  return Response.json({
    pid: Deno.pid,
    path: url.pathname,
    search: url.search,
    method: req.method,
    bodyLength: body?.length ?? null,
    authorization: req.headers.get("authorization"),
    env: Object.fromEntries(names.map((n) => [n, Deno.env.get(n) ?? null])),
    envNames: Object.keys(Deno.env.toObject()).sort(),
    waitUntil: typeof globalThis.EdgeRuntime?.waitUntil,
    canWrite,
    canRun,
  }, { status: 201, headers });
});
`;

const crashFunction = `
Deno.serve((req) => {
  if (new URL(req.url).pathname.endsWith("/die")) {
    setTimeout(() => { throw new Error("boom: deliberate crash"); }, 10);
    return new Promise<Response>(() => {});
  }
  return Response.json({ pid: Deno.pid });
});
`;

const streamFunction = `
Deno.serve(() => {
  const encoder = new TextEncoder();
  const body = new ReadableStream({
    async start(controller) {
      controller.enqueue(encoder.encode("data: first\\n\\n"));
      await new Promise((r) => setTimeout(r, 800));
      controller.enqueue(encoder.encode("data: second\\n\\n"));
      controller.close();
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream" } });
});
`;

const reloadFunction = (version: string) => `
import { MARKER } from "../_shared/marker.ts";
const VERSION = "${version}";
Deno.serve(async (req) => {
  const slow = new URL(req.url).searchParams.get("slow");
  if (slow) await new Promise((r) => setTimeout(r, Number(slow)));
  return Response.json({ version: VERSION, marker: MARKER, pid: Deno.pid });
});
`;

const call = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON; tests that care look at text
  }
  if (typeof json.pid === "number") seenPids.add(json.pid);
  return { res, text, json };
};

beforeAll(async () => {
  project = tempProject(OPEN.map((name) => `[functions.${name}]\nverify_jwt = false`).join("\n"));
  project.write("open/index.ts", echoFunction);
  project.write("crash/index.ts", crashFunction);
  project.write("stream/index.ts", streamFunction);
  project.write("broken/index.ts", "Deno.serve((req) => new Response('never'\n");
  project.write("_shared/marker.ts", 'export const MARKER = "m1";\n');
  project.write("reload/index.ts", reloadFunction("v1"));
  project.write(".env", 'CUSTOM_VAR=from-dotenv\nQUOTED_VAR="two words" # comment\nSUPABASE_URL=http://evil.example\n');
  config = await resolveStackConfig({
    projectRoot: project.root,
    workdir: join(project.root, ".devstack"),
    randomPorts: true,
    watch: true,
  });
  part = await startFunctions(
    {
      config,
      logger: createLogger("functions", (line) => logLines.push(line)),
      onFatal: (e) => logLines.push(`FATAL ${e.message}`),
    },
    { prewarm: false, hostEnv: { ...process.env, LEAK_ME: "host-secret" } },
  );
  base = `http://127.0.0.1:${config.ports.functions}`;
});

afterAll(async () => {
  await part?.stop();
  project?.remove();
});

describe("routing and verify_jwt", () => {
  test.each([
    { name: "unknown function", path: "/does-not-exist" },
    { name: "shared code folder", path: "/_shared/http.ts" },
    { name: "root", path: "/" },
  ])("$name answers 404 with a JSON error", async ({ path }) => {
    const { res, json } = await call(path, { headers: { Authorization: `Bearer ${config.anonKey}` } });
    expect(res.status).toBe(404);
    expect(res.headers.get("sb-error-code")).toBe("NOT_FOUND");
    expect(json).toEqual({ code: "NOT_FOUND", message: "Requested function was not found" });
  });

  const expired = () =>
    new SignJWT({ role: "anon" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt(1_600_000_000)
      .setExpirationTime(1_600_000_100)
      .sign(new TextEncoder().encode(config.jwtSecret));

  test.each([
    { name: "no Authorization at all", auth: async () => undefined, code: "UNAUTHORIZED_NO_AUTH_HEADER" },
    { name: "a garbage bearer", auth: async () => "Bearer not-a-jwt", code: "UNAUTHORIZED_INVALID_JWT_FORMAT" },
    { name: "an expired JWT", auth: async () => `Bearer ${await expired()}`, code: "UNAUTHORIZED_INVALID_JWT" },
  ])("health (verify_jwt on) refuses $name", async ({ auth, code }) => {
    const authorization = await auth();
    const { res, json } = await call("/health", {
      method: "POST",
      headers: { apikey: config.anonKey, ...(authorization ? { Authorization: authorization } : {}) },
    });
    expect(res.status).toBe(401);
    expect(json.code).toBe(code);
    expect(typeof json.message).toBe("string");
  });

  test("health (verify_jwt on) lets a valid key through to the function", async () => {
    const { res, json } = await call("/health", { headers: { Authorization: `Bearer ${config.anonKey}` } });
    // No database listens on this config's DB port: the function itself answers 503.
    expect(res.status).toBe(503);
    expect(json).toMatchObject({ status: "unavailable", db: { ok: false } });
  });

  test("a verify_jwt=false function accepts anonymous calls", async () => {
    const { res, json } = await call("/open");
    expect(res.status).toBe(201);
    expect(json.authorization).toBeNull();
  });
});

describe("proxying", () => {
  test("path, query, method, body, status and repeated headers pass through", async () => {
    const body = "x".repeat(1_000_000);
    const { res, json } = await call("/open/sub/path?a=1&b=two", {
      method: "POST",
      body,
      headers: { Authorization: "Bearer whatever" },
    });
    expect(res.status).toBe(201);
    expect(json).toMatchObject({ path: "/open/sub/path", search: "?a=1&b=two", method: "POST", bodyLength: 1_000_000 });
    expect(json.authorization).toBe("Bearer whatever");
    expect(res.headers.get("x-custom")).toBe("yes");
    expect(res.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
  });

  test("response bodies stream: the first event arrives before the function finishes", async () => {
    const res = await fetch(`${base}/stream`);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    const firstAt = Date.now();
    expect(decoder.decode(first.value)).toContain("first");
    let rest = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      rest += decoder.decode(value);
    }
    expect(rest).toContain("second");
    expect(Date.now() - firstAt).toBeGreaterThanOrEqual(600);
  });
});

describe("client aborts", () => {
  test("a caller hanging up mid-request does not count against the function process", async () => {
    const { json } = await call("/reload");
    const pid = json.pid as number;
    const controller = new AbortController();
    const pending = fetch(`${base}/reload?slow=1000`, { signal: controller.signal }).catch((e: Error) => e.name);
    await new Promise((r) => setTimeout(r, 200));
    controller.abort();
    expect(await pending).toBe("AbortError");
    await new Promise((r) => setTimeout(r, 1200));
    const after = await call("/reload");
    expect(after.json.pid).toBe(pid);
  });
});

describe("environment and permissions", () => {
  test("functions get the platform variables and .env, nothing else from the host", async () => {
    const { json } = await call("/open");
    expect(json.env).toEqual({
      SUPABASE_URL: apiUrl(config),
      SUPABASE_ANON_KEY: config.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
      SUPABASE_DB_URL: dbUrl(config),
      CUSTOM_VAR: "from-dotenv",
      QUOTED_VAR: "two words",
      LEAK_ME: null,
    });
    const allowed = new Set([
      ...["SUPABASE_URL", "SUPABASE_ANON_KEY", "SUPABASE_SERVICE_ROLE_KEY", "SUPABASE_DB_URL", "CUSTOM_VAR", "QUOTED_VAR"],
      ...["SMTP_HOST", "SMTP_PORT", "SMTP_USER", "SMTP_PASS", "SMTP_SENDER", "SITE_URL"],
      ...[
        "DENO_SERVE_ADDRESS",
        "NO_COLOR",
        "PATH",
        "HOME",
        "USER",
        "LANG",
        "LC_ALL",
        "TZ",
        "TMPDIR",
        "XDG_CACHE_HOME",
        "DENO_DIR",
      ],
      ...["DENO_CERT", "DENO_TLS_CA_STORE", "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS", "NPM_CONFIG_REGISTRY"],
      ...["HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"],
    ]);
    expect((json.envNames as string[]).filter((n) => !allowed.has(n))).toEqual([]);
  });

  test("like the edge runtime: no file writes, no subprocesses, EdgeRuntime.waitUntil exists", async () => {
    const { json } = await call("/open");
    expect(json).toMatchObject({ canWrite: false, canRun: false, waitUntil: "function" });
  });

  test("each function logs to its own file and to the stack log, prefixed", async () => {
    await call("/open");
    expect(existsSync(join(config.workdir, "logs", "functions-open.log"))).toBe(true);
    expect(logLines.some((l) => l.includes("[functions/open]") && l.includes("serving"))).toBe(true);
  });
});

describe("failures", () => {
  test("a syntax error answers BOOT_ERROR with Deno's message, in the response and the log", async () => {
    const { res, json } = await call("/broken");
    expect(res.status).toBe(503);
    expect(json).toMatchObject({ code: "BOOT_ERROR", message: "Worker failed to boot (please check logs)" });
    expect(String(json.detail)).toContain("broken/index.ts");
    const logFile = join(config.workdir, "logs", "functions-broken.log");
    await eventually(() => (readFileSync(logFile, "utf8").includes("broken/index.ts") ? true : undefined), 5_000, "the log file");
    expect(logLines.some((l) => l.includes("[functions/broken]") && l.includes("failed to boot"))).toBe(true);
  });

  test("a fixed boot error serves on the next request", async () => {
    project.write("broken/index.ts", "Deno.serve(() => new Response('fixed'));\n");
    const text = await eventually(async () => {
      const r = await call("/broken");
      return r.res.status === 200 ? r.text : undefined;
    });
    expect(text).toBe("fixed");
  });

  test("a crashing function answers a JSON worker error, then recovers in a new process", async () => {
    const before = await call("/crash");
    expect(before.res.status).toBe(200);
    const oldPid = before.json.pid as number;
    const crashed = await call("/crash/die");
    expect(crashed.res.status).toBe(500);
    expect(crashed.res.headers.get("content-type")).toContain("application/json");
    expect(crashed.json).toMatchObject({ code: "WORKER_ERROR", message: "Function exited due to an error (please check logs)" });
    const after = await call("/crash");
    expect(after.res.status).toBe(200);
    expect(after.json.pid).not.toBe(oldPid);
    await eventually(() => (isAlive(oldPid) ? undefined : true), 5_000, "the crashed process to be gone");
    await eventually(
      () => (logLines.some((l) => l.includes("[functions/crash]") && l.includes("boom: deliberate crash")) ? true : undefined),
      5_000,
      `the crash to be logged; crash lines:\n${logLines.filter((l) => l.includes("crash")).join("\n")}`,
    );
  });
});

describe("reload on change (watch mode)", () => {
  test("an edit is served by a new process while an in-flight request finishes on the old one", async () => {
    const first = await call("/reload");
    expect(first.json).toMatchObject({ version: "v1", marker: "m1" });
    const oldPid = first.json.pid as number;
    const inFlight = call("/reload?slow=2000");
    await new Promise((r) => setTimeout(r, 200));
    project.write("reload/index.ts", reloadFunction("v2"));
    const next = await eventually(async () => {
      const r = await call("/reload");
      return r.json.version === "v2" ? r : undefined;
    });
    expect(next.json.pid).not.toBe(oldPid);
    const slow = await inFlight;
    expect(slow.res.status).toBe(200);
    expect(slow.json).toMatchObject({ version: "v1", pid: oldPid });
    await eventually(() => (isAlive(oldPid) ? undefined : true), 5_000, "the replaced process to stop");
  });

  test("a change in _shared reloads the functions that use it", async () => {
    project.write("_shared/marker.ts", 'export const MARKER = "m2";\n');
    const next = await eventually(async () => {
      const r = await call("/reload");
      return r.json.marker === "m2" ? r : undefined;
    });
    expect(next.json.version).toBe("v2");
  });

  test("a function added while running is served without a restart", async () => {
    project.write("late-comer/index.ts", "Deno.serve(() => new Response('late'));\n");
    const { res, text } = await call("/late-comer", { headers: { Authorization: `Bearer ${config.serviceRoleKey}` } });
    expect(res.status).toBe(200);
    expect(text).toBe("late");
  });
});

describe("stop", () => {
  test("stopping the part leaves no Deno process behind", async () => {
    for (const worker of part.workers.values()) if (worker.pid) seenPids.add(worker.pid);
    expect(seenPids.size).toBeGreaterThan(3);
    await part.stop();
    await eventually(() => ([...seenPids].some(isAlive) ? undefined : true), 5_000, "every Deno process to exit");
  });
});
