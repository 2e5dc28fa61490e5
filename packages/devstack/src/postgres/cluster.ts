import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import postgres from "postgres";
import { dbUrl, type StackConfig } from "../config/stack-config.ts";
import { isAlive } from "../process/alive.ts";
import type { Logger } from "../process/log.ts";
import { type ManagedProcess, run, startManagedProcess } from "../process/managed-process.ts";
import { ensurePostgresInstalled, PG_BIN, postgresOsUser } from "./install.ts";

export const dataDir = (c: StackConfig) => join(c.workdir, "postgres", "data");
const socketDir = (c: StackConfig) => join(c.workdir, "postgres", "socket");

export type PostgresCluster = {
  process: ManagedProcess;
  /** True when this start created the cluster (so the seed must run). */
  created: boolean;
  stop(): Promise<void>;
};

async function uidGid(user: string): Promise<[number, number]> {
  const uid = Number((await run("id", ["-u", user])).trim());
  const gid = Number((await run("id", ["-g", user])).trim());
  return [uid, gid];
}

/** Lets the non-root Postgres user reach its folder, even inside a root-owned 0700 temp dir. */
function makeTraversable(dir: string): void {
  for (let current = dir; current !== dirname(current); current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) chmodSync(current, (mode & 0o7777) | 0o001);
  }
}

async function initCluster(c: StackConfig, user: string | undefined, logger: Logger): Promise<void> {
  const dir = dataDir(c);
  mkdirSync(dir, { recursive: true });
  mkdirSync(socketDir(c), { recursive: true });
  if (user) {
    const [uid, gid] = await uidGid(user);
    makeTraversable(dirname(dir));
    for (const d of [dirname(dir), dir, socketDir(c)]) chownSync(d, uid, gid);
  }
  chmodSync(dir, 0o700);
  const pwfile = join(dirname(dir), "pwfile");
  writeFileSync(pwfile, "postgres\n", { mode: 0o600 });
  if (user) {
    const [uid, gid] = await uidGid(user);
    chownSync(pwfile, uid, gid);
  }
  logger.info(`initialising a new cluster in ${dir}`);
  await run(
    `${PG_BIN}/initdb`,
    [
      "-D",
      dir,
      "-U",
      "supabase_admin",
      "--pwfile",
      pwfile,
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
      "--no-instructions",
    ],
    { user },
  );
  rmSync(pwfile);
}

/** A postmaster left over from a crashed run would block our start: stop it first. */
async function stopStalePostmaster(c: StackConfig, logger: Logger): Promise<void> {
  const pidFile = join(dataDir(c), "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid) return;
  if (!isAlive(pid)) return; // not running; Postgres removes the stale file itself
  logger.warn(`stopping a leftover postmaster (pid ${pid})`);
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    if (!isAlive(pid)) return;
  }
  process.kill(pid, "SIGKILL");
}

export async function waitForPostgres(c: StackConfig, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const sql = postgres(dbUrl(c, "supabase_admin"), { max: 1, connect_timeout: 2, onnotice: () => {} });
    try {
      await sql`select 1`;
      await sql.end();
      return;
    } catch (e) {
      lastError = e;
      await sql.end({ timeout: 1 }).catch(() => {});
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`Postgres did not accept connections within ${timeoutMs} ms: ${String(lastError)}`);
}

export async function startPostgres(c: StackConfig, logger: Logger, onUnexpectedExit?: () => void): Promise<PostgresCluster> {
  await ensurePostgresInstalled(logger);
  const user = await postgresOsUser();
  const created = !existsSync(join(dataDir(c), "PG_VERSION"));
  if (created) await initCluster(c, user, logger);
  else await stopStalePostmaster(c, logger);
  const settings: Record<string, string> = {
    port: String(c.ports.db),
    listen_addresses: c.host,
    unix_socket_directories: socketDir(c),
    shared_preload_libraries: "pg_cron",
    "cron.database_name": "postgres",
    "cron.use_background_workers": "on",
    "cron.timezone": "UTC",
    max_worker_processes: "32",
    max_connections: "200",
    shared_buffers: "256MB",
    log_min_messages: "warning",
    log_min_error_statement: "panic",
    timezone: "UTC",
  };
  if (c.ephemeral) Object.assign(settings, { fsync: "off", synchronous_commit: "off", full_page_writes: "off" });
  const args = ["-D", dataDir(c), ...Object.entries(settings).flatMap(([k, v]) => ["-c", `${k}=${v}`])];
  const proc = startManagedProcess({
    name: "postgres",
    command: `${PG_BIN}/postgres`,
    args,
    user,
    stopSignal: "SIGINT",
    logFile: join(c.workdir, "logs", "postgres.log"),
    logger,
    onUnexpectedExit,
  });
  await Promise.race([
    waitForPostgres(c),
    proc.exited.then(() => {
      throw new Error(`Postgres exited during start-up; see ${join(c.workdir, "logs", "postgres.log")}`);
    }),
  ]);
  return { process: proc, created, stop: () => proc.stop(30_000) };
}
