import { describe, expect, test } from "vitest";
import {
  decodeFrame,
  encodeMessage,
  encodeReply,
  encodeUserBroadcast,
  FrameError,
  type InboundMessage,
  type UserBroadcast,
  type Vsn,
} from "../../src/realtime/serializer.ts";
import { RealtimeSerializer } from "./sdk-serializer.ts";

const text = (s: string) => Buffer.from(s, "utf8");
const json = (payload: unknown) => ({ type: "json", value: payload }) as const;

/** What realtime-js itself puts on the wire for a message. */
function sdkFrame(msg: {
  join_ref: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: Record<string, unknown>;
}) {
  let out: { data: Buffer; binary: boolean } | undefined;
  new RealtimeSerializer().encode(msg, (r: ArrayBuffer | string) => {
    out = typeof r === "string" ? { data: text(r), binary: false } : { data: Buffer.from(r), binary: true };
  });
  return out as { data: Buffer; binary: boolean };
}

/** What realtime-js makes of a frame the server sends. */
function sdkDecode(frame: string | Buffer): unknown {
  let out: unknown;
  const raw =
    typeof frame === "string" ? frame : (frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.length) as ArrayBuffer);
  new RealtimeSerializer().decode(raw, (m: unknown) => {
    out = m;
  });
  return out;
}

