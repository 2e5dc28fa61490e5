import type postgres from "postgres";
import type { Logger } from "../process/log.ts";
import type { Policies } from "./authorization.ts";
import { type PresenceDiff, PresenceTracker } from "./presence.ts";
import { encodeMessage, encodeUserBroadcast, type OutboundFrame, type UserBroadcast, type Vsn } from "./serializer.ts";

/** What the channel machinery needs from the outside world. */
export type RealtimeDeps = {
  /** supabase_admin pool: RLS checks switch role inside rolled-back transactions. */
  sql: postgres.Sql;
  jwtSecret: Uint8Array;
  logger: Logger;
  /** Largest broadcast or presence payload accepted, in bytes (Realtime's tenant limit). */
  maxPayloadBytes: number;
};

/** A broadcast on its way to subscribers: a user broadcast (binary-capable) or a plain Phoenix broadcast payload. */
export type BroadcastMessage = { kind: "user"; broadcast: UserBroadcast } | { kind: "json"; payload: Record<string, unknown> };

/** The hub's view of a joined channel. */
export type Subscriber = {
  readonly topic: string;
  readonly scope: string;
  readonly vsn: Vsn;
  readonly isPrivate: boolean;
  policies: Policies | null;
  readonly replayedIds: ReadonlySet<string>;
  send(frame: OutboundFrame): void;
};

/** Public and private channels with the same name are different rooms, as on Realtime. */
export const scopeOf = (subTopic: string, isPrivate: boolean) => `${isPrivate ? "private" : "public"}:${subTopic}`;

function messageId(m: BroadcastMessage): string | undefined {
  const meta = m.kind === "user" ? m.broadcast.metadata : (m.payload.meta as Record<string, unknown> | undefined);
  const id = meta?.id;
  return typeof id === "string" ? id : undefined;
}

/**
 * The server's PubSub: which channels listen on which topic, fan-out of broadcasts and
 * presence diffs with Realtime's read gating, and the presence tracker. Each message is
 * encoded once per serializer version.
 */
export class RealtimeHub {
  readonly presence = new PresenceTracker<Subscriber>();
  private readonly scopes = new Map<string, Set<Subscriber>>();

  constructor(readonly deps: RealtimeDeps) {}

  subscribe(s: Subscriber): void {
    let set = this.scopes.get(s.scope);
    if (!set) {
      set = new Set();
      this.scopes.set(s.scope, set);
    }
    set.add(s);
  }

  /** Leaving also ends the subscriber's presence, which the others see as a leave diff. */
  unsubscribe(s: Subscriber): void {
    const set = this.scopes.get(s.scope);
    set?.delete(s);
    if (set && set.size === 0) this.scopes.delete(s.scope);
    const diff = this.presence.untrack(s.scope, s);
    if (diff) this.publishPresenceDiff(s.scope, s.topic, diff);
  }

  subscriberCount(): number {
    let n = 0;
    for (const set of this.scopes.values()) n += set.size;
    return n;
  }

  /** Delivers to every subscriber allowed to read broadcasts, except `from` (a sender without `self`). */
  publishBroadcast(subTopic: string, isPrivate: boolean, message: BroadcastMessage, from?: Subscriber): void {
    const set = this.scopes.get(scopeOf(subTopic, isPrivate));
    if (!set) return;
    const topic = `realtime:${subTopic}`;
    const id = messageId(message);
    const cache = new Map<Vsn, OutboundFrame | null>();
    for (const s of set) {
      if (s === from) continue;
      if (s.isPrivate && s.policies?.broadcast.read !== true) continue;
      if (id && s.replayedIds.has(id)) continue;
      let frame = cache.get(s.vsn);
      if (frame === undefined) {
        frame =
          message.kind === "user"
            ? encodeUserBroadcast(s.vsn, topic, message.broadcast)
            : encodeMessage(s.vsn, { joinRef: null, ref: null, topic, event: "broadcast", payload: message.payload });
        cache.set(s.vsn, frame);
      }
      if (frame !== null) s.send(frame);
    }
  }

  /** Presence diffs reach public subscribers and private ones allowed to read presence. */
  publishPresenceDiff(scope: string, topic: string, diff: PresenceDiff): void {
    const set = this.scopes.get(scope);
    if (!set) return;
    const cache = new Map<Vsn, string>();
    for (const s of set) {
      if (s.isPrivate && s.policies?.presence.read !== true) continue;
      let frame = cache.get(s.vsn);
      if (frame === undefined) {
        frame = encodeMessage(s.vsn, { joinRef: null, ref: null, topic, event: "presence_diff", payload: diff });
        cache.set(s.vsn, frame);
      }
      s.send(frame);
    }
  }
}
