import type { IncomingMessage, ServerResponse } from "node:http";
import { AuthorizationError, emptyPolicies, writeAuthorizations } from "./authorization.ts";
import type { RealtimeHub } from "./hub.ts";
import { type Claims, verifyToken } from "./jwt.ts";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(typeof body === "string" ? body : JSON.stringify(body));
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function accepted(res: ServerResponse): void {
  res.writeHead(202, { "content-length": 0 });
  res.end();
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, { message: "Payload Too Large" });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new HttpError(400, { message: "malformed request: invalid JSON body" });
  }
}

/** Realtime's AuthTenant plug: a Bearer token, else the apikey header; verified like a channel token. */
async function authenticate(
  hub: RealtimeHub,
  req: IncomingMessage,
): Promise<{ claims: Claims; headers: Record<string, string> }> {
  const authorization = req.headers.authorization;
  let token: string | undefined;
  if (authorization) {
    const [scheme, value] = authorization.split(" ");
    if (scheme?.toLowerCase() === "bearer" && value) token = value;
  }
  const apikey = req.headers.apikey;
  token ??= typeof apikey === "string" && apikey !== "" ? apikey : undefined;
  if (!token) throw new HttpError(401, { message: "Unauthorized" });
  const verified = await verifyToken(token, hub.deps.jwtSecret);
  if (!verified.ok) throw new HttpError(401, { message: "Unauthorized" });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
  return { claims: verified.claims, headers };
}

/** May this caller send to a private topic (RLS INSERT on realtime.messages)? */
async function mayWrite(
  hub: RealtimeHub,
  topic: string,
  who: { claims: Claims; headers: Record<string, string> },
): Promise<boolean> {
  const policies = await writeAuthorizations(hub.deps.sql, { topic, ...who }, emptyPolicies(), ["broadcast", "presence"]);
  return policies.broadcast.write === true;
}

type BatchMessage = { topic: string; event: string; payload: Record<string, unknown>; private: boolean; id?: string };

/** Validates `{messages: [...]}` like Realtime's changeset; errors come back in its `{errors: ...}` shape. */
export function validateBatch(body: unknown): { ok: true; messages: BatchMessage[] } | { ok: false; errors: unknown } {
  const messages = isObject(body) ? body.messages : undefined;
  if (messages === undefined || messages === null || (Array.isArray(messages) && messages.length === 0)) {
    return { ok: false, errors: { messages: ["can't be blank"] } };
  }
  if (!Array.isArray(messages)) return { ok: false, errors: { messages: ["is invalid"] } };
  const out: BatchMessage[] = [];
  const errors: Record<string, string[]>[] = [];
  let valid = true;
  for (const m of messages) {
    const e: Record<string, string[]> = {};
    if (!isObject(m)) {
      errors.push({ messages: ["is invalid"] });
      valid = false;
      continue;
    }
    const add = (field: string, message: string) => {
      e[field] = [...(e[field] ?? []), message];
    };
    if (m.topic === undefined || m.topic === null || m.topic === "") add("topic", "can't be blank");
    else if (typeof m.topic !== "string") add("topic", "is invalid");
    if (m.event === undefined || m.event === null || m.event === "") add("event", "can't be blank");
    else if (typeof m.event !== "string") add("event", "is invalid");
    if (m.payload === undefined || m.payload === null) add("payload", "can't be blank");
    else if (!isObject(m.payload)) add("payload", "is invalid");
    let isPrivate = false;
    if (m.private !== undefined && m.private !== null) {
      if (typeof m.private === "boolean") isPrivate = m.private;
      else if (m.private === "true" || m.private === "false") isPrivate = m.private === "true";
      else add("private", "is invalid");
    }
    if (m.id !== undefined && m.id !== null && typeof m.id !== "string") add("id", "is invalid");
    errors.push(e);
    if (Object.keys(e).length > 0) {
      valid = false;
      continue;
    }
    const message: BatchMessage = {
      topic: m.topic as string,
      event: m.event as string,
      payload: m.payload as Record<string, unknown>,
      private: isPrivate,
    };
    if (typeof m.id === "string") message.id = m.id;
    out.push(message);
  }
  return valid ? { ok: true, messages: out } : { ok: false, errors: { messages: errors } };
}

