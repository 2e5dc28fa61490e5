import { randomUUID } from "node:crypto";
import type { RawData, WebSocket } from "ws";
import {
  type AuthorizationContext,
  AuthorizationError,
  type Extension,
  emptyPolicies,
  type Policies,
  readAuthorizations,
  writeAuthorizations,
} from "./authorization.ts";
import { type BroadcastMessage, type RealtimeHub, type Subscriber, scopeOf } from "./hub.ts";
import { parseJoinPayload } from "./join-payload.ts";
import { type Claims, joinErrorReason, shutdownMessage, verifyToken } from "./jwt.ts";
import { sameJson } from "./presence.ts";
import { fetchReplay, type ReplayedMessage } from "./replay.ts";
import {
  decodeFrame,
  encodeMessage,
  encodeReply,
  encodeUserBroadcast,
  FrameError,
  type InboundMessage,
  type OutboundFrame,
  type Ref,
  type Vsn,
} from "./serializer.ts";

/** Phoenix closes a WebSocket that has been silent this long (realtime-js heartbeats every 25 s). */
export const IDLE_TIMEOUT_MS = 60_000;
/** Realtime re-checks a joined channel's token at least this often, and exactly when it expires. */
const CONFIRM_TOKEN_MAX_MS = 5 * 60_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const unauthorizedRead = (subTopic: string) => `You do not have permissions to read from this Channel topic: ${subTopic}`;
const DB_UNAVAILABLE = "Realtime was unable to connect to the project database";
export const POSTGRES_CHANGES_UNSUPPORTED =
  "PostgresChangesNotSupported: postgres_changes is not available on the devstack Realtime stand-in; " +
  "broadcast row changes from the database with realtime.send() or realtime.broadcast_changes() in a trigger instead";

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** One WebSocket client: its serializer, its apikey, its joined channels, processed one frame at a time like a Phoenix socket. */
export class Connection {
  readonly channels = new Map<string, Channel>();
  private queue: Promise<void> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  closed = false;

  constructor(
    readonly hub: RealtimeHub,
    readonly ws: WebSocket,
    readonly vsn: Vsn,
    /** The socket's apikey: the token for joins that carry none. */
    readonly apiKey: string,
    /** `x-*` request headers, exposed to policies as `request.headers` like Realtime does. */
    readonly headers: Record<string, string>,
    private readonly onGone: (c: Connection) => void,
  ) {
    ws.on("message", (data, isBinary) => this.onFrame(toBuffer(data), isBinary));
    ws.on("close", () => this.dispose());
    ws.on("error", (e) => hub.deps.logger.info(`websocket error: ${e.message}`));
    this.resetIdle();
  }

