import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { findProjectRoot } from "./config/stack-config.ts";
import { ensurePostgresInstalled } from "./postgres/install.ts";
import { createLogger } from "./process/log.ts";
import { spawnStack } from "./stack-process.ts";

/**
 * `npm run dev`: the whole product locally. Starts the stack (seeded on first run) and
 * the web dev server, prints where to log in, and stops everything on Ctrl-C.
 */
const logger = createLogger("dev");
const root = findProjectRoot();
const webPort = Number(process.env.WEB_PORT ?? 5173);

/** Demo logins are declared once, in seed.sql, as `-- demo-login: <email> / <password> (<role>)`. */
function demoLogins(): string[] {
  const seed = join(root, "supabase", "seed.sql");
  if (!existsSync(seed)) return [];
  return [...readFileSync(seed, "utf8").matchAll(/^-- demo-login: (.+)$/gm)].map((m) => m[1] as string);
}

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (
      await fetch(url).then(
        () => true,
        () => false,
      )
    )
      return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * The project's own bootstrap (scripts/bootstrap.mjs: the super admin), run against the
 * stack like a deploy runs it against a hosted project; its report goes into the banner.
 */
function runProjectBootstrap(apiUrl: string, serviceRoleKey: string): string {
  const script = join(root, "scripts", "bootstrap.mjs");
  if (!existsSync(script)) return "";
  const result = spawnSync(process.execPath, [script], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, SUPABASE_URL: apiUrl, SUPABASE_SERVICE_ROLE_KEY: serviceRoleKey },
  });
  if (result.status !== 0) logger.error(`scripts/bootstrap.mjs failed:\n${result.stderr}`);
  return result.stdout.trim();
}

await ensurePostgresInstalled(logger);
logger.info("starting the stack (first run: installs, initialises and seeds the database)");
const stack = await spawnStack(["--watch"], { projectRoot: root, echo: true, timeoutMs: 600_000 });
const { state } = stack;
const bootstrapReport = runProjectBootstrap(state.API_URL, state.SERVICE_ROLE_KEY);

const web = spawn(
  "setpriv",
  [
    "--pdeathsig",
    "TERM",
    "--",
    join(root, "node_modules", ".bin", "vite"),
    "--port",
    String(webPort),
    "--strictPort",
    "--host",
    "127.0.0.1",
  ],
  {
    cwd: join(root, "web"),
    stdio: ["ignore", "inherit", "inherit"],
    // Only the anon key reaches the browser; the service role key stays on this machine's server side.
    env: {
      ...process.env,
      VITE_SUPABASE_URL: state.API_URL,
      VITE_SUPABASE_ANON_KEY: state.ANON_KEY,
      VITE_INBOX_URL: state.INBOX_URL,
    },
  },
);
const webUrl = `http://127.0.0.1:${webPort}`;
const webUp = await waitForHttp(webUrl, 60_000);

const logins = demoLogins();
process.stdout.write(`
  FlexOffice is running.

        Web app: ${webUp ? webUrl : `${webUrl} (did not answer yet; see the log above)`}
        API URL: ${state.API_URL}
         DB URL: ${state.DB_URL}
   Inbox (mail): ${state.INBOX_URL}
       anon key: ${state.ANON_KEY}
   service_role: ${state.SERVICE_ROLE_KEY}
${logins.length ? `\n  Demo logins:\n${logins.map((l) => `    ${l}`).join("\n")}\n` : ""}${bootstrapReport ? `\n${bootstrapReport.replace(/^/gm, "  ")}\n` : ""}
  Press Ctrl-C to stop everything.
`);

let stopping = false;
const stopAll = () => {
  if (stopping) return;
  stopping = true;
  if (web.exitCode === null) web.kill("SIGTERM");
  void stack.stop("SIGTERM").then(() => process.exit(0));
};
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, stopAll);
stack.child.once("exit", () => {
  if (!stopping) logger.error("the stack stopped unexpectedly; stopping the web server too");
  stopAll();
});
web.once("exit", (code) => {
  if (!stopping) logger.error(`the web dev server exited (code ${code}); stopping the stack`);
  stopAll();
});