describe("decodeFrame", () => {
  test.each<{ name: string; vsn: Vsn; frame: Buffer; binary?: boolean; expected: InboundMessage }>([
    {
      name: "2.0.0 heartbeat array",
      vsn: "2.0.0",
      frame: text('[null,"3","phoenix","heartbeat",{}]'),
      expected: { joinRef: null, ref: "3", topic: "phoenix", event: "heartbeat", payload: json({}) },
    },
    {
      name: "2.0.0 array with trailing elements",
      vsn: "2.0.0",
      frame: text('["1","2","realtime:a","phx_join",{"x":1},"extra"]'),
      expected: { joinRef: "1", ref: "2", topic: "realtime:a", event: "phx_join", payload: json({ x: 1 }) },
    },
    {
      name: "1.0.0 object without join_ref",
      vsn: "1.0.0",
      frame: text('{"topic":"phoenix","event":"heartbeat","payload":{},"ref":"9"}'),
      expected: { joinRef: null, ref: "9", topic: "phoenix", event: "heartbeat", payload: json({}) },
    },
    {
      name: "1.0.0 object with numeric refs",
      vsn: "1.0.0",
      frame: text('{"topic":"realtime:a","event":"broadcast","payload":{"a":[1]},"ref":4,"join_ref":2}'),
      expected: { joinRef: 2, ref: 4, topic: "realtime:a", event: "broadcast", payload: json({ a: [1] }) },
    },
    {
      name: "2.0.0 Phoenix binary push (kind 0)",
      vsn: "2.0.0",
      binary: true,
      frame: Buffer.concat([Buffer.from([0, 1, 1, 3, 2]), text("12top"), text("ev"), Buffer.from([9, 8])]),
      expected: { joinRef: "1", ref: "2", topic: "top", event: "ev", payload: { type: "binary", data: Buffer.from([9, 8]) } },
    },
  ])("$name", ({ vsn, frame, binary, expected }) => {
    expect(decodeFrame(vsn, frame, binary ?? false)).toEqual(expected);
  });

  test.each([
    { name: "JSON user payload", payload: { a: 1, s: "é" }, encoding: "json", data: text('{"a":1,"s":"é"}') },
    { name: "binary user payload", payload: new Uint8Array([1, 2, 3]).buffer, encoding: "binary", data: Buffer.from([1, 2, 3]) },
    { name: "empty JSON payload", payload: {}, encoding: "json", data: text("{}") },
  ])("realtime-js user broadcast push with $name", ({ payload, encoding, data }) => {
    const frame = sdkFrame({
      join_ref: "5",
      ref: "6",
      topic: "realtime:room",
      event: "broadcast",
      payload: { type: "broadcast", event: "move", payload },
    });
    expect(frame.binary).toBe(true);
    expect(decodeFrame("2.0.0", frame.data, true)).toEqual({
      joinRef: "5",
      ref: "6",
      topic: "realtime:room",
      event: "broadcast",
      payload: { type: "user_broadcast", userEvent: "move", encoding, data, metadata: {} },
    });
  });

  test("realtime-js text frames decode to the same message", () => {
    const frame = sdkFrame({
      join_ref: "1",
      ref: "2",
      topic: "realtime:x",
      event: "presence",
      payload: { type: "presence", event: "track" },
    });
    expect(frame.binary).toBe(false);
    expect(decodeFrame("2.0.0", frame.data, false).payload).toEqual(json({ type: "presence", event: "track" }));
  });

  test.each<{ name: string; vsn: Vsn; frame: Buffer; binary?: boolean }>([
    { name: "not JSON", vsn: "2.0.0", frame: text("hello") },
    { name: "2.0.0 object instead of array", vsn: "2.0.0", frame: text('{"topic":"a"}') },
    { name: "2.0.0 short array", vsn: "2.0.0", frame: text('[null,"1","phoenix"]') },
    { name: "2.0.0 numeric topic", vsn: "2.0.0", frame: text('[null,"1",7,"heartbeat",{}]') },
    { name: "2.0.0 object ref", vsn: "2.0.0", frame: text('[null,{},"phoenix","heartbeat",{}]') },
    { name: "1.0.0 array instead of object", vsn: "1.0.0", frame: text('[null,"1","phoenix","heartbeat",{}]') },
    { name: "1.0.0 without payload", vsn: "1.0.0", frame: text('{"topic":"phoenix","event":"heartbeat","ref":"1"}') },
    { name: "1.0.0 binary frame", vsn: "1.0.0", frame: Buffer.from([3, 0, 0, 0, 0, 0, 1]), binary: true },
    { name: "empty binary frame", vsn: "2.0.0", frame: Buffer.alloc(0), binary: true },
    { name: "unknown binary kind", vsn: "2.0.0", frame: Buffer.from([4, 0, 0, 0, 1]), binary: true },
    { name: "truncated kind 3 header", vsn: "2.0.0", frame: Buffer.from([3, 1, 1]), binary: true },
    { name: "kind 3 sizes beyond the frame", vsn: "2.0.0", frame: Buffer.from([3, 0, 0, 50, 1, 0, 1, 65]), binary: true },
    { name: "kind 3 unknown encoding", vsn: "2.0.0", frame: Buffer.from([3, 0, 0, 1, 1, 0, 7, 65, 66]), binary: true },
    {
      name: "kind 3 metadata not an object",
      vsn: "2.0.0",
      frame: Buffer.from([3, 0, 0, 1, 1, 2, 1, 65, 66, 49, 50]),
      binary: true,
    },
  ])("rejects $name", ({ vsn, frame, binary }) => {
    expect(() => decodeFrame(vsn, frame, binary ?? false)).toThrow(FrameError);
  });
});

