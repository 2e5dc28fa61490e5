import { closeSync, mkdirSync, openSync, statSync, utimesSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Ports the stack picks for itself come from below the kernel's ephemeral range
 * (/proc/sys/net/ipv4/ip_local_port_range, 32768-60999 by default): a port the kernel
 * hands out for `listen(0)` is free only until the next outgoing connection takes it as
 * its local port, which made a parallel test run fail on EADDRINUSE now and then.
 *
 * A free port is also claimed for a while in a shared folder (one file per port, created
 * exclusively): between the check and the moment its server binds it, another stack
 * starting in parallel (the test run starts several) would otherwise be free to pick
 * the same port.
 */
const LOW = 20000;
const HIGH = 32767;
const CLAIMS = join(tmpdir(), "flexoffice-devstack-ports");
/** Long enough for the slowest part (Postgres initdb) to bind the port it was given. */
const CLAIM_MS = 5 * 60_000;

/** A free loopback port outside the ephemeral range (or, if none turns up, one from the kernel). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW + 1));
    if (!claimPort(port)) continue;
    if (!(await portInUse(port))) return port;
  }
  return kernelPort();
}

/** Claims the port for CLAIM_MS; false when another process claimed it more recently. */
export function claimPort(port: number, folder = CLAIMS): boolean {
  const file = join(folder, String(port));
  try {
    mkdirSync(folder, { recursive: true });
    closeSync(openSync(file, "wx"));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") return true; // no shared folder: the bind check alone
    try {
      if (Date.now() - statSync(file).mtimeMs < CLAIM_MS) return false;
      const now = new Date();
      utimesSync(file, now, now);
      return true;
    } catch {
      return true;
    }
  }
}

function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** True when something already listens on the port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}