  private resetIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.ws.close(1000, "idle timeout"), IDLE_TIMEOUT_MS);
    this.idleTimer.unref();
  }

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    this.resetIdle();
    let msg: InboundMessage;
    try {
      msg = decodeFrame(this.vsn, data, isBinary);
    } catch (e) {
      const code = e instanceof FrameError ? "MalformedWebSocketMessage" : "UnknownErrorOnWebSocketMessage";
      this.hub.deps.logger.info(`${code}: ${(e as Error).message}`);
      return;
    }
    this.enqueue(() => this.handle(msg));
  }

  /** Serializes work on this socket (frames, token checks) so channel state never races. */
  enqueue(work: () => Promise<void> | void): void {
    this.queue = this.queue
      .then(() => (this.closed ? undefined : work()))
      .catch((e: unknown) => this.hub.deps.logger.error(`UnknownErrorOnChannel: ${(e as Error).stack ?? String(e)}`));
  }

  /** Settles once every queued frame has been handled. */
  idle(): Promise<void> {
    return this.queue;
  }

  send(frame: OutboundFrame): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    this.ws.send(frame);
  }

  reply(joinRef: Ref, ref: Ref, topic: string, status: "ok" | "error", response: unknown): void {
    this.send(encodeReply(this.vsn, { joinRef, ref, topic, status, response }));
  }

  private async handle(msg: InboundMessage): Promise<void> {
    if (msg.topic === "phoenix") {
      if (msg.event === "heartbeat") this.reply(null, msg.ref, "phoenix", "ok", {});
      else this.reply(msg.joinRef, msg.ref, msg.topic, "error", { reason: "unmatched topic" });
      return;
    }
    const channel = this.channels.get(msg.topic);
    if (msg.event === "phx_join") {
      // Phoenix closes the previous channel of a topic that is joined again.
      if (channel) this.closeChannel(channel, true);
      if (!msg.topic.startsWith("realtime:")) {
        this.reply(msg.joinRef, msg.ref, msg.topic, "error", { reason: "unmatched topic" });
        return;
      }
      await this.join(msg);
      return;
    }
    if (!channel) {
      if (msg.event === "phx_leave") this.reply(msg.joinRef, msg.ref, msg.topic, "ok", {});
      else this.reply(msg.joinRef, msg.ref, msg.topic, "error", { reason: "unmatched topic" });
      return;
    }
    await channel.handleIn(msg);
  }

  private async join(msg: InboundMessage): Promise<void> {
    const { deps } = this.hub;
    const topic = msg.topic;
    const subTopic = topic.slice("realtime:".length);
    const refuse = (reason: string) => {
      deps.logger.info(`join ${topic} refused: ${reason}`);
      this.reply(msg.joinRef, msg.ref, topic, "error", { reason });
    };
    if (subTopic === "") return refuse("TopicNameRequired: You must provide a topic name");

    const params = parseJoinPayload(msg.payload.type === "json" ? msg.payload.value : {});
    if (params.invalid.length > 0) deps.logger.info(`InvalidJoinPayload on ${topic}: ${params.invalid.join("; ")}`);

    const accessToken = params.accessToken ?? this.apiKey;
    const verified = await verifyToken(accessToken, deps.jwtSecret);
    if (!verified.ok) return refuse(joinErrorReason(verified.error));
    if (params.postgresChanges.length > 0) return refuse(POSTGRES_CHANGES_UNSUPPORTED);

    const ctx: AuthorizationContext = { topic: subTopic, claims: verified.claims, headers: this.headers };
    let policies: Policies | null = null;
    if (params.private) {
      try {
        policies = await readAuthorizations(deps.sql, ctx, emptyPolicies(), readExtensions(params.presenceEnabled));
      } catch (e) {
        if (e instanceof AuthorizationError && e.unavailable) return refuse(`UnableToConnectToProject: ${DB_UNAVAILABLE}`);
        deps.logger.info(`RlsPolicyError on ${topic}: ${(e as Error).message}`);
        return refuse(`Unauthorized: ${unauthorizedRead(subTopic)}`);
      }
      if (!policies.broadcast.read && !policies.presence.read) return refuse(`Unauthorized: ${unauthorizedRead(subTopic)}`);
    }

    let replayed: ReplayedMessage[] = [];
    if (params.replay) {
      if (policies?.broadcast.read === false) return refuse(`Unauthorized: ${unauthorizedRead(subTopic)}`);
      if (!params.private) return refuse("UnableToReplayMessages: Replay is not allowed for public channels");
      const since = params.replay.since;
      const limit = params.replay.limit ?? 25;
      if (!Number.isSafeInteger(since) || !Number.isSafeInteger(limit)) {
        return refuse("UnableToReplayMessages: Replay params are not valid");
      }
      try {
        replayed = await fetchReplay(deps.sql, subTopic, since as number, limit as number);
      } catch (e) {
        deps.logger.info(`UnableToReplayMessages on ${topic}: ${(e as Error).message}`);
        return refuse("UnableToReplayMessages: Realtime was unable to replay messages");
      }
    }
    if (this.closed) return;

    const channel = new Channel(this, {
      topic,
      subTopic,
      joinRef: msg.joinRef,
      isPrivate: params.private,
      self: params.self,
      ack: params.ack,
      presenceEnabled: params.presenceEnabled,
      presenceKey: params.presenceKey ?? randomUUID(),
      accessToken,
      claims: verified.claims,
      policies,
      replayedIds: new Set(replayed.map((m) => m.id)),
    });
    this.channels.set(topic, channel);
    this.hub.subscribe(channel);
    channel.scheduleTokenCheck();
    this.reply(msg.joinRef, msg.ref, topic, "ok", { postgres_changes: [] });
    for (const m of replayed) channel.pushReplayed(m);
    // The database listener is up before the server accepts sockets, so it is ready at once.
    if (params.replicationReady) {
      channel.push("system", {
        extension: "system",
        status: "ok",
        message: "Replication connection established",
        channel: subTopic,
      });
    }
    if (channel.presenceEnabled && channel.canReadPresence()) {
      channel.push("presence_state", this.hub.presence.list(channel.scope));
    }
  }

  /** Ends a channel: leaves presence and PubSub; `notify` tells the client with `phx_close`. */
  closeChannel(channel: Channel, notify: boolean): void {
    if (this.channels.get(channel.topic) === channel) this.channels.delete(channel.topic);
    channel.dispose();
    this.hub.unsubscribe(channel);
    if (notify) {
      this.send(
        encodeMessage(this.vsn, {
          joinRef: channel.joinRef,
          ref: channel.joinRef,
          topic: channel.topic,
          event: "phx_close",
          payload: {},
        }),
      );
    }
  }

  /** The socket is gone (or the server stops): drop every channel without telling the client. */
  dispose(): void {
    if (this.closed) return;
    for (const channel of [...this.channels.values()]) this.closeChannel(channel, false);
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.onGone(this);
  }
}

