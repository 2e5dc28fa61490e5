/**
 * Runs the web journeys in Debian's Chromium against a running stack:
 *
 *   SUPABASE_URL=... SUPABASE_ANON_KEY=... SERVICE_ROLE_KEY=... INBOX_URL=... npx tsx web/e2e/run.ts
 *   npx tsx web/e2e/run.ts --start-stack        # starts (and stops) a throwaway devstack itself
 *   npx tsx web/e2e/run.ts --start-stack --only account,viewer   # some journeys only
 *
 * It builds the SPA for that stack, serves the build with `vite preview` on a free port,
 * opens a fresh browser profile per journey, and keeps screenshots in test-artifacts/web/.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { build, type PreviewServer, preview } from "vite";
import { accountJourney, title as accountTitle } from "./account.journey.ts";
import { blueprintsJourney, title as blueprintsTitle } from "./blueprints.journey.ts";
import { customRoleJourney, title as customRoleTitle } from "./custom-role.journey.ts";
import { deliveryJourney, title as deliveryTitle } from "./delivery.journey.ts";
import { createFixtures, type StackTarget } from "./fixtures.ts";
import { flowsJourney, title as flowsTitle } from "./flows.journey.ts";
import { gridJourney, title as gridTitle } from "./grid.journey.ts";
import { createContext, type JourneyContext } from "./harness.ts";
import { createInbox } from "./inbox.ts";
import { membersJourney, title as membersTitle } from "./members.journey.ts";
import { recordsJourney, title as recordsTitle } from "./records.journey.ts";
import { superAdminJourney, title as superAdminTitle } from "./super-admin.journey.ts";
import { twoFactorJourney, title as twoFactorTitle } from "./two-factor.journey.ts";
import { viewerJourney, title as viewerTitle } from "./viewer.journey.ts";
import { workspaceAdminJourney, title as workspaceAdminTitle } from "./workspace-admin.journey.ts";

const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const projectRoot = resolve(webRoot, "..");

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A journey gets the page and checks; `target` is there for the few that must do what only the
 * platform operator does (e.g. bootstrapping a super admin), in the test process only.
 */
export type Journey = { name: string; title: string; run: (ctx: JourneyContext, target: StackTarget) => Promise<void> };
export const JOURNEYS: Journey[] = [
  { name: "account", title: accountTitle, run: accountJourney },
  { name: "delivery", title: deliveryTitle, run: deliveryJourney },
  { name: "viewer", title: viewerTitle, run: viewerJourney },
  { name: "custom-role", title: customRoleTitle, run: customRoleJourney },
  { name: "workspace-admin", title: workspaceAdminTitle, run: workspaceAdminJourney },
  { name: "super-admin", title: superAdminTitle, run: superAdminJourney },
  { name: "records", title: recordsTitle, run: recordsJourney },
  { name: "blueprints", title: blueprintsTitle, run: blueprintsJourney },
  { name: "grid", title: gridTitle, run: gridJourney },
  { name: "flows", title: flowsTitle, run: flowsJourney },
  { name: "two-factor", title: twoFactorTitle, run: twoFactorJourney },
  { name: "members", title: membersTitle, run: membersJourney },
];

export type { StackTarget } from "./fixtures.ts";
export type ServedApp = { url: string; close: () => Promise<void> };

const log = (line: string) => process.stdout.write(`${line}\n`);

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

