import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startAuth } from "./auth/index.ts";
import { apiUrl, dbUrl, inboxUrl, type StackConfig } from "./config/stack-config.ts";
import { startFunctions } from "./functions/index.ts";
import { startGateway } from "./gateway/index.ts";
import { startInbox } from "./mail/index.ts";
import type { PartContext, StackPart } from "./parts.ts";
import { bootstrap, migrate, seed } from "./postgres/bootstrap.ts";
import { startPostgres } from "./postgres/cluster.ts";
import { startPostgrest } from "./postgrest/index.ts";
import type { Logger } from "./process/log.ts";
import { startRealtime } from "./realtime/index.ts";
import { startShimWorkers } from "./shims/index.ts";

/** What `status -o env` prints: the names `supabase status -o env` uses, plus INBOX_URL and SMTP_PORT. */
export type StackState = {
  pid: number;
  startedAt: string;
  API_URL: string;
  REST_URL: string;
  /** PostgREST itself, bypassing the gateway (benchmarks, debugging). */
  POSTGREST_URL: string;
  FUNCTIONS_URL: string;
  REALTIME_URL: string;
  DB_URL: string;
  INBOX_URL: string;
  MAILPIT_URL: string;
  INBUCKET_URL: string;
  SMTP_PORT: number;
  ANON_KEY: string;
  SERVICE_ROLE_KEY: string;
  JWT_SECRET: string;
};

export const stateFile = (c: StackConfig) => join(c.workdir, "stack.json");

export function stackState(c: StackConfig): StackState {
  const api = apiUrl(c);
  return {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    API_URL: api,
    REST_URL: `${api}/rest/v1`,
    POSTGREST_URL: `http://${c.host}:${c.ports.postgrest}`,
    FUNCTIONS_URL: `${api}/functions/v1`,
    REALTIME_URL: `${api.replace(/^http/, "ws")}/realtime/v1`,
    DB_URL: dbUrl(c),
    INBOX_URL: inboxUrl(c),
    MAILPIT_URL: inboxUrl(c),
    INBUCKET_URL: inboxUrl(c),
    SMTP_PORT: c.ports.smtp,
    ANON_KEY: c.anonKey,
    SERVICE_ROLE_KEY: c.serviceRoleKey,
    JWT_SECRET: c.jwtSecret,
  };
}

export type RunningStack = {
  config: StackConfig;
  state: StackState;
  /** Resolves when the stack has stopped, whether asked to or because a part failed. */
  stopped: Promise<void>;
  stop(reason?: string): Promise<void>;
};

type PartStarter = { name: string; start: (ctx: PartContext) => Promise<StackPart> };

/** Start order; stop runs in reverse. Postgres comes first and is handled separately. */
const PARTS: PartStarter[] = [
  { name: "postgrest", start: startPostgrest },
  { name: "inbox", start: startInbox },
  { name: "auth", start: startAuth },
  { name: "realtime", start: startRealtime },
  { name: "functions", start: startFunctions },
  { name: "shims", start: startShimWorkers },
  { name: "gateway", start: startGateway },
];

/**
 * Starts every part in dependency order and returns once all are ready. If any part
 * fails later, the whole stack stops: a half-working stack would only mislead.
 */
export async function startStack(config: StackConfig, logger: Logger): Promise<RunningStack> {
  mkdirSync(join(config.workdir, "logs"), { recursive: true });
  const started: StackPart[] = [];
  let stopping: Promise<void> | undefined;
  let resolveStopped: () => void = () => {};
  const stopped = new Promise<void>((r) => (resolveStopped = r));

  const stop = (reason?: string): Promise<void> => {
    stopping ??= (async () => {
      if (reason) logger.info(`stopping: ${reason}`);
      for (const part of [...started].reverse()) {
        try {
          await part.stop();
        } catch (e) {
          logger.warn(`${part.name} did not stop cleanly: ${(e as Error).message}`);
        }
      }
      rmSync(stateFile(config), { force: true });
      resolveStopped();
    })();
    return stopping;
  };
  const onFatal = (error: Error) => void stop(`a part failed: ${error.message}`);

  try {
    const pg = await startPostgres(config, logger.child("postgres"), () => onFatal(new Error("Postgres exited")));
    started.push({ name: "postgres", stop: pg.stop });
    await bootstrap(config, logger.child("bootstrap"));
    await migrate(config, logger.child("migrations"));
    if (pg.created) await seed(config, logger.child("seed"));
    for (const part of PARTS) {
      if (stopping) break;
      started.push(await part.start({ config, logger: logger.child(part.name), onFatal }));
    }
    if (stopping) throw new Error("a part failed during start-up; see the log above");
  } catch (e) {
    await stop();
    throw e;
  }
  const state = stackState(config);
  writeFileSync(stateFile(config), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  return { config, state, stopped, stop };
}
