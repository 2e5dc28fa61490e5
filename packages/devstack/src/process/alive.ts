import { readFileSync } from "node:fs";

/**
 * True when the process exists and is not a zombie. `kill(pid, 0)` alone counts
 * zombies as alive, and a detached supervisor's zombie can linger when PID 1 does not
 * reap (containers, sandboxes).
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return false;
  }
}
