import type postgres from "postgres";

/** A stored broadcast from `realtime.messages`. */
export type StoredMessage = {
  id: string;
  topic: string;
  event: string;
  private: boolean;
  /** Parsed JSON payload, or null when the message is binary. */
  payload: unknown;
  /** UTF-8 JSON text of the payload, as stored (null for binary messages). */
  payloadText: string | null;
  binary: Buffer | null;
};

export type ReplayedMessage = StoredMessage;

const HARD_LIMIT = 25;

type Row = {
  id: string;
  topic: string;
  event: string;
  private: boolean | null;
  payload: string | null;
  binary_payload: Buffer | null;
};

export function toStoredMessage(r: Row): StoredMessage {
  return {
    id: r.id,
    topic: r.topic,
    event: r.event,
    private: r.private === true,
    payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown),
    payloadText: r.payload,
    binary: r.binary_payload,
  };
}

/**
 * Realtime's broadcast replay for private channels: the newest `limit` (at most 25) private
 * broadcasts of the topic inserted since `sinceMs`, oldest first.
 */
export async function fetchReplay(sql: postgres.Sql, topic: string, sinceMs: number, limit: number): Promise<ReplayedMessage[]> {
  const n = Math.max(Math.min(limit, HARD_LIMIT), 1);
  const rows = await sql<Row[]>`
    select id::text as id, topic, event, private, payload::text as payload, binary_payload
      from realtime.messages
     where topic = ${topic}
       and private is true
       and extension = 'broadcast'
       and event is not null
       and inserted_at >= to_timestamp(${sinceMs}::double precision / 1000)::timestamp
       and inserted_at < (now() + interval '1 minute')::timestamp
     order by inserted_at desc
     limit ${n}`;
  return rows.map(toStoredMessage).reverse();
}
