/**
 * The `phx_join` payload realtime-js sends:
 * `{config: {broadcast: {self, ack, replay?}, presence: {key, enabled}, postgres_changes: [], private}, access_token?}`.
 * Parsed leniently like Realtime (an invalid field falls back to its default and is reported).
 */
export type JoinPayload = {
  private: boolean;
  self: boolean;
  ack: boolean;
  /** The client wants a `system` message once broadcasts from the database can flow. */
  replicationReady: boolean;
  presenceEnabled: boolean;
  /** Null: the server picks a random key, as Realtime does for a missing or empty key. */
  presenceKey: string | null;
  postgresChanges: unknown[];
  /** The raw `broadcast.replay` object when the client asked for replay. */
  replay: Record<string, unknown> | null;
  /** Token to authorize with; null means "use the socket's apikey". */
  accessToken: string | null;
  /** Human-readable reasons for fields that fell back to their defaults. */
  invalid: string[];
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Realtime's FlexibleBoolean: booleans, or "true"/"false" in any case. */
export function flexibleBoolean(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const v = value.toLowerCase();
    if (v === "true") return true;
    if (v === "false") return false;
  }
  return undefined;
}

function presenceKeyOf(key: unknown): string | null {
  if (key === null || key === undefined || key === "") return null;
  if (typeof key === "string") return key;
  if (typeof key === "number" || typeof key === "boolean") return String(key);
  return JSON.stringify(key);
}

export function parseJoinPayload(payload: unknown): JoinPayload {
  const params = isObject(payload) ? payload : {};
  const invalid: string[] = [];
  const bool = (container: Record<string, unknown>, field: string, path: string): boolean => {
    if (!(field in container) || container[field] === null) return false;
    const b = flexibleBoolean(container[field]);
    if (b === undefined) invalid.push(`${path}: unable to parse, expected boolean`);
    return b ?? false;
  };
  const section = (container: Record<string, unknown>, field: string, path: string): Record<string, unknown> => {
    const v = container[field];
    if (v === undefined || v === null) return {};
    if (!isObject(v)) {
      invalid.push(`${path}: unable to parse, expected a map`);
      return {};
    }
    return v;
  };

  const config = section(params, "config", "config");
  const broadcast = section(config, "broadcast", "config.broadcast");
  const presence = section(config, "presence", "config.presence");
  const pgRaw = config.postgres_changes;
  let postgresChanges: unknown[] = [];
  if (Array.isArray(pgRaw)) postgresChanges = pgRaw.filter((p) => p !== null && p !== undefined);
  else if (pgRaw !== undefined && pgRaw !== null)
    invalid.push("config.postgres_changes: unable to parse, expected an array of maps");

  const replay = broadcast.replay;
  return {
    private: bool(config, "private", "config.private"),
    self: bool(broadcast, "self", "config.broadcast.self"),
    ack: bool(broadcast, "ack", "config.broadcast.ack"),
    replicationReady: bool(broadcast, "replication_ready", "config.broadcast.replication_ready"),
    presenceEnabled: bool(presence, "enabled", "config.presence.enabled"),
    presenceKey: presenceKeyOf(presence.key),
    postgresChanges,
    replay: isObject(replay) ? replay : null,
    accessToken: pickAccessToken(params),
    invalid,
  };
}

/** Realtime prefers `user_token`, then `access_token`; publishable `sb_` keys mean "use the socket's key". */
function pickAccessToken(params: Record<string, unknown>): string | null {
  const first = params.access_token || params.user_token;
  if (typeof first === "string" && first.startsWith("sb_")) return null;
  if (typeof params.user_token === "string") return params.user_token;
  if (typeof params.access_token === "string") return params.access_token;
  return null;
}