/** POST /api/broadcast: a batch of broadcasts; private ones only reach topics the caller may write to. */
async function batchBroadcast(hub: RealtimeHub, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const who = await authenticate(hub, req);
  const body = parseJsonBody(await readBody(req, hub.deps.maxPayloadBytes * 4));
  const checked = validateBatch(body);
  if (!checked.ok) return json(res, 422, { errors: checked.errors });
  const privateTopics = new Map<string, boolean>();
  for (const m of checked.messages) {
    if (JSON.stringify(m.payload).length > hub.deps.maxPayloadBytes) {
      return json(res, 422, { errors: { messages: [{ payload: ["Payload size exceeds tenant limit"] }] } });
    }
  }
  for (const m of checked.messages.filter((x) => x.private)) {
    if (privateTopics.has(m.topic)) continue;
    try {
      privateTopics.set(m.topic, await mayWrite(hub, m.topic, who));
    } catch (e) {
      hub.deps.logger.info(`RlsPolicyError on ${m.topic}: ${(e as Error).message}`);
      privateTopics.set(m.topic, false);
    }
  }
  for (const m of checked.messages) {
    if (m.private && !privateTopics.get(m.topic)) continue;
    const payload: Record<string, unknown> = { payload: m.payload, event: m.event, type: "broadcast" };
    if (m.id) payload.meta = { id: m.id };
    hub.publishBroadcast(m.topic, m.private, { kind: "json", payload });
  }
  accepted(res);
}

/** POST /api/broadcast/:topic/events/:event: one broadcast, JSON or binary body (realtime-js `httpSend`). */
async function singleBroadcast(
  hub: RealtimeHub,
  req: IncomingMessage,
  res: ServerResponse,
  topic: string,
  event: string,
  isPrivate: boolean,
): Promise<void> {
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const binary = contentType === "application/octet-stream";
  if (contentType !== "" && contentType !== "application/json" && !binary) {
    return json(res, 415, { error: "Unsupported Media Type. Use application/json or application/octet-stream" });
  }
  const who = await authenticate(hub, req);
  const raw = await readBody(req, hub.deps.maxPayloadBytes + 500);
  let data: Buffer;
  if (binary) {
    data = raw;
  } else {
    const value = raw.length === 0 ? null : parseJsonBody(raw);
    if (value === null) return json(res, 422, { errors: { payload: ["can't be blank"] } });
    data = Buffer.from(JSON.stringify(value), "utf8");
  }
  if (isPrivate) {
    try {
      if (!(await mayWrite(hub, topic, who))) return json(res, 403, { message: "Unauthorized" });
    } catch (e) {
      if (e instanceof AuthorizationError && e.unavailable) return json(res, 422, { message: "Tenant database unavailable" });
      hub.deps.logger.info(`RlsPolicyError on ${topic}: ${(e as Error).message}`);
      return json(res, 422, { message: "RLS policy error" });
    }
  }
  hub.publishBroadcast(topic, isPrivate, {
    kind: "user",
    broadcast: { userEvent: event, encoding: binary ? "binary" : "json", data, metadata: null },
  });
  accepted(res);
}

const SINGLE = /^\/api\/broadcast\/([^/]+)\/events\/([^/]+)$/;

/** HTTP side of the Realtime server: REST broadcast, ping and health. */
export async function handleHttp(hub: RealtimeHub, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? "/", "http://realtime.local");
    const path = url.pathname.replace(/\/+$/, "") || "/";
    if (req.method === "GET" && (path === "/healthcheck" || path === "/")) {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    if (req.method === "GET" && path === "/api/ping") return json(res, 200, { message: "Success" });
    if (req.method === "POST" && path === "/api/broadcast") return await batchBroadcast(hub, req, res);
    const single = SINGLE.exec(path);
    if (req.method === "POST" && single) {
      const isPrivate = ["true"].includes(url.searchParams.get("private") ?? "");
      return await singleBroadcast(
        hub,
        req,
        res,
        decodeURIComponent(single[1] ?? ""),
        decodeURIComponent(single[2] ?? ""),
        isPrivate,
      );
    }
    json(res, 404, { message: "not found" });
  } catch (e) {
    if (e instanceof HttpError) return json(res, e.status, e.body);
    hub.deps.logger.error(`UnknownErrorOnController: ${(e as Error).stack ?? String(e)}`);
    if (!res.headersSent) json(res, 500, { message: "Unknown error" });
    else res.destroy();
  }
}
