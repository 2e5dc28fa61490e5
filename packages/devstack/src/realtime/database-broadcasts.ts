import type postgres from "postgres";
import type { Logger } from "../process/log.ts";
import { type StoredMessage, toStoredMessage } from "./replay.ts";

/** The NOTIFY channel of the insert trigger in realtime/schema.sql. */
export const NOTIFY_CHANNEL = "devstack_realtime_messages";
/** Supabase drops broadcast history after 72 hours (its replay window). */
export const RETENTION = "72 hours";
const RETENTION_EVERY_MS = 10 * 60_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DatabaseBroadcasts = { stop(): Promise<void> };

/**
 * Delivers rows inserted into realtime.messages (realtime.send and friends) after their
 * transaction commits: the trigger NOTIFYs the id, this reads the rows in batches, in
 * commit order, and hands them to `deliver`. Also purges rows past the retention window.
 */
export async function startDatabaseBroadcasts(
  sql: postgres.Sql,
  deliver: (m: StoredMessage) => void,
  logger: Logger,
): Promise<DatabaseBroadcasts> {
  let pending: string[] = [];
  let scheduled = false;
  let chain: Promise<void> = Promise.resolve();

  const flush = async () => {
    const ids = pending;
    pending = [];
    if (ids.length === 0) return;
    const rows = await sql<
      {
        id: string;
        topic: string;
        event: string;
        private: boolean | null;
        payload: string | null;
        binary_payload: Buffer | null;
      }[]
    >`select id::text as id, topic, event, private, payload::text as payload, binary_payload
        from realtime.messages where id = any(${ids}::uuid[])`;
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const row = byId.get(id);
      if (!row || row.event === null || (row.payload === null && row.binary_payload === null)) continue;
      try {
        deliver(toStoredMessage(row));
      } catch (e) {
        logger.error(`UnableToBroadcastChanges: ${(e as Error).message}`);
      }
    }
  };

  const onNotify = (id: string) => {
    if (!UUID.test(id)) return;
    pending.push(id.toLowerCase());
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      chain = chain.then(flush).catch((e: unknown) => logger.error(`UnableToBroadcastChanges: ${(e as Error).message}`));
    });
  };

  const listener = await sql.listen(NOTIFY_CHANNEL, onNotify);

  const purge = () =>
    sql`delete from realtime.messages where inserted_at < (now() - ${RETENTION}::interval)::timestamp`.catch((e: unknown) =>
      logger.warn(`could not purge old realtime.messages: ${(e as Error).message}`),
    );
  void purge();
  const timer = setInterval(() => void purge(), RETENTION_EVERY_MS);
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await listener.unlisten().catch(() => undefined);
      await chain;
    },
  };
}
