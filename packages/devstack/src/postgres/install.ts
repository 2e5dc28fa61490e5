import { existsSync } from "node:fs";
import type { Logger } from "../process/log.ts";
import { run } from "../process/managed-process.ts";

export const PG_MAJOR = 15;
export const PG_BIN = `/usr/lib/postgresql/${PG_MAJOR}/bin`;
const REQUIRED = [
  { file: `${PG_BIN}/postgres`, pkg: `postgresql-${PG_MAJOR}` },
  { file: `/usr/lib/postgresql/${PG_MAJOR}/lib/pg_cron.so`, pkg: `postgresql-${PG_MAJOR}-cron` },
  { file: `/usr/share/postgresql/${PG_MAJOR}/extension/pgtap.control`, pkg: `postgresql-${PG_MAJOR}-pgtap` },
];
export const APT_PACKAGES = REQUIRED.map((r) => r.pkg);
const INSTALL_COMMAND = `sudo apt-get update && sudo apt-get install -y ${APT_PACKAGES.join(" ")}`;

export function missingPostgresPackages(): string[] {
  return REQUIRED.filter((r) => !existsSync(r.file)).map((r) => r.pkg);
}

/**
 * Makes sure PostgreSQL 15 with pg_cron and pgTAP is installed. As root we install the
 * Debian packages ourselves; otherwise we stop with the exact command to run.
 */
export async function ensurePostgresInstalled(logger: Logger): Promise<void> {
  const missing = missingPostgresPackages();
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `PostgreSQL ${PG_MAJOR} packages are missing (${missing.join(", ")}). Install them with:\n  ${INSTALL_COMMAND}`,
    );
  }
  logger.info(`installing ${missing.join(", ")} with apt-get (one time)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    await run("apt-get", ["install", "-y", "--no-install-recommends", ...APT_PACKAGES], { env });
  } catch {
    await run("apt-get", ["update"], { env });
    await run("apt-get", ["install", "-y", "--no-install-recommends", ...APT_PACKAGES], { env });
  }
  const still = missingPostgresPackages();
  if (still.length > 0) throw new Error(`apt-get did not install ${still.join(", ")}; run: ${INSTALL_COMMAND}`);
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
