import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../process/log.ts";
import type { MessageStore } from "./message-store.ts";
import { toSearchable } from "./message-store.ts";
import { messageDetail, messageHeaders, messagePart, type StoredMeta } from "./parse-message.ts";
import { matchesSearch, parseSearchQuery } from "./search-query.ts";
import type { MailpitMessageSummary, MailpitMessagesSummary } from "./types.ts";
import { renderListPage, renderMessagePage } from "./web-ui.ts";

const MAX_BODY_BYTES = 1024 * 1024;

/** A path segment, or "" when its percent-encoding is broken (then nothing matches it). */
function segment(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? "");
  } catch {
    return "";
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Mailpit's summary row; `Created` as RFC 3339 like Go's `time.Time`. */
export function toSummary(m: StoredMeta): MailpitMessageSummary {
  return {
    ID: m.ID,
    MessageID: m.MessageID,
    Read: m.Read,
    From: m.From,
    To: m.To,
    Cc: m.Cc,
    Bcc: m.Bcc,
    ReplyTo: m.ReplyTo,
    Subject: m.Subject,
    Created: new Date(m.Created).toISOString(),
    Username: m.Username,
    Tags: m.Tags,
    Size: m.Size,
    Attachments: m.Attachments,
    Snippet: m.Snippet,
  };
}

/** Mailpit's `getStartLimit`: start >= 0 (default 0), limit >= 0 (default 50), optional `before` date. */
export function startLimit(params: URLSearchParams): { start: number; limit: number; before: number | undefined } {
  const int = (v: string | null) => (v !== null && /^[+-]?\d+$/.test(v.trim()) ? Number.parseInt(v, 10) : undefined);
  const s = int(params.get("start"));
  const l = int(params.get("limit"));
  const b = params.get("before");
  const before = b ? Date.parse(b) : Number.NaN;
  return {
    start: s !== undefined && s > 0 ? s : 0,
    limit: l !== undefined && l > -1 ? l : 50,
    before: Number.isNaN(before) ? undefined : before,
  };
}

/** Messages matching a Mailpit search (all of them without one), newest first. */
export function selectMessages(store: MessageStore, query: string, before?: number): StoredMeta[] {
  const terms = parseSearchQuery(query);
  return store
    .list()
    .filter((m) => (before === undefined || m.Created < before) && (terms.length === 0 || matchesSearch(terms, toSearchable(m))));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Go's encoding/json matches object keys to struct fields case-insensitively; so do we. */
function field(body: unknown, name: string): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (body as Record<string, unknown>)[key];
}

function idsOf(body: unknown): string[] {
  const ids = field(body, "IDs");
  if (ids === undefined || ids === null) return [];
  if (!Array.isArray(ids) || !ids.every((i) => typeof i === "string")) {
    throw new HttpError(400, "json: cannot unmarshal IDs into Go struct field of type []string");
  }
  return ids;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { "Content-Type": contentType, "Cache-Control": "no-store", ...headers });
  res.end(body);
}
const sendJson = (res: ServerResponse, value: unknown) => send(res, 200, `${JSON.stringify(value)}\n`, "application/json");
const sendText = (res: ServerResponse, status: number, text: string) => send(res, status, text, "text/plain; charset=utf-8");
const notFound = (res: ServerResponse) => sendText(res, 404, "404 page not found");

function summaryResponse(
  store: MessageStore,
  selected: StoredMeta[],
  start: number,
  limit: number,
  searched: boolean,
): MailpitMessagesSummary {
  const stats = store.stats();
  const page = selected.slice(start, start + limit).map(toSummary);
  return {
    total: stats.total,
    unread: stats.unread,
    count: page.length,
    messages_count: searched ? selected.length : stats.total,
    messages_unread: searched ? selected.filter((m) => !m.Read).length : stats.unread,
    start,
    tags: stats.tags,
    messages: page,
  };
}

