import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "./log.ts";

export type ManagedProcessOptions = {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Run as this OS user (needed for Postgres when we are root). */
  user?: string;
  /** Signal sent on stop; Postgres wants SIGINT (fast shutdown). */
  stopSignal?: NodeJS.Signals;
  logFile?: string;
  logger: Logger;
  /** Called when the process exits without being asked to. */
  onUnexpectedExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
};

export type ManagedProcess = {
  readonly pid: number;
  readonly child: ChildProcess;
  stop(timeoutMs?: number): Promise<void>;
  exited: Promise<void>;
};

/**
 * Spawns a long-running child that can never outlive the stack: it is wrapped in
 * `setpriv --pdeathsig`, so the kernel signals it when its parent dies, even by SIGKILL,
 * and runs in its own session so a terminal's Ctrl-C goes to the supervisor alone.
 */
export function startManagedProcess(options: ManagedProcessOptions): ManagedProcess {
  const stopSignal = options.stopSignal ?? "SIGTERM";
  const setprivArgs = ["--pdeathsig", stopSignal.replace(/^SIG/, "")];
  if (options.user) setprivArgs.push(`--reuid=${options.user}`, `--regid=${options.user}`, "--init-groups");
  const child = spawn("setpriv", [...setprivArgs, "--", options.command, ...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    // Own session: a terminal's Ctrl-C reaches only the supervisor, which stops parts in order.
    detached: true,
  });
  if (child.pid === undefined) throw new Error(`could not start ${options.name} (${options.command})`);
  if (options.logFile) mkdirSync(dirname(options.logFile), { recursive: true });
  const log = options.logFile ? createWriteStream(options.logFile, { flags: "a" }) : undefined;
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    log?.write(chunk);
    for (const line of chunk.toString().split("\n")) if (line.trim()) tail.push(line);
    tail.splice(0, Math.max(0, tail.length - 30));
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let stopping = false;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      log?.end();
      if (!stopping) {
        options.logger.error(
          `${options.name} exited unexpectedly (code ${code}, signal ${signal}); last output:\n${tail.join("\n")}`,
        );
        options.onUnexpectedExit?.(code, signal);
      }
      resolve();
    });
  });
  return {
    pid: child.pid,
    child,
    exited,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      stopping = true;
      child.kill(stopSignal);
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a command to completion, returning stdout; throws with stderr on failure. */
export function run(
  command: string,
  args: string[],
  opts: { user?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<string> {
  const [cmd, fullArgs] = opts.user
    ? ["setpriv", [`--reuid=${opts.user}`, `--regid=${opts.user}`, "--init-groups", "--", command, ...args]]
    : [command, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd as string, fullArgs as string[], { env: opts.env ?? process.env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} failed (${code}): ${err || out}`)),
    );
    child.stdin.on("error", () => {}); // commands that never read stdin close it early
    child.stdin.end(opts.input ?? "");
  });
}
