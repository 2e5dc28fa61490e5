import postgres from "postgres";
import type { Logger } from "../process/log.ts";
import { type PgNetResult, performRequest, type QueuedRequest } from "./http-request.ts";

/** The channel `net.http_request_queue`'s insert trigger (and `net.wake()`) notifies on commit. */
export const NET_WAKE_CHANNEL = "devstack_pg_net";

export type NetWorkerOptions = {
  /** Superuser connection string: the worker reads and deletes queue rows of every caller. */
  dbUrl: string;
  logger: Logger;
  /** Requests in flight at once (pg_net's curl multi handle has no smaller bound than its batch). */
  concurrency?: number;
  /** Safety-net poll in case a NOTIFY was missed (listener reconnecting, DB restart). */
  pollIntervalMs?: number;
  /** How often responses older than `pg_net.ttl` (default 6 hours) are deleted. */
  pruneIntervalMs?: number;
  /** How long `stop()` lets in-flight requests finish before cancelling them. */
  stopGraceMs?: number;
};

export type NetWorker = {
  /** Requests currently being performed. */
  inFlight(): number;
  stop(): Promise<void>;
};

type QueueRow = {
  id: string;
  method: string;
  url: string;
  timeout_milliseconds: number;
  headers: Array<[string, string]>;
  body: Buffer | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs pg_net's background worker outside Postgres: takes committed rows from
 * `net.http_request_queue` (woken by NOTIFY, with a slow poll as a safety net), performs
 * them concurrently up to a bound, stores each outcome in `net._http_response` and prunes
 * expired responses. Database errors are logged and retried, never fatal, so a Postgres
 * restart only delays requests.
 */
export async function startNetWorker(options: NetWorkerOptions): Promise<NetWorker> {
  const { logger } = options;
  const concurrency = options.concurrency ?? 32;
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const pruneIntervalMs = options.pruneIntervalMs ?? 60_000;
  const stopGraceMs = options.stopGraceMs ?? 3_000;

  const sql = postgres(options.dbUrl, {
    max: 2,
    idle_timeout: 60,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: "pg_net worker" },
  });

  const inFlight = new Map<string, { done: Promise<void>; abort: AbortController }>();
  let stopped = false;
  let running = false;
  let again = false;
  let dbHealthy = true;

  const dbFailed = (what: string, e: unknown) => {
    if (stopped) return;
    if (dbHealthy) logger.warn(`${what} failed, will retry: ${(e as Error).message}`);
    dbHealthy = false;
  };
  const dbOk = () => {
    if (!dbHealthy) logger.info("database reachable again; pg_net queue processing resumed");
    dbHealthy = true;
  };

  const claim = async (limit: number): Promise<QueuedRequest[]> => {
    const rows = await sql<QueueRow[]>`
      with rows as (
        select id from net.http_request_queue order by id limit ${limit} for update skip locked
      )
      delete from net.http_request_queue q
       using rows
       where q.id = rows.id
      returning q.id::text as id,
                q.method::text as method,
                q.url,
                q.timeout_milliseconds,
                case when jsonb_typeof(q.headers) = 'object' then
                  coalesce((select jsonb_agg(jsonb_build_array(h.key, h.value) order by h.key)
                              from jsonb_each_text(q.headers) h
                             where h.value is not null), '[]'::jsonb)
                else '[]'::jsonb end as headers,
                q.body`;
    return rows.map((r) => ({
      id: r.id,
      method: r.method,
      url: r.url,
      headers: r.headers,
      body: r.body,
      timeoutMs: r.timeout_milliseconds,
    }));
  };

  const store = async (id: string, r: PgNetResult) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await sql`
          insert into net._http_response (id, status_code, content, headers, content_type, timed_out, error_msg)
          values (${id}::bigint, ${r.statusCode}, ${r.content}, ${r.headers === null ? null : sql.json(r.headers)},
                  ${r.contentType}, ${r.timedOut}, ${r.errorMsg})`;
        dbOk();
        return;
      } catch (e) {
        if (attempt >= 6 || stopped) {
          logger.error(`dropping the response of pg_net request ${id}: ${(e as Error).message}`);
          return;
        }
        dbFailed("storing a pg_net response", e);
        await sleep(250 * 2 ** attempt);
      }
    }
  };

  const launch = (req: QueuedRequest) => {
    const abort = new AbortController();
    const done = performRequest(req, abort.signal)
      .then((result) => store(req.id, result))
      .catch((e) => logger.error(`pg_net request ${req.id} failed unexpectedly: ${(e as Error).message}`))
      .finally(() => {
        inFlight.delete(req.id);
        kick();
      });
    inFlight.set(req.id, { done, abort });
  };

  const drain = async () => {
    do {
      again = false;
      const free = concurrency - inFlight.size;
      if (free <= 0) return; // a finishing request kicks again
      let batch: QueuedRequest[];
      try {
        batch = await claim(free);
        dbOk();
      } catch (e) {
        dbFailed("reading net.http_request_queue", e);
        return;
      }
      if (stopped) {
        // Taken just as we stopped: record them rather than losing them silently.
        for (const req of batch) launch(req);
        for (const { abort } of inFlight.values()) abort.abort();
        return;
      }
      for (const req of batch) launch(req);
      if (batch.length === free) again = true;
    } while (again && !stopped);
  };

  function kick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    void drain().finally(() => {
      running = false;
      if (again && !stopped) kick();
    });
  }

  const prune = async () => {
    try {
      await sql`
        delete from net._http_response
         where created < now() - coalesce(nullif(current_setting('pg_net.ttl', true), ''), '6 hours')::interval`;
    } catch (e) {
      dbFailed("pruning net._http_response", e);
    }
  };

  // Fail the start if the database or the shim's tables are missing: that is a setup error.
  await sql`select 1 from net.http_request_queue limit 0`;
  const listener = await sql.listen(
    NET_WAKE_CHANNEL,
    () => kick(),
    () => kick(),
  );
  await prune();
  const poll = setInterval(kick, pollIntervalMs);
  const pruneTimer = setInterval(() => void prune(), pruneIntervalMs);
  kick();
  logger.info(`pg_net worker running (concurrency ${concurrency})`);

  return {
    inFlight: () => inFlight.size,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(poll);
      clearInterval(pruneTimer);
      await listener.unlisten().catch(() => {});
      const pending = () => Promise.all([...inFlight.values()].map((f) => f.done));
      const graceful = await Promise.race([pending().then(() => true), sleep(stopGraceMs).then(() => false)]);
      if (!graceful) {
        logger.warn(`cancelling ${inFlight.size} pg_net request(s) still in flight`);
        for (const { abort } of inFlight.values()) abort.abort();
        await pending();
      }
      while (running) await sleep(10);
      await sql.end({ timeout: 5 });
    },
  };
}
