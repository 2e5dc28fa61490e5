import { connect } from "node:net";
import { join } from "node:path";
import type { StackConfig } from "../config/stack-config.ts";
import { freePort } from "../process/free-port.ts";
import type { Logger } from "../process/log.ts";
import { type ManagedProcess, startManagedProcess } from "../process/managed-process.ts";
import { denoArgs, functionsDir, resolveFunction } from "./discovery.ts";
import { buildFunctionEnv, readEnvFile } from "./function-env.ts";
import type { ProxyTarget } from "./proxy.ts";
import { bootError, notFound, type RelayError, workerError } from "./relay-errors.ts";

export type WorkerOptions = {
  config: StackConfig;
  /** Logger for this function's lines (already prefixed with its name). */
  logger: Logger;
  denoPath: string;
  preloadPath?: string;
  logFile: string;
  hostEnv: NodeJS.ProcessEnv;
  /** How long a process may take to listen (the first boot downloads npm packages). */
  bootTimeoutMs: number;
  /** How long a replaced process may keep serving its in-flight requests. */
  drainTimeoutMs: number;
};

/** One Deno process serving one version of the function's code. */
type Generation = {
  proc: ManagedProcess;
  port: number;
  inflight: number;
  alive: boolean;
  retiring: boolean;
  /** It broke a request; it is killed after a grace period, whatever is in flight. */
  broken?: boolean;
  drainTimer?: NodeJS.Timeout;
};

const BROKEN_GRACE_MS = 2_000;

export type Acquired = { ok: true; target: ProxyTarget } | { ok: false; error: RelayError };

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, "g");
const stripAnsi = (text: string) => text.replace(ANSI, "");

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Keeps one function's Deno process: started on first use, kept warm, restarted after
 * a crash on the next request, and replaced on reload while the old one finishes the
 * requests it is serving.
 */
export class FunctionWorker {
  private current: Generation | undefined;
  private booting: Promise<Generation | RelayError> | undefined;
  /** Bumped by every reload; a boot that started on older sources is thrown away. */
  private version = 0;
  private stopped = false;
  private readonly generations = new Set<Generation>();

  constructor(
    readonly name: string,
    private readonly options: WorkerOptions,
  ) {}

  /** True while a process is up and serving (for status and tests). */
  get warm(): boolean {
    return this.current?.alive === true;
  }

  /** The pid of the serving process, if any (for tests that kill it). */
  get pid(): number | undefined {
    return this.current?.alive ? this.current.proc.pid : undefined;
  }

  /** Gets a process ready to take one request, booting it if needed. */
  async acquire(): Promise<Acquired> {
    if (this.stopped) return { ok: false, error: workerError("the functions runtime is stopping") };
    const result = this.current?.alive ? this.current : await this.ensureBooted();
    if (!("proc" in result)) return { ok: false, error: result };
    if (!result.alive) return { ok: false, error: workerError("the function process exited right after it started") };
    const gen = result;
    gen.inflight++;
    let released = false;
    return {
      ok: true,
      target: {
        port: gen.port,
        release: () => {
          if (released) return;
          released = true;
          gen.inflight--;
          if (gen.retiring && !gen.broken && gen.inflight === 0) void this.kill(gen);
        },
        failed: (reason) => {
          this.options.logger.warn(`process ${gen.proc.pid} broke a request (${reason}); it will be restarted`);
          this.retire(gen, true);
        },
      },
    };
  }

  /** Boots in the background so the first request does not wait (errors only go to the log). */
  warmUp(): Promise<void> {
    if (this.stopped || this.current?.alive) return Promise.resolve();
    return this.ensureBooted().then(() => undefined);
  }

