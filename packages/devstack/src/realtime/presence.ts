import { randomBytes } from "node:crypto";

/** One tracked presence as Phoenix.Presence lists it: the user's payload plus its refs. */
export type PresenceMeta = Record<string, unknown> & { phx_ref: string; phx_ref_prev?: string };

/** `presence_state` payload: presence key -> metas. */
export type PresenceState = Record<string, { metas: PresenceMeta[] }>;

/** `presence_diff` payload. */
export type PresenceDiff = { joins: PresenceState; leaves: PresenceState };

type Entry = { key: string; meta: PresenceMeta };

/** Phoenix.Tracker's refs: 8 random bytes, base64. */
const newRef = () => randomBytes(8).toString("base64");

function single(key: string, meta: PresenceMeta): PresenceState {
  return { [key]: { metas: [meta] } };
}

/**
 * In-memory Phoenix presence tracker for one server: each owner (a joined channel) holds
 * at most one presence per topic, under the presence key it joined with. Every change
 * returns the `presence_diff` to fan out, in Phoenix's `{joins, leaves}` shape.
 */
export class PresenceTracker<Owner> {
  private readonly topics = new Map<string, Map<Owner, Entry>>();

  track(topic: string, owner: Owner, key: string, payload: Record<string, unknown>): PresenceDiff {
    let entries = this.topics.get(topic);
    if (!entries) {
      entries = new Map();
      this.topics.set(topic, entries);
    }
    const previous = entries.get(owner);
    const meta: PresenceMeta = { ...payload, phx_ref: newRef() };
    if (previous) {
      meta.phx_ref_prev = previous.meta.phx_ref;
      entries.set(owner, { key, meta });
      if (previous.key === key) return { joins: single(key, meta), leaves: single(key, previous.meta) };
      return { joins: single(key, meta), leaves: single(previous.key, previous.meta) };
    }
    entries.set(owner, { key, meta });
    return { joins: single(key, meta), leaves: {} };
  }

  /** Null when the owner tracked nothing on the topic. */
  untrack(topic: string, owner: Owner): PresenceDiff | null {
    const entries = this.topics.get(topic);
    const previous = entries?.get(owner);
    if (!entries || !previous) return null;
    entries.delete(owner);
    if (entries.size === 0) this.topics.delete(topic);
    return { joins: {}, leaves: single(previous.key, previous.meta) };
  }

  list(topic: string): PresenceState {
    const state: PresenceState = {};
    for (const { key, meta } of this.topics.get(topic)?.values() ?? []) {
      const slot = state[key];
      if (slot) slot.metas.push(meta);
      else state[key] = { metas: [meta] };
    }
    return state;
  }
}

/** Structural equality of JSON values (key order ignored), as Elixir compares maps. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameJson(v, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const bo = b as Record<string, unknown>;
  const ao = a as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(bo, k) && sameJson(ao[k], bo[k]));
}
