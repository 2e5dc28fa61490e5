import { existsSync } from "node:fs";
import type { Logger } from "./log.ts";
import { run } from "./managed-process.ts";

/** A Debian package, recognised by a file it installs. */
export type DebianRequirement = { pkg: string; file: string };

export const missingPackages = (required: DebianRequirement[]) => required.filter((r) => !existsSync(r.file)).map((r) => r.pkg);

/**
 * Installs missing Debian packages when we are root (apt-get update only if the plain
 * install fails); otherwise stops with the exact command the user should run.
 */
export async function ensureDebianPackages(what: string, required: DebianRequirement[], logger: Logger): Promise<void> {
  const missing = missingPackages(required);
  if (missing.length === 0) return;
  const command = `sudo apt-get update && sudo apt-get install -y ${missing.join(" ")}`;
  if (process.getuid?.() !== 0) throw new Error(`${what} is missing (${missing.join(", ")}). Install it with:\n  ${command}`);
  logger.info(`installing ${missing.join(", ")} with apt-get (one time)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => run("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { env });
  try {
    await install();
  } catch {
    await run("apt-get", ["update"], { env });
    await install();
  }
  const still = missingPackages(required);
  if (still.length > 0) throw new Error(`apt-get did not install ${still.join(", ")}; run: ${command}`);
}
