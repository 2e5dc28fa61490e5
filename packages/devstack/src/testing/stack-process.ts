import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StackState } from "../supervisor.ts";

export type StackProcess = {
  child: ChildProcess;
  state: StackState;
  workdir: string;
  /** Sends SIGTERM (or the given signal) and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  output(): string;
};

const CLI = new URL("../cli.ts", import.meta.url).pathname;

/**
 * Runs `cli.ts run` as a child bound to this process's life (`setpriv --pdeathsig`), in
 * a fresh temp workdir on free ports, and resolves once it prints its ready line.
 */
export function spawnStack(args: string[] = [], opts: { workdir?: string; projectRoot?: string; timeoutMs?: number } = {}): Promise<StackProcess> {
  const workdir = opts.workdir ?? mkdtempSync(join(tmpdir(), "flexoffice-stack-"));
  const child = spawn(
    "setpriv",
    ["--pdeathsig", "TERM", "--", process.execPath, "--import", "tsx", CLI, "run", "--workdir", workdir, "--random-ports", "--ephemeral", ...args],
    { cwd: opts.projectRoot ?? process.cwd(), stdio: ["ignore", "pipe", "pipe"], env: process.env },
  );
  let out = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`stack did not start within ${opts.timeoutMs ?? 180_000} ms:\n${out.slice(-4000)}`));
    }, opts.timeoutMs ?? 180_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("devstack-ready "));
      if (line) {
        clearTimeout(timer);
        const state = JSON.parse(line.slice("devstack-ready ".length)) as StackState;
        resolve({
          child,
          state,
          workdir,
          output: () => out,
          async stop(signal = "SIGTERM") {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`stack exited (code ${code}) before it was ready:\n${out.slice(-4000)}`));
    });
  });
}
