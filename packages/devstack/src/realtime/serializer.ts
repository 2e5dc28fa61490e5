/**
 * Wire formats of the two Phoenix serializers Supabase Realtime accepts:
 * - "1.0.0": one JSON object per text frame, `{topic, event, payload, ref, join_ref?}`;
 *   the server answers with `{topic, event, payload, ref}` (no join_ref).
 * - "2.0.0": JSON arrays `[join_ref, ref, topic, event, payload]` in text frames, plus
 *   Realtime's binary frames: kind 3 "user broadcast push" from the client and kind 4
 *   "user broadcast" to the client (the only binary kinds realtime-js understands), and
 *   Phoenix's kind 0 "push".
 */

export type Vsn = "1.0.0" | "2.0.0";
export const SUPPORTED_VSNS: readonly Vsn[] = ["1.0.0", "2.0.0"];

/** Phoenix refs are strings from realtime-js, but any JSON scalar is echoed back as sent. */
export type Ref = string | number | null;

export type PayloadEncoding = "json" | "binary";

export type InboundPayload =
  | { type: "json"; value: unknown }
  | {
      type: "user_broadcast";
      userEvent: string;
      encoding: PayloadEncoding;
      data: Buffer;
      metadata: Record<string, unknown>;
    }
  | { type: "binary"; data: Buffer };

export type InboundMessage = {
  joinRef: Ref;
  ref: Ref;
  topic: string;
  event: string;
  payload: InboundPayload;
};

/** A broadcast as it travels between channels, before each subscriber's serializer encodes it. */
export type UserBroadcast = {
  userEvent: string;
  encoding: PayloadEncoding;
  /** The user payload: UTF-8 JSON text when `encoding` is json. */
  data: Buffer;
  metadata: Record<string, unknown> | null;
};

export type OutboundFrame = string | Buffer;

/** A frame the server cannot read; the connection survives, the frame is dropped. */
export class FrameError extends Error {
  override name = "FrameError";
}

const KIND_PUSH = 0;
const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;
const MAX_FIELD = 255;

const isRef = (v: unknown): v is Ref => v === null || v === undefined || typeof v === "string" || typeof v === "number";

function asRef(v: unknown, field: string): Ref {
  if (!isRef(v)) throw new FrameError(`${field} must be a string or null`);
  return v ?? null;
}

function asName(v: unknown, field: string): string {
  if (typeof v !== "string") throw new FrameError(`${field} must be a string`);
  return v;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FrameError(`invalid JSON: ${(e as Error).message}`);
  }
}

/** Decodes one WebSocket frame; throws FrameError on anything malformed. */
export function decodeFrame(vsn: Vsn, data: Buffer, isBinary: boolean): InboundMessage {
  if (isBinary) {
    if (vsn !== "2.0.0") throw new FrameError("binary frames need serializer 2.0.0");
    return decodeBinary(data);
  }
  const decoded = parseJson(data.toString("utf8"));
  if (vsn === "1.0.0") {
    if (typeof decoded !== "object" || decoded === null || Array.isArray(decoded)) {
      throw new FrameError("V1 JSON Serializer expected a map");
    }
    const m = decoded as Record<string, unknown>;
    if (!("payload" in m)) throw new FrameError("message has no payload");
    return {
      joinRef: asRef(m.join_ref, "join_ref"),
      ref: asRef(m.ref, "ref"),
      topic: asName(m.topic, "topic"),
      event: asName(m.event, "event"),
      payload: { type: "json", value: m.payload },
    };
  }
  if (!Array.isArray(decoded) || decoded.length < 5) throw new FrameError("expected V2 array");
  const [joinRef, ref, topic, event, payload] = decoded as unknown[];
  return {
    joinRef: asRef(joinRef, "join_ref"),
    ref: asRef(ref, "ref"),
    topic: asName(topic, "topic"),
    event: asName(event, "event"),
    payload: { type: "json", value: payload },
  };
}

/** Reads a binary frame front to back, refusing to run past its end. */
class FrameReader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  byte(): number {
    const b = this.buf[this.at];
    if (b === undefined) throw new FrameError("truncated binary header");
    this.at += 1;
    return b;
  }
  bytes(size: number): Buffer {
    if (this.at + size > this.buf.length) throw new FrameError("binary frame shorter than its header says");
    const out = this.buf.subarray(this.at, this.at + size);
    this.at += size;
    return out;
  }
  text(size: number): string {
    return this.bytes(size).toString("utf8");
  }
  rest(): Buffer {
    return this.buf.subarray(this.at);
  }
}