const readExtensions = (presenceEnabled: boolean): Extension[] => (presenceEnabled ? ["broadcast", "presence"] : ["broadcast"]);
const revoked = (before: boolean | null | undefined, after: boolean | null) => before === true && after === false;

type ChannelInit = {
  topic: string;
  subTopic: string;
  joinRef: Ref;
  isPrivate: boolean;
  self: boolean;
  ack: boolean;
  presenceEnabled: boolean;
  presenceKey: string;
  accessToken: string;
  claims: Claims;
  policies: Policies | null;
  replayedIds: Set<string>;
};

/** A joined `realtime:<topic>` channel of one socket, mirroring RealtimeWeb.RealtimeChannel. */
export class Channel implements Subscriber {
  readonly topic: string;
  readonly subTopic: string;
  readonly scope: string;
  readonly joinRef: Ref;
  readonly isPrivate: boolean;
  readonly replayedIds: Set<string>;
  policies: Policies | null;
  presenceEnabled: boolean;
  private readonly self: boolean;
  private readonly ack: boolean;
  private readonly presenceKey: string;
  private accessToken: string;
  private claims: Claims;
  private trackedPayload: Record<string, unknown> | null = null;
  private tokenTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly conn: Connection,
    init: ChannelInit,
  ) {
    this.topic = init.topic;
    this.subTopic = init.subTopic;
    this.scope = scopeOf(init.subTopic, init.isPrivate);
    this.joinRef = init.joinRef;
    this.isPrivate = init.isPrivate;
    this.self = init.self;
    this.ack = init.ack;
    this.presenceEnabled = init.presenceEnabled;
    this.presenceKey = init.presenceKey;
    this.accessToken = init.accessToken;
    this.claims = init.claims;
    this.policies = init.policies;
    this.replayedIds = init.replayedIds;
  }

  get vsn(): Vsn {
    return this.conn.vsn;
  }

  private get deps() {
    return this.conn.hub.deps;
  }

  send(frame: OutboundFrame): void {
    if (!this.disposed) this.conn.send(frame);
  }

  /** A server push on this channel (carries the join ref, like Phoenix's `push/3`). */
  push(event: string, payload: unknown): void {
    this.send(encodeMessage(this.vsn, { joinRef: this.joinRef, ref: null, topic: this.topic, event, payload }));
  }

  private reply(msg: InboundMessage, status: "ok" | "error", response: unknown): void {
    this.conn.reply(this.joinRef, msg.ref, this.topic, status, response);
  }

  canReadPresence(): boolean {
    return !this.isPrivate || this.policies?.presence.read === true;
  }

  private authorizationContext(): AuthorizationContext {
    return { topic: this.subTopic, claims: this.claims, headers: this.conn.headers };
  }

  pushReplayed(m: ReplayedMessage): void {
    const meta = { replayed: true, id: m.id };
    if (m.binary) {
      const frame = encodeUserBroadcast(this.vsn, this.topic, {
        userEvent: m.event,
        encoding: "binary",
        data: m.binary,
        metadata: meta,
      });
      if (frame !== null) this.send(frame);
      return;
    }
    this.push("broadcast", { payload: m.payload, event: m.event, type: "broadcast", meta });
  }

  async handleIn(msg: InboundMessage): Promise<void> {
    switch (msg.event) {
      case "phx_leave":
        this.reply(msg, "ok", {});
        this.conn.closeChannel(this, true);
        return;
      case "broadcast":
        return this.handleBroadcast(msg);
      case "presence":
        return this.handlePresence(msg);
      case "access_token":
        return this.handleAccessToken(msg);
      default:
        this.deps.logger.info(`Unexpected message from client of type \`${msg.event}\` on ${this.topic}`);
    }
  }

  private async handleBroadcast(msg: InboundMessage): Promise<void> {
    if (this.isPrivate) {
      const policies = this.policies ?? emptyPolicies();
      if (policies.broadcast.write === null) {
        try {
          this.policies = await writeAuthorizations(this.deps.sql, this.authorizationContext(), policies, [
            "broadcast",
            "presence",
          ]);
        } catch (e) {
          this.deps.logger.info(`UnableToSetPolicies on ${this.topic}: ${(e as Error).message}`);
          return;
        }
        if (this.disposed) return;
      }
      // Realtime drops a broadcast the sender may not write, without a reply.
      if (this.policies?.broadcast.write !== true) return;
    }
    const message = this.toBroadcast(msg);
    if (!message) return;
    const size = message.kind === "user" ? message.broadcast.data.length : Buffer.byteLength(JSON.stringify(message.payload));
    if (size > this.deps.maxPayloadBytes) {
      if (this.ack) this.reply(msg, "error", "payload_size_exceeded");
      return;
    }
    this.conn.hub.publishBroadcast(this.subTopic, this.isPrivate, message, this.self ? undefined : this);
    if (this.ack) this.reply(msg, "ok", {});
  }

  private toBroadcast(msg: InboundMessage): BroadcastMessage | null {
    const p = msg.payload;
    if (p.type === "user_broadcast") {
      if (p.encoding === "json") {
        try {
          JSON.parse(p.data.toString("utf8"));
        } catch {
          this.deps.logger.info(`MalformedWebSocketMessage: broadcast payload on ${this.topic} is not valid JSON`);
          return null;
        }
      }
      return { kind: "user", broadcast: { userEvent: p.userEvent, encoding: p.encoding, data: p.data, metadata: null } };
    }
    if (p.type === "json" && isObject(p.value)) return { kind: "json", payload: p.value };
    this.deps.logger.info(`Unexpected broadcast payload on ${this.topic}`);
    return null;
  }

  private async handlePresence(msg: InboundMessage): Promise<void> {
    const value = msg.payload.type === "json" ? msg.payload.value : undefined;
    if (!isObject(value) || typeof value.event !== "string") return this.reply(msg, "ok", {});
    const event = value.event.toLowerCase();
    if (event === "untrack") {
      const diff = this.conn.hub.presence.untrack(this.scope, this);
      this.trackedPayload = null;
      if (diff) this.conn.hub.publishPresenceDiff(this.scope, this.topic, diff);
      return this.reply(msg, "ok", {});
    }
    if (event !== "track") {
      this.deps.logger.info(`UnknownPresenceEvent: ${event}`);
      return this.reply(msg, "error", {});
    }
    if (this.isPrivate) {
      let policies = this.policies ?? emptyPolicies();
      if (policies.presence.write === null) {
        try {
          const ctx = this.authorizationContext();
          if (policies.presence.read === null)
            policies = await readAuthorizations(this.deps.sql, ctx, policies, ["broadcast", "presence"]);
          policies = await writeAuthorizations(this.deps.sql, ctx, policies, ["broadcast", "presence"]);
          this.policies = policies;
        } catch (e) {
          this.deps.logger.info(`UnableToHandlePresence on ${this.topic}: ${(e as Error).message}`);
          return this.reply(msg, "error", {});
        }
        if (this.disposed) return;
      }
      if (policies.presence.write !== true) {
        this.deps.logger.info(`UnableToHandlePresence on ${this.topic}: unauthorized`);
        return this.reply(msg, "error", {});
      }
    }
    const payload = "payload" in value ? value.payload : {};
    if (!isObject(payload)) return this.reply(msg, "error", { reason: "Presence track payload must be a map" });
    if (Buffer.byteLength(JSON.stringify(payload)) > this.deps.maxPayloadBytes)
      return this.shutdown("Track message size exceeded");
    if (this.trackedPayload && sameJson(this.trackedPayload, payload)) return this.reply(msg, "ok", {});
    const diff = this.conn.hub.presence.track(this.scope, this, this.presenceKey, payload);
    this.presenceEnabled = true;
    this.trackedPayload = payload;
    this.conn.hub.publishPresenceDiff(this.scope, this.topic, diff);
    this.reply(msg, "ok", {});
  }

  /** A fresh token for an open channel: verified, RLS re-read for private channels, channel closed if it no longer qualifies. */
  private async handleAccessToken(msg: InboundMessage): Promise<void> {
    const value = msg.payload.type === "json" ? msg.payload.value : undefined;
    const token = isObject(value) ? value.access_token : undefined;
    if (typeof token !== "string" || token.startsWith("sb_") || token === this.accessToken) return;
    // The old policies keep gating delivery until the new ones are known, as in Realtime,
    // where the channel's fastlane is only resubscribed once the new token checks out.
    const previous = this.policies;
    this.accessToken = token;
    const verified = await verifyToken(token, this.deps.jwtSecret);
    if (!verified.ok) return this.shutdown(shutdownMessage(verified.error));
    this.claims = verified.claims;
    if (this.isPrivate) {
      let policies: Policies;
      try {
        policies = await readAuthorizations(
          this.deps.sql,
          this.authorizationContext(),
          emptyPolicies(),
          readExtensions(this.presenceEnabled),
        );
      } catch (e) {
        if (e instanceof AuthorizationError && e.unavailable) return this.shutdown(DB_UNAVAILABLE);
        this.deps.logger.info(`RlsPolicyError on ${this.topic}: ${(e as Error).message}`);
        return this.shutdown(unauthorizedRead(this.subTopic));
      }
      if (this.disposed) return;
      if (!policies.broadcast.read && !policies.presence.read) return this.shutdown(unauthorizedRead(this.subTopic));
      if (
        revoked(previous?.broadcast.read, policies.broadcast.read) ||
        revoked(previous?.presence.read, policies.presence.read)
      ) {
        return this.shutdown(`You no longer have permission to read from this Channel topic: ${this.subTopic}`);
      }
      this.policies = policies;
    }
    this.scheduleTokenCheck();
  }

  /** Re-verify the token when it expires (and every 5 minutes), like Realtime's `:confirm_token`. */
  scheduleTokenCheck(): void {
    clearTimeout(this.tokenTimer);
    const expDiffMs = (this.claims.exp - Math.floor(Date.now() / 1000)) * 1000;
    const wait = Math.max(0, Math.min(CONFIRM_TOKEN_MAX_MS, expDiffMs)) + 20;
    this.tokenTimer = setTimeout(() => this.conn.enqueue(() => this.confirmToken()), wait);
    this.tokenTimer.unref();
  }

  private async confirmToken(): Promise<void> {
    if (this.disposed) return;
    const verified = await verifyToken(this.accessToken, this.deps.jwtSecret);
    if (this.disposed) return;
    if (!verified.ok) return this.shutdown(shutdownMessage(verified.error));
    this.claims = verified.claims;
    this.scheduleTokenCheck();
  }

  /** Realtime's `shutdown_response`: a `system` error message, then the channel closes. */
  shutdown(message: string): void {
    if (this.disposed) return;
    this.deps.logger.info(`ChannelShutdown ${this.topic}: ${message}`);
    this.push("system", { extension: "system", status: "error", message, channel: this.subTopic });
    this.conn.closeChannel(this, true);
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.tokenTimer);
  }
}
