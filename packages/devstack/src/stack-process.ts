import { type ChildProcess, spawn } from "node:child_process";
import type { StackState } from "./supervisor.ts";

export type StackProcess = {
  child: ChildProcess;
  state: StackState;
  /** Sends SIGTERM (or the given signal) and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  output(): string;
};

const CLI = new URL("./cli.ts", import.meta.url).pathname;

export type SpawnStackOptions = {
  projectRoot?: string;
  timeoutMs?: number;
  /** Echo the stack's log lines to this process's stderr (dev) instead of only keeping them. */
  echo?: boolean;
};

/**
 * Runs `cli.ts run <args>` as a child bound to this process's life (`setpriv
 * --pdeathsig`), resolving once it prints its ready line. Used by `npm run dev` and tests.
 */
export function spawnStack(args: string[], opts: SpawnStackOptions = {}): Promise<StackProcess> {
  const child = spawn("setpriv", ["--pdeathsig", "TERM", "--", process.execPath, "--import", "tsx", CLI, "run", ...args], {
    cwd: opts.projectRoot ?? process.cwd(),
    stdio: ["ignore", "pipe", "pipe"],
    env: process.env,
  });
  let out = "";
  let ready = false;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`stack did not start within ${opts.timeoutMs ?? 180_000} ms:\n${out.slice(-4000)}`));
    }, opts.timeoutMs ?? 180_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.length > 1_000_000) out = out.slice(-200_000);
      if (ready) return;
      const line = out.split("\n").find((l) => l.startsWith("devstack-ready "));
      if (line) {
        ready = true;
        clearTimeout(timer);
        const state = JSON.parse(line.slice("devstack-ready ".length)) as StackState;
        resolve({
          child,
          state,
          output: () => out,
          async stop(signal = "SIGTERM") {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => {
      out += c.toString();
      if (opts.echo) process.stderr.write(c);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`stack exited (code ${code}) before it was ready:\n${out.slice(-4000)}`));
    });
  });
}