function decodeBinary(buf: Buffer): InboundMessage {
  const r = new FrameReader(buf);
  const kind = r.byte();
  if (kind === KIND_PUSH) {
    const [joinRefSize, refSize, topicSize, eventSize] = [r.byte(), r.byte(), r.byte(), r.byte()];
    return {
      joinRef: r.text(joinRefSize),
      ref: r.text(refSize),
      topic: r.text(topicSize),
      event: r.text(eventSize),
      payload: { type: "binary", data: r.rest() },
    };
  }
  if (kind === KIND_USER_BROADCAST_PUSH) {
    const [joinRefSize, refSize, topicSize, eventSize, metaSize, encoding] = [
      r.byte(),
      r.byte(),
      r.byte(),
      r.byte(),
      r.byte(),
      r.byte(),
    ];
    if (encoding !== 0 && encoding !== 1) throw new FrameError(`unknown payload encoding ${encoding}`);
    const joinRef = r.text(joinRefSize);
    const ref = r.text(refSize);
    const topic = r.text(topicSize);
    const userEvent = r.text(eventSize);
    const meta = r.text(metaSize);
    let metadata: Record<string, unknown> = {};
    if (meta.length > 0) {
      const parsed = parseJson(meta);
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new FrameError("metadata must be a JSON object");
      metadata = parsed as Record<string, unknown>;
    }
    return {
      joinRef,
      ref,
      topic,
      event: "broadcast",
      payload: { type: "user_broadcast", userEvent, encoding: encoding === 1 ? "json" : "binary", data: r.rest(), metadata },
    };
  }
  throw new FrameError(`unsupported binary frame kind ${kind}`);
}

/** A server push or broadcast: `event` on `topic`, with a JSON payload. */
export function encodeMessage(vsn: Vsn, m: { joinRef: Ref; ref: Ref; topic: string; event: string; payload: unknown }): string {
  if (vsn === "1.0.0") return JSON.stringify({ topic: m.topic, event: m.event, payload: m.payload, ref: m.ref });
  return JSON.stringify([m.joinRef, m.ref, m.topic, m.event, m.payload]);
}

/** The answer to a client push (`phx_reply`), echoing its refs. */
export function encodeReply(
  vsn: Vsn,
  r: { joinRef: Ref; ref: Ref; topic: string; status: "ok" | "error"; response: unknown },
): string {
  return encodeMessage(vsn, {
    joinRef: r.joinRef,
    ref: r.ref,
    topic: r.topic,
    event: "phx_reply",
    payload: { status: r.status, response: r.response },
  });
}

/**
 * A user broadcast for one subscriber: binary kind 4 on 2.0.0 (JSON array when a field is
 * too long for the binary header), the JSON broadcast object on 1.0.0. Returns null when
 * the subscriber's serializer cannot carry it (binary payload on 1.0.0), as Realtime drops it.
 */
export function encodeUserBroadcast(vsn: Vsn, topic: string, b: UserBroadcast): OutboundFrame | null {
  const metadata = b.metadata ? Buffer.from(JSON.stringify(b.metadata), "utf8") : Buffer.alloc(0);
  const topicBytes = Buffer.from(topic, "utf8");
  const eventBytes = Buffer.from(b.userEvent, "utf8");
  const fitsBinary = topicBytes.length <= MAX_FIELD && eventBytes.length <= MAX_FIELD && metadata.length <= MAX_FIELD;
  if (vsn === "2.0.0" && fitsBinary) {
    const head = Buffer.from([
      KIND_USER_BROADCAST,
      topicBytes.length,
      eventBytes.length,
      metadata.length,
      b.encoding === "json" ? 1 : 0,
    ]);
    return Buffer.concat([head, topicBytes, eventBytes, metadata, b.data]);
  }
  if (b.encoding !== "json") return null;
  const meta = b.metadata ? `,"meta":${JSON.stringify(b.metadata)}` : "";
  const payload = `{"event":${JSON.stringify(b.userEvent)},"payload":${b.data.toString("utf8")},"type":"broadcast"${meta}}`;
  const quotedTopic = JSON.stringify(topic);
  if (vsn === "1.0.0") return `{"topic":${quotedTopic},"event":"broadcast","payload":${payload},"ref":null}`;
  return `[null,null,${quotedTopic},"broadcast",${payload}]`;
}
