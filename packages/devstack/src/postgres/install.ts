import { ensureDebianPackages } from "../process/debian-packages.ts";
import type { Logger } from "../process/log.ts";
import { run } from "../process/managed-process.ts";

export const PG_MAJOR = 15;
export const PG_BIN = `/usr/lib/postgresql/${PG_MAJOR}/bin`;
const REQUIRED = [
  { file: `${PG_BIN}/postgres`, pkg: `postgresql-${PG_MAJOR}` },
  { file: `/usr/lib/postgresql/${PG_MAJOR}/lib/pg_cron.so`, pkg: `postgresql-${PG_MAJOR}-cron` },
  { file: `/usr/share/postgresql/${PG_MAJOR}/extension/pgtap.control`, pkg: `postgresql-${PG_MAJOR}-pgtap` },
];

/** PostgreSQL 15 with pg_cron and pgTAP, from Debian's packages. */
export function ensurePostgresInstalled(logger: Logger): Promise<void> {
  return ensureDebianPackages(`PostgreSQL ${PG_MAJOR} with pg_cron and pgTAP`, REQUIRED, logger);
}

/**
 * Postgres refuses to run as root; when we are root we run it as the `postgres` OS
 * user (created by the Debian package, or by us if absent).
 */
export async function postgresOsUser(): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  try {
    await run("id", ["-u", "postgres"]);
  } catch {
    await run("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"]);
  }
  return "postgres";
}