describe("server frames", () => {
  test.each<{ name: string; vsn: Vsn; frame: string; expected: string }>([
    {
      name: "2.0.0 reply",
      vsn: "2.0.0",
      frame: encodeReply("2.0.0", {
        joinRef: "1",
        ref: "2",
        topic: "realtime:a",
        status: "ok",
        response: { postgres_changes: [] },
      }),
      expected: '["1","2","realtime:a","phx_reply",{"status":"ok","response":{"postgres_changes":[]}}]',
    },
    {
      name: "1.0.0 reply drops join_ref",
      vsn: "1.0.0",
      frame: encodeReply("1.0.0", { joinRef: "1", ref: "2", topic: "realtime:a", status: "error", response: { reason: "x" } }),
      expected: '{"topic":"realtime:a","event":"phx_reply","payload":{"status":"error","response":{"reason":"x"}},"ref":"2"}',
    },
    {
      name: "2.0.0 push",
      vsn: "2.0.0",
      frame: encodeMessage("2.0.0", { joinRef: "3", ref: null, topic: "realtime:a", event: "presence_state", payload: {} }),
      expected: '["3",null,"realtime:a","presence_state",{}]',
    },
    {
      name: "1.0.0 push",
      vsn: "1.0.0",
      frame: encodeMessage("1.0.0", { joinRef: "3", ref: null, topic: "realtime:a", event: "system", payload: { a: 1 } }),
      expected: '{"topic":"realtime:a","event":"system","payload":{"a":1},"ref":null}',
    },
  ])("$name", ({ frame, expected }) => {
    expect(frame).toBe(expected);
  });

  const jsonBroadcast: UserBroadcast = { userEvent: "ev", encoding: "json", data: text('{"k":[1,2]}'), metadata: null };
  const withMeta: UserBroadcast = { ...jsonBroadcast, metadata: { id: "abc" } };
  const bytes: UserBroadcast = { userEvent: "ev", encoding: "binary", data: Buffer.from([7, 7]), metadata: null };
  test.each<{ name: string; vsn: Vsn; topic: string; b: UserBroadcast; expected: unknown }>([
    {
      name: "2.0.0 JSON user broadcast as realtime-js sees it",
      vsn: "2.0.0",
      topic: "realtime:t",
      b: jsonBroadcast,
      expected: {
        join_ref: null,
        ref: null,
        topic: "realtime:t",
        event: "broadcast",
        payload: { type: "broadcast", event: "ev", payload: { k: [1, 2] } },
      },
    },
    {
      name: "2.0.0 user broadcast with metadata",
      vsn: "2.0.0",
      topic: "realtime:t",
      b: withMeta,
      expected: {
        join_ref: null,
        ref: null,
        topic: "realtime:t",
        event: "broadcast",
        payload: { type: "broadcast", event: "ev", payload: { k: [1, 2] }, meta: { id: "abc" } },
      },
    },
    {
      name: "2.0.0 topic too long for the binary header falls back to a JSON array",
      vsn: "2.0.0",
      topic: `realtime:${"x".repeat(300)}`,
      b: withMeta,
      expected: {
        join_ref: null,
        ref: null,
        topic: `realtime:${"x".repeat(300)}`,
        event: "broadcast",
        payload: { event: "ev", payload: { k: [1, 2] }, type: "broadcast", meta: { id: "abc" } },
      },
    },
    {
      name: "1.0.0 JSON user broadcast",
      vsn: "1.0.0",
      topic: "realtime:t",
      b: withMeta,
      expected: {
        topic: "realtime:t",
        event: "broadcast",
        payload: { event: "ev", payload: { k: [1, 2] }, type: "broadcast", meta: { id: "abc" } },
        ref: null,
      },
    },
  ])("$name", ({ vsn, topic, b, expected }) => {
    const frame = encodeUserBroadcast(vsn, topic, b);
    expect(frame).not.toBeNull();
    const decoded = vsn === "1.0.0" ? JSON.parse(frame as string) : sdkDecode(frame as string | Buffer);
    expect(decoded).toEqual(expected);
  });

  test("2.0.0 binary user broadcast reaches realtime-js as an ArrayBuffer", () => {
    const decoded = sdkDecode(encodeUserBroadcast("2.0.0", "realtime:t", bytes) as Buffer) as {
      payload: { payload: ArrayBuffer };
    };
    expect(Buffer.from(decoded.payload.payload)).toEqual(Buffer.from([7, 7]));
  });

  test("1.0.0 cannot carry a binary user broadcast", () => {
    expect(encodeUserBroadcast("1.0.0", "realtime:t", bytes)).toBeNull();
  });

  test("2.0.0 binary topic too long cannot be carried at all", () => {
    expect(encodeUserBroadcast("2.0.0", `realtime:${"y".repeat(300)}`, bytes)).toBeNull();
  });
});