function stackCli(args: string[]): string {
  // The devstack CLI itself (what `npm run stack` runs), without the wrapper's dependency install step.
  const result = spawnSync(process.execPath, ["--import", "tsx", join(projectRoot, "packages/devstack/src/cli.ts"), ...args], {
    cwd: projectRoot,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (result.status !== 0) throw new Error(`npm run stack -- ${args.join(" ")} failed (exit ${result.status})`);
  return result.stdout;
}

function parseEnv(output: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of output.split("\n")) {
    const match = /^([A-Z_]+)="?(.*?)"?$/.exec(line.trim());
    if (match?.[1]) vars[match[1]] = match[2] ?? "";
  }
  return vars;
}

async function buildApp(target: StackTarget, outDir: string): Promise<void> {
  process.env.VITE_SUPABASE_URL = target.supabaseUrl;
  process.env.VITE_SUPABASE_ANON_KEY = target.anonKey;
  await build({ root: webRoot, logLevel: "warn", build: { outDir, emptyOutDir: true } });
}

/**
 * Builds the SPA into `outDir` once for everyone who asks with the same folder (parallel test
 * files of one run): the first caller builds, the others wait for its "done" marker.
 */
export async function buildAppOnce(target: StackTarget, outDir: string): Promise<void> {
  const done = `${outDir}.done`;
  const lock = `${outDir}.lock`;
  if (existsSync(done)) return;
  try {
    mkdirSync(lock);
  } catch {
    const deadline = Date.now() + 600_000;
    while (!existsSync(done)) {
      if (Date.now() > deadline) throw new Error(`waited 10 minutes for another process to build the app into ${outDir}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 500));
    }
    return;
  }
  try {
    await buildApp(target, outDir);
    writeFileSync(done, new Date().toISOString());
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Serves the SPA built for `target` on 127.0.0.1 (any loopback port is an allowed redirect):
 * from `builtDir` when given (see buildAppOnce), else from a fresh build in a temp folder.
 */
export async function serveApp(target: StackTarget, builtDir?: string): Promise<ServedApp> {
  const outDir = builtDir ?? mkdtempSync(join(tmpdir(), "flexoffice-web-"));
  const removeBuild = () => {
    if (!builtDir) rmSync(outDir, { recursive: true, force: true });
  };
  let server: PreviewServer;
  try {
    if (!builtDir) await buildApp(target, outDir);
    const port = await freePort();
    server = await preview({
      root: webRoot,
      logLevel: "warn",
      build: { outDir },
      preview: { port, host: "127.0.0.1", strictPort: true },
    });
  } catch (error) {
    removeBuild();
    throw error;
  }
  const port = server.config.preview.port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      removeBuild();
    },
  };
}

/**
 * Runs the given journeys, each in a fresh Chromium profile, against `app` (built and served
 * for the call when not given); returns the screenshots taken.
 */
export async function runJourneys(
  target: StackTarget,
  journeys: Journey[] = JOURNEYS,
  options: { app?: ServedApp; artifactsDir?: string } = {},
): Promise<string[]> {
  const artifactsDir = options.artifactsDir ?? join(projectRoot, "test-artifacts", "web");
  const app = options.app ?? (await serveApp(target));
  if (!options.app) log(`app built and served at ${app.url}`);
  const screenshots: string[] = [];
  try {
    for (const journey of journeys) {
      log(`journey ${journey.name}: ${journey.title}`);
      const profile = mkdtempSync(join(tmpdir(), "flexoffice-chromium-"));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
        locale: "en-US",
        colorScheme: "light",
        viewport: { width: 1280, height: 800 },
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        // Generous: the suite runs journeys in parallel with everything else on 2 cores.
        page.setDefaultTimeout(30_000);
        const ctx = createContext({
          page,
          baseUrl: app.url,
          inbox: createInbox(target.inboxUrl),
          fixtures: createFixtures(target),
          artifactsDir: join(artifactsDir, journey.name),
          log,
        });
        try {
          await journey.run(ctx, target);
          const late = ctx.console.take();
          if (late.length > 0) throw new Error(`console errors at the end:\n  ${late.join("\n  ")}`);
        } catch (error) {
          const file = join(artifactsDir, journey.name, "FAILED.png");
          await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
          // The message goes to the log too: when the retry passes, vitest drops the first failure.
          const reason = (error instanceof Error ? error.message : String(error)).split("\n").slice(0, 6).join("\n  ");
          log(`journey ${journey.name} FAILED at ${page.url()} (screenshot: ${file}):\n  ${reason}`);
          throw error;
        } finally {
          screenshots.push(...ctx.screenshots);
        }
        log(`journey ${journey.name}: passed`);
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    if (!options.app) await app.close();
  }
  return screenshots;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { "start-stack": { type: "boolean" }, workdir: { type: "string" }, only: { type: "string" } },
  });
  const only = values.only?.split(",").map((name) => name.trim());
  const unknown = only?.filter((name) => !JOURNEYS.some((journey) => journey.name === name)) ?? [];
  if (unknown.length > 0)
    throw new Error(`unknown journeys: ${unknown.join(", ")}; known: ${JOURNEYS.map((j) => j.name).join(", ")}`);
  const selected = only ? JOURNEYS.filter((journey) => only.includes(journey.name)) : JOURNEYS;
  let target: StackTarget;
  let stopStack: (() => void) | undefined;
  if (values["start-stack"]) {
    const workdir = values.workdir ?? mkdtempSync(join(tmpdir(), "flexoffice-web-stack-"));
    log(`starting a devstack in ${workdir}`);
    const vars = parseEnv(stackCli(["start", "--random-ports", "--ephemeral", "--workdir", workdir, "-o", "env"]));
    stopStack = () => {
      stackCli(["stop", "--workdir", workdir]);
      if (!values.workdir) rmSync(workdir, { recursive: true, force: true });
    };
    target = {
      supabaseUrl: vars.API_URL ?? "",
      anonKey: vars.ANON_KEY ?? "",
      serviceRoleKey: vars.SERVICE_ROLE_KEY ?? "",
      inboxUrl: vars.INBOX_URL ?? "",
    };
  } else {
    target = {
      supabaseUrl: process.env.SUPABASE_URL ?? process.env.API_URL ?? "",
      anonKey: process.env.SUPABASE_ANON_KEY ?? process.env.ANON_KEY ?? "",
      serviceRoleKey: process.env.SERVICE_ROLE_KEY ?? "",
      inboxUrl: process.env.INBOX_URL ?? "",
    };
  }
  try {
    if (!target.supabaseUrl || !target.anonKey || !target.serviceRoleKey || !target.inboxUrl) {
      throw new Error(
        "set SUPABASE_URL, SUPABASE_ANON_KEY, SERVICE_ROLE_KEY and INBOX_URL (see `npm run stack -- status -o env`), or pass --start-stack",
      );
    }
    const screenshots = await runJourneys(target, selected);
    log(`\nall journeys passed; ${screenshots.length} screenshots:`);
    for (const file of screenshots) log(`  ${file}`);
  } finally {
    stopStack?.();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