  /**
   * Serves new sources: new requests go to a fresh process; the old one finishes its
   * in-flight requests first. Cold functions stay cold (they boot on their next request).
   */
  reload(reason: string): void {
    if (this.stopped) return;
    this.version++;
    const old = this.current;
    if (!old && !this.booting) return;
    this.options.logger.info(`reloading: ${reason}`);
    if (old) {
      this.retire(old, false);
      void this.warmUp();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.version++;
    const booting = this.booting;
    await Promise.all([...this.generations].map((gen) => this.kill(gen)));
    if (booting) await booting;
    await Promise.all([...this.generations].map((gen) => this.kill(gen)));
  }

  private ensureBooted(): Promise<Generation | RelayError> {
    this.booting ??= this.bootLoop().finally(() => {
      this.booting = undefined;
    });
    return this.booting;
  }

  private async bootLoop(): Promise<Generation | RelayError> {
    for (;;) {
      const version = this.version;
      const result = await this.boot();
      const isGen = "proc" in result;
      if (this.stopped) {
        if (isGen) await this.kill(result);
        return workerError("the functions runtime is stopping");
      }
      if (version === this.version) {
        if (isGen) this.current = result;
        return result;
      }
      // The sources changed while this process booted: it runs old code, boot again.
      if (isGen) this.retire(result, false);
    }
  }

  private async boot(): Promise<Generation | RelayError> {
    const { config, logger } = this.options;
    const spec = resolveFunction(config, this.name);
    if (!spec) return notFound();
    const port = await freePort();
    const envFile = readEnvFile(join(functionsDir(config), ".env"));
    for (const warning of envFile.warnings) logger.warn(`supabase/functions/.env ${warning}`);
    const { env, ignored } = buildFunctionEnv({ config, fileVars: envFile.vars, hostEnv: this.options.hostEnv, port });
    if (ignored.length > 0) {
      logger.warn(`supabase/functions/.env: ignoring ${ignored.join(", ")} (names starting with SUPABASE_ are reserved)`);
    }
    const output: string[] = [];
    const started = Date.now();
    let gen: Generation | undefined;
    const proc = startManagedProcess({
      name: `function ${this.name}`,
      command: this.options.denoPath,
      args: denoArgs(spec, this.options.preloadPath),
      env,
      cwd: spec.dir,
      logFile: this.options.logFile,
      logger,
      onUnexpectedExit: () => {
        if (!gen) return;
        gen.alive = false;
        clearTimeout(gen.drainTimer);
        this.generations.delete(gen);
        if (this.current === gen) this.current = undefined;
      },
    });
    gen = { proc, port, inflight: 0, alive: true, retiring: false };
    this.generations.add(gen);
    this.forwardOutput(proc, output);

    const outcome = await this.waitUntilListening(proc, port);
    if (outcome === "listening") {
      logger.info(`serving (pid ${proc.pid}, port ${port}, booted in ${Date.now() - started} ms)`);
      return gen;
    }
    await this.kill(gen);
    if (outcome === "stopped") return workerError("the functions runtime is stopping");
    const detail =
      outcome === "timeout"
        ? `did not listen within ${Math.round(this.options.bootTimeoutMs / 1000)} s; does ${spec.entrypoint} call Deno.serve()?`
        : output.join("\n").trim() || `deno exited with code ${proc.child.exitCode} before listening`;
    logger.error(`failed to boot: ${detail.split("\n")[0]}`);
    return bootError(detail);
  }

  private async waitUntilListening(proc: ManagedProcess, port: number): Promise<"listening" | "exited" | "timeout" | "stopped"> {
    let exited = false;
    void proc.exited.then(() => {
      exited = true;
    });
    const deadline = Date.now() + this.options.bootTimeoutMs;
    let delay = 10;
    while (Date.now() < deadline) {
      if (this.stopped) return "stopped";
      if (exited) return "exited";
      if (await canConnect(port)) return exited ? "exited" : "listening";
      await Promise.race([sleep(delay), proc.exited]);
      delay = Math.min(delay * 2, 100);
    }
    return "timeout";
  }

  /** Copies each output line to the stack log (prefixed) and keeps the boot output for error answers. */
  private forwardOutput(proc: ManagedProcess, bootOutput: string[]): void {
    const { logger } = this.options;
    const follow = (stream: NodeJS.ReadableStream | null, write: (line: string) => void) => {
      let partial = "";
      stream?.on("data", (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split("\n");
        partial = lines.pop() ?? "";
        for (const raw of lines) {
          const line = stripAnsi(raw).trimEnd();
          if (!line) continue;
          bootOutput.push(line);
          if (bootOutput.length > 60) bootOutput.shift();
          write(line);
        }
      });
    };
    follow(proc.child.stdout, (line) => logger.info(line));
    follow(proc.child.stderr, (line) => (/^(Download|Listening on) /.test(line) ? logger.info(line) : logger.warn(line)));
  }

  /**
   * Takes a process out of service; it stops once its in-flight requests are done. A
   * broken one is usually dying already: it gets a moment to exit on its own, so its
   * last words (the uncaught error) reach the log, before it is killed.
   */
  private retire(gen: Generation, broken: boolean): void {
    if (this.current === gen) this.current = undefined;
    if (broken && !gen.broken) {
      gen.broken = true;
      gen.retiring = true;
      clearTimeout(gen.drainTimer);
      gen.drainTimer = setTimeout(() => void this.kill(gen), BROKEN_GRACE_MS);
      gen.drainTimer.unref();
      return;
    }
    if (gen.retiring) return;
    gen.retiring = true;
    if (gen.inflight === 0) {
      void this.kill(gen);
      return;
    }
    gen.drainTimer = setTimeout(() => void this.kill(gen), this.options.drainTimeoutMs);
    gen.drainTimer.unref();
  }

  private async kill(gen: Generation): Promise<void> {
    clearTimeout(gen.drainTimer);
    gen.alive = false;
    if (this.current === gen) this.current = undefined;
    this.generations.delete(gen);
    await gen.proc.stop(5_000);
  }
}