export type InboxHttpOptions = { host: string; port: number; store: MessageStore; logger: Logger };

/**
 * The inbox's HTTP side: Mailpit's `/api/v1` subset (open CORS, as tests and tools call it
 * from anywhere) and the server-rendered web page.
 */
export async function startInboxHttp(o: InboxHttpOptions): Promise<{ server: Server; stop(): Promise<void> }> {
  const { store, logger } = o;

  const resolveId = (id: string, params: URLSearchParams): string | undefined => {
    if (id !== "latest") return store.get(id) ? id : undefined;
    return selectMessages(store, params.get("query")?.trim() ?? "")[0]?.ID;
  };

  async function api(req: IncomingMessage, res: ServerResponse, path: string, params: URLSearchParams): Promise<void> {
    const method = req.method ?? "GET";
    if (method === "OPTIONS") return sendText(res, 200, "");

    if (path === "/api/v1/messages") {
      if (method === "GET") {
        const { start, limit, before } = startLimit(params);
        return sendJson(res, summaryResponse(store, selectMessages(store, "", before), start, limit, false));
      }
      if (method === "DELETE") {
        // No body or no IDs deletes everything, as in Mailpit. Unlike Mailpit, a body that is
        // not JSON is refused rather than read as "delete everything".
        const text = await readBody(req);
        let body: unknown;
        try {
          body = text.trim() === "" ? {} : JSON.parse(text);
        } catch (e) {
          throw new HttpError(400, (e as Error).message);
        }
        const ids = idsOf(body);
        if (ids.length === 0) await store.removeAll();
        else await store.remove(ids);
        return sendText(res, 200, "ok");
      }
      if (method === "PUT") {
        let body: unknown;
        try {
          body = JSON.parse(await readBody(req));
        } catch (e) {
          throw e instanceof HttpError ? e : new HttpError(400, (e as Error).message);
        }
        const ids = idsOf(body);
        const read = field(body, "Read") === true;
        const search = field(body, "Search");
        if (ids.length > 0 && typeof search === "string" && search !== "") {
          throw new HttpError(400, "You may specify either IDs or a search query, not both");
        }
        const targets =
          typeof search === "string" && search !== ""
            ? selectMessages(store, search).map((m) => m.ID)
            : ids.length > 0
              ? ids
              : store.list().map((m) => m.ID);
        await store.setRead(targets, read);
        return sendText(res, 200, "ok");
      }
      return sendText(res, 405, "Method Not Allowed");
    }

    if (path === "/api/v1/search") {
      const query = params.get("query")?.trim() ?? "";
      if (method !== "GET" && method !== "DELETE") return sendText(res, 405, "Method Not Allowed");
      if (query === "") throw new HttpError(400, "Error: no search query");
      const { start, limit, before } = startLimit(params);
      const selected = selectMessages(store, query, method === "GET" ? before : undefined);
      if (method === "DELETE") {
        await store.remove(selected.map((m) => m.ID));
        return sendText(res, 200, "ok");
      }
      return sendJson(res, summaryResponse(store, selected, start, limit, true));
    }

    const m = /^\/api\/v1\/message\/([^/]+)(?:\/(raw|headers)|\/part\/([^/]+))?$/.exec(path);
    if (m) {
      if (method !== "GET") return sendText(res, 405, "Method Not Allowed");
      const requested = segment(m[1]);
      const id = resolveId(requested, params);
      if (id === undefined && requested === "latest") return sendText(res, 404, "Message not found");
      const meta = id === undefined ? undefined : store.get(id);
      const raw = meta ? await store.raw(meta.ID) : undefined;
      if (!meta || !raw) return notFound(res);
      if (m[2] === "raw") {
        const headers: Record<string, string> =
          params.get("dl") === "1" ? { "Content-Disposition": `attachment; filename="${meta.ID}.eml"` } : {};
        return send(res, 200, raw, "text/plain; charset=utf-8", headers);
      }
      if (m[2] === "headers") return sendJson(res, await messageHeaders(raw));
      if (m[3] !== undefined) {
        const part = await messagePart(raw, segment(m[3]));
        if (!part) return notFound(res);
        return send(res, 200, part.content, part.contentType, {
          "Content-Disposition": `inline; filename="${encodeURIComponent(part.fileName)}"`,
        });
      }
      const detail = await messageDetail(raw, meta);
      await store.setRead([meta.ID], true);
      return sendJson(res, detail);
    }
    return notFound(res);
  }

  async function ui(req: IncomingMessage, res: ServerResponse, path: string, params: URLSearchParams): Promise<void> {
    const method = req.method ?? "GET";
    const nonce = randomBytes(12).toString("base64");
    const csp = [
      "default-src 'self'",
      `script-src 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline' http: https:",
      "img-src * data: blob:",
      "font-src * data:",
      "media-src * data:",
      "frame-src 'self'",
      "object-src 'none'",
      "form-action 'self'",
      "frame-ancestors 'self'",
    ].join("; ");
    const html = (body: string) =>
      send(res, 200, body, "text/html; charset=utf-8", { "Content-Security-Policy": csp, "Referrer-Policy": "no-referrer" });
    const redirect = (to: string) => {
      res.writeHead(303, { Location: to, "Cache-Control": "no-store" });
      res.end();
    };

    if (method === "GET" && (path === "/" || path === "/search")) {
      const query = (params.get("q") ?? params.get("query") ?? "").trim();
      const { start } = startLimit(params);
      const limit = 100;
      const selected = selectMessages(store, query);
      const stats = store.stats();
      return html(
        renderListPage({
          query,
          messages: selected.slice(start, start + limit).map(toSummary),
          matching: selected.length,
          start,
          limit,
          total: stats.total,
          unread: stats.unread,
          version: store.version(),
          nonce,
        }),
      );
    }
    if (method === "GET" && path === "/ui/version") return sendText(res, 200, String(store.version()));
    if (method === "GET" && (path === "/livez" || path === "/readyz")) return sendText(res, 200, "ok");
    const view = /^\/view\/([^/]+)$/.exec(path);
    if (method === "GET" && view) {
      const requested = segment(view[1]);
      if (requested === "latest") {
        const latest = store.list()[0];
        return latest ? redirect(`/view/${latest.ID}`) : redirect("/");
      }
      const meta = store.get(requested);
      const raw = meta ? await store.raw(meta.ID) : undefined;
      if (!meta || !raw) return notFound(res);
      const detail = await messageDetail(raw, meta);
      await store.setRead([meta.ID], true);
      return html(renderMessagePage(detail, store.stats(), nonce));
    }
    if (method === "POST" && path === "/ui/delete-all") {
      await store.removeAll();
      return redirect("/");
    }
    const del = /^\/ui\/delete\/([^/]+)$/.exec(path);
    if (method === "POST" && del) {
      await store.remove([segment(del[1])]);
      return redirect("/");
    }
    return notFound(res);
  }

  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://inbox.local");
    } catch {
      return sendText(res, 400, "bad request");
    }
    const path = url.pathname;
    const isApi = path.startsWith("/api/");
    if (isApi) {
      res.setHeader("Access-Control-Allow-Origin", req.headers.origin ?? "*");
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, PUT, OPTIONS");
      res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] ?? "*");
      res.setHeader("Access-Control-Max-Age", "600");
      res.setHeader("Vary", "Origin");
    }
    const handler = isApi ? api : ui;
    handler(req, res, path, url.searchParams).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500) logger.error(`${req.method} ${path}: ${(e as Error).stack ?? String(e)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendText(res, status, status === 500 ? "internal error" : (e as Error).message);
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(o.port, o.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (e) => logger.warn(`http: ${e.message}`));
  server.on("clientError", (_e, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    else socket.destroy();
  });

  return {
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
