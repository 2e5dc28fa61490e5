import { spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { resolveStackConfig, type StackConfig, type StackOptions } from "./config/stack-config.ts";
import { dataDir } from "./postgres/cluster.ts";
import { isAlive } from "./process/alive.ts";
import { createLogger } from "./process/log.ts";
import { type StackState, startStack, stateFile } from "./supervisor.ts";

const USAGE = `Usage: npm run stack -- <command> [options]

Commands (the Supabase CLI's verbs):
  start            start the stack in the background; returns once every part is healthy
  stop             stop the background stack (no process is left behind)
  status           show URLs and keys;  status -o env  prints them as shell variables
  db reset         recreate the database from scratch: bootstrap, migrations, seed
  run              run the stack in the foreground until Ctrl-C (used by npm run dev and tests)

Options:
  --workdir <dir>      state folder (default: <project>/.devstack)
  --api-port <n>       gateway port (default 54321, from supabase/config.toml)
  --db-port <n>        Postgres port (default 54322)
  --inbox-port <n>     mail inbox port (default 54324)
  --smtp-port <n>      inbox SMTP port (default 54325)
  --random-ports       pick free ports for everything not given explicitly
  --ephemeral          faster, non-durable Postgres settings (throwaway stacks)
  --watch              reload edge functions when their files change
  --set <key=value>    override a config.toml value, e.g. --set auth.rate_limit.sign_in_sign_ups=1000
  -o, --output <fmt>   status output: pretty (default), env or json`;

const log = createLogger("stack");

function readState(config: StackConfig): StackState | undefined {
  if (!existsSync(stateFile(config))) return undefined;
  const state = JSON.parse(readFileSync(stateFile(config), "utf8")) as StackState;
  return isAlive(state.pid) ? state : undefined;
}

function printState(state: StackState, format: string): void {
  const { pid: _pid, startedAt: _startedAt, ...vars } = state;
  if (format === "env") {
    for (const [k, v] of Object.entries(vars)) process.stdout.write(`${k}="${v}"\n`);
  } else if (format === "json") {
    process.stdout.write(`${JSON.stringify(vars, null, 2)}\n`);
  } else {
    const rows: [string, string][] = [
      ["API URL", state.API_URL],
      ["REST URL", state.REST_URL],
      ["Functions URL", state.FUNCTIONS_URL],
      ["Realtime URL", state.REALTIME_URL],
      ["DB URL", state.DB_URL],
      ["Inbox URL", state.INBOX_URL],
      ["JWT secret", state.JWT_SECRET],
      ["anon key", state.ANON_KEY],
      ["service_role key", state.SERVICE_ROLE_KEY],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    process.stdout.write(`FlexOffice devstack is running (pid ${state.pid}).\n\n`);
    for (const [k, v] of rows) process.stdout.write(`  ${k.padStart(width)}: ${v}\n`);
    process.stdout.write("\n  The service_role key is for edge functions and scripts only, never the browser.\n");
  }
}

/** Foreground: runs until SIGINT/SIGTERM, then stops every part and exits. */
async function runForeground(config: StackConfig): Promise<void> {
  const existing = readState(config);
  if (existing) throw new Error(`a stack already runs from ${config.workdir} (pid ${existing.pid}); stop it first`);
  const stack = await startStack(config, log);
  // A terminal's Ctrl-C and a wrapper forwarding it arrive together: only a signal
  // repeated after a pause means "stop waiting and exit now".
  let firstSignalAt = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === 0) {
      firstSignalAt = Date.now();
      void stack.stop(`received ${signal}`);
    } else if (Date.now() - firstSignalAt > 2_000) {
      log.warn("second signal: exiting now");
      process.exit(130);
    }
  };
  for (const s of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(s, onSignal);
  process.stdout.write(`devstack-ready ${JSON.stringify(stack.state)}\n`);
  printState(stack.state, "pretty");
  await stack.stopped;
  log.info("stopped");
  process.exit(0);
}

/** Background: spawns `run` detached and returns once it reports ready. */
async function startBackground(config: StackConfig, passthrough: string[]): Promise<StackState> {
  const existing = readState(config);
  if (existing) return existing;
  mkdirSync(join(config.workdir, "logs"), { recursive: true });
  const logPath = join(config.workdir, "logs", "stack.log");
  const out = openSync(logPath, "a");
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "run", ...passthrough], {
    detached: true,
    stdio: ["ignore", out, out],
    env: process.env,
  });
  child.unref();
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || !isAlive(child.pid as number)) {
      const tail = readFileSync(logPath, "utf8").split("\n").slice(-25).join("\n");
      throw new Error(`the stack failed to start; last lines of ${logPath}:\n${tail}`);
    }
    const state = readState(config);
    if (state && state.pid === child.pid) return state;
    if (Date.now() - started > 180_000) throw new Error(`the stack did not become ready in 180 s; see ${logPath}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopBackground(config: StackConfig): Promise<boolean> {
  const state = readState(config);
  if (!state) return false;
  process.kill(state.pid, "SIGTERM");
  const deadline = Date.now() + 60_000;
  while (isAlive(state.pid)) {
    if (Date.now() > deadline) {
      log.warn("the stack did not stop in 60 s: killing its process group");
      process.kill(-state.pid, "SIGKILL");
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workdir: { type: "string" },
      "api-port": { type: "string" },
      "db-port": { type: "string" },
      "inbox-port": { type: "string" },
      "smtp-port": { type: "string" },
      "random-ports": { type: "boolean" },
      ephemeral: { type: "boolean" },
      watch: { type: "boolean" },
      set: { type: "string", multiple: true },
      output: { type: "string", short: "o", default: "pretty" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals.join(" ");
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  const options: StackOptions = {
    workdir: values.workdir,
    ports: {
      api: port(values["api-port"]),
      db: port(values["db-port"]),
      inbox: port(values["inbox-port"]),
      smtp: port(values["smtp-port"]),
    },
    randomPorts: values["random-ports"],
    ephemeral: values.ephemeral,
    watch: values.watch,
    overrides: Object.fromEntries(
      (values.set ?? []).map((kv) => {
        const at = kv.indexOf("=");
        if (at < 1) throw new Error(`--set expects key=value, got "${kv}"`);
        return [kv.slice(0, at), kv.slice(at + 1)];
      }),
    ),
  };
  for (const [k, v] of Object.entries(options.ports ?? {}))
    if (v === undefined) delete (options.ports as Record<string, unknown>)[k];
  const config = await resolveStackConfig(options);
  // The background process must use exactly the ports and folder resolved here.
  const backgroundArgs = [
    "--workdir",
    config.workdir,
    "--api-port",
    String(config.ports.api),
    "--db-port",
    String(config.ports.db),
    "--inbox-port",
    String(config.ports.inbox),
    "--smtp-port",
    String(config.ports.smtp),
    ...(config.ephemeral ? ["--ephemeral"] : []),
    ...(config.watch ? ["--watch"] : []),
    ...Object.entries(config.overrides).flatMap(([k, v]) => ["--set", `${k}=${v}`]),
  ];
  switch (command) {
    case "run":
      return runForeground(config);
    case "start":
      printState(await startBackground(config, backgroundArgs), values.output ?? "pretty");
      return;
    case "stop":
      process.stdout.write(
        (await stopBackground(config)) ? "Stopped the FlexOffice devstack.\n" : "The devstack is not running.\n",
      );
      return;
    case "status": {
      const state = readState(config);
      if (!state) {
        process.stderr.write("The devstack is not running. Start it with: npm run stack -- start\n");
        process.exitCode = 1;
        return;
      }
      printState(state, values.output ?? "pretty");
      return;
    }
    case "db reset": {
      const wasRunning = await stopBackground(config);
      rmSync(dataDir(config), { recursive: true, force: true });
      log.info(`removed ${dataDir(config)}${wasRunning ? "; restarting" : ""}`);
      printState(await startBackground(config, backgroundArgs), values.output ?? "pretty");
      process.stdout.write("Database recreated: bootstrap, migrations and seed applied.\n");
      return;
    }
    default:
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: Error) => {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(1);
  });
}
