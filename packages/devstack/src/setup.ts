import { ensurePostgresInstalled } from "./postgres/install.ts";
import { ensureDebianPackages } from "./process/debian-packages.ts";
import { createLogger } from "./process/log.ts";
import { run } from "./process/managed-process.ts";

/**
 * Installs the system parts the test command needs before anything times out waiting
 * for them: PostgreSQL 15 with pg_cron and pgTAP, Debian's Chromium for the web
 * journeys, and util-linux's setpriv.
 */
const logger = createLogger("setup");
try {
  await run("setpriv", ["--version"]).catch(() => {
    throw new Error("setpriv (util-linux) is required: sudo apt-get install -y util-linux");
  });
  await ensurePostgresInstalled(logger);
  await ensureDebianPackages("Chromium (for the web journeys)", [{ pkg: "chromium", file: "/usr/bin/chromium" }], logger);
} catch (e) {
  logger.error((e as Error).message);
  process.exit(1);
}
