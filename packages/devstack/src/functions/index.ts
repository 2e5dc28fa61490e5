import { mkdirSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PartContext, StackPart } from "../parts.ts";
import { resolveDenoBinary } from "./deno-binary.ts";
import { functionsDir, listFunctions, resolveFunction } from "./discovery.ts";
import { checkAuthorization } from "./jwt-gate.ts";
import { proxyRequest } from "./proxy.ts";
import { notFound, sendRelayError, workerError } from "./relay-errors.ts";
import { type FunctionsWatcher, watchFunctions } from "./watcher.ts";
import { FunctionWorker } from "./worker.ts";

export { classifyChange } from "./watcher.ts";

export type FunctionsOptions = {
  /** Boot every function in the background after start (default true), so first calls are fast. */
  prewarm?: boolean;
  bootTimeoutMs?: number;
  drainTimeoutMs?: number;
  /** Host environment the basics (PATH, HOME, DENO_DIR, proxies) are taken from. */
  hostEnv?: NodeJS.ProcessEnv;
};

/** A running functions part; `workers` is exposed for status output and tests. */
export type FunctionsPart = StackPart & { workers: ReadonlyMap<string, FunctionWorker> };

const PRELOAD = fileURLToPath(new URL("./edge-runtime-preload.ts", import.meta.url));

/**
 * The edge functions runtime: real Deno, one process per function, behind an HTTP
 * server that plays the platform's role (routing `/<name>/...`, `verify_jwt`, relay
 * errors), so functions run exactly as they will on hosted Supabase.
 */
export async function startFunctions(ctx: PartContext, options: FunctionsOptions = {}): Promise<FunctionsPart> {
  const { config, logger } = ctx;
  const denoPath = resolveDenoBinary(config.projectRoot);
  const logsDir = join(config.workdir, "logs");
  mkdirSync(logsDir, { recursive: true });
  const secret = new TextEncoder().encode(config.jwtSecret);
  const workers = new Map<string, FunctionWorker>();
  let stopping = false;

  const workerFor = (name: string): FunctionWorker => {
    let worker = workers.get(name);
    if (!worker) {
      worker = new FunctionWorker(name, {
        config,
        logger: logger.child(`functions/${name}`),
        denoPath,
        preloadPath: PRELOAD,
        logFile: join(logsDir, `functions-${name}.log`),
        hostEnv: options.hostEnv ?? process.env,
        bootTimeoutMs: options.bootTimeoutMs ?? 90_000,
        drainTimeoutMs: options.drainTimeoutMs ?? 60_000,
      });
      workers.set(name, worker);
    }
    return worker;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname === "/_internal/health") {
      req.resume();
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ message: "ok" }));
      return;
    }
    let name = "";
    try {
      name = decodeURIComponent(url.pathname.split("/")[1] ?? "");
    } catch {
      // a malformed escape is simply not a function name
    }
    const spec = resolveFunction(config, name);
    if (!spec || stopping) {
      req.resume();
      sendRelayError(res, stopping ? workerError("the functions runtime is stopping") : notFound());
      return;
    }
    // Preflights pass unchecked, as on the platform: browsers never send credentials with them.
    if (req.method !== "OPTIONS" && spec.verifyJwt) {
      const refusal = await checkAuthorization(req.headers.authorization, secret);
      if (refusal) {
        req.resume();
        sendRelayError(res, refusal);
        return;
      }
    }
    const acquired = await workerFor(spec.name).acquire();
    if (!acquired.ok) {
      req.resume();
      sendRelayError(res, acquired.error);
      return;
    }
    await proxyRequest(req, res, acquired.target);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      logger.error(`request ${req.method} ${req.url} failed: ${error.stack ?? error.message}`);
      sendRelayError(res, workerError(error.message));
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.ports.functions, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => ctx.onFatal(error));

  const available = listFunctions(config);
  logger.info(
    `listening on 127.0.0.1:${config.ports.functions} (deno ${denoPath}); functions: ${available.map((f) => f.name).join(", ") || "none"}`,
  );

  let watcher: FunctionsWatcher | undefined;
  if (config.watch) {
    watcher = watchFunctions(
      functionsDir(config),
      ({ all, names, files }) => {
        const reason = `changed ${files.slice(0, 3).join(", ")}${files.length > 3 ? ", ..." : ""}`;
        for (const worker of workers.values()) if (all || names.has(worker.name)) worker.reload(reason);
      },
      (error) => logger.warn(`watching ${functionsDir(config)} failed: ${error.message}; reload on change is off`),
    );
  }

  if (options.prewarm ?? true) {
    // Sequential and after start, so a stack start is not slowed by Deno boots.
    setImmediate(async () => {
      for (const spec of available) {
        if (stopping) return;
        await workerFor(spec.name).warmUp();
      }
    });
  }

  return {
    name: "functions",
    workers,
    async stop() {
      stopping = true;
      watcher?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([...workers.values()].map((worker) => worker.stop()));
      await closed;
    },
  };
}
