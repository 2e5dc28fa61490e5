import type { RealtimeChannel } from "@supabase/supabase-js";
import { supabase } from "../../../lib/supabase.ts";

/** What the database tells a reader about an entity (docs/permissions.md, "Live changes"): ids and versions, never values. */
export type EntityChange = {
  entity_id: string;
  blueprint_id: string;
  version: number;
  change: "created" | "changed" | "added" | "removed";
};

export type ChannelStatus = "connecting" | "live" | "offline";

type Subscriber = { onChange: (change: EntityChange) => void; onStatus: (status: ChannelStatus) => void };
type Shared = { channel: RealtimeChannel | null; subscribers: Set<Subscriber>; status: ChannelStatus; closed: boolean };

const shared = new Map<string, Shared>();

function parseChange(payload: unknown): EntityChange | null {
  const value = (payload ?? {}) as Partial<EntityChange>;
  if (typeof value.entity_id !== "string" || typeof value.blueprint_id !== "string" || typeof value.version !== "number") {
    return null;
  }
  if (value.change !== "created" && value.change !== "changed" && value.change !== "added" && value.change !== "removed") {
    return null;
  }
  return { entity_id: value.entity_id, blueprint_id: value.blueprint_id, version: value.version, change: value.change };
}

function setStatus(entry: Shared, status: ChannelStatus) {
  entry.status = status;
  for (const subscriber of entry.subscribers) subscriber.onStatus(status);
}

/**
 * Joins the user's private entity channel (`entities:<user id>`; RLS on realtime.messages lets
 * only them in) once, however many screens listen: supabase-js hands out one channel per
 * topic, so screens share it and the last one to leave closes it.
 */
export function subscribeEntityChanges(userId: string, subscriber: Subscriber): () => void {
  const topic = `entities:${userId}`;
  let entry = shared.get(topic);
  if (!entry) {
    const created: Shared = { channel: null, subscribers: new Set(), status: "connecting", closed: false };
    entry = created;
    shared.set(topic, created);
    // The channel is private: Realtime checks the user's token when it is joined.
    void supabase.realtime.setAuth().then(() => {
      if (created.closed) return;
      const channel = supabase.channel(topic, { config: { private: true } });
      created.channel = channel;
      channel.on("broadcast", { event: "entity_changed" }, ({ payload }) => {
        const change = parseChange(payload);
        if (change) for (const s of created.subscribers) s.onChange(change);
      });
      channel.subscribe((status) => {
        if (created.closed) return;
        setStatus(
          created,
          status === "SUBSCRIBED"
            ? "live"
            : status === "CLOSED" || status === "CHANNEL_ERROR" || status === "TIMED_OUT"
              ? "offline"
              : "connecting",
        );
      });
    });
  }
  const current = entry;
  current.subscribers.add(subscriber);
  subscriber.onStatus(current.status);
  return () => {
    current.subscribers.delete(subscriber);
    if (current.subscribers.size > 0) return;
    current.closed = true;
    shared.delete(topic);
    if (current.channel) void supabase.removeChannel(current.channel);
  };
}
