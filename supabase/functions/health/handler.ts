import { methodNotAllowed, toErrorResponse } from "../_shared/errors.ts";
import { json, preflight } from "../_shared/http.ts";

/** Everything the health check touches, injected so it is testable without Deno or a database. */
export type HealthDeps = {
  /** Runs a trivial query (`select 1`); rejects when the database cannot be reached. */
  pingDb(): Promise<void>;
  /** Monotonic milliseconds, to measure the database round trip. */
  monotonicMs(): number;
  /** Wall clock, reported as `time`. */
  now(): Date;
  /** Give up waiting for the database after this long (default 3000 ms). */
  dbTimeoutMs?: number;
};

export type HealthReport = {
  status: "ok" | "unavailable";
  db: { ok: boolean; latency_ms: number; message?: string };
  time: string;
  error?: { code: string; message: string };
};

const ALLOWED_METHODS = ["GET", "POST"] as const;

/** Resolves with the ping's outcome, or a timeout error, and never leaves a timer behind. */
async function pingWithTimeout(deps: HealthDeps): Promise<{ ok: true } | { ok: false; reason: string }> {
  const timeoutMs = deps.dbTimeoutMs ?? 3000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([deps.pingDb(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Reports whether the function runtime can reach the database, so monitors and the
 * devstack's acceptance tests see the whole path (gateway -> runtime -> Postgres) work.
 */
export function createHandler(deps: HealthDeps): (req: Request) => Promise<Response> {
  return async (req) => {
    try {
      const pre = preflight(req);
      if (pre) return pre;
      if (!(ALLOWED_METHODS as readonly string[]).includes(req.method)) return methodNotAllowed(ALLOWED_METHODS);
      const started = deps.monotonicMs();
      const result = await pingWithTimeout(deps);
      const latency = Math.max(0, Math.round((deps.monotonicMs() - started) * 10) / 10);
      const time = deps.now().toISOString();
      if (result.ok) {
        const report: HealthReport = { status: "ok", db: { ok: true, latency_ms: latency }, time };
        return json(report, { status: 200 });
      }
      const message = `database unreachable: ${result.reason}`;
      const report: HealthReport = {
        status: "unavailable",
        db: { ok: false, latency_ms: latency, message },
        time,
        error: { code: "DB_UNAVAILABLE", message },
      };
      return json(report, { status: 503, headers: { "Retry-After": "5" } });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
