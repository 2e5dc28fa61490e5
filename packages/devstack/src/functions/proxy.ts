import {
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from "node:http";
import { sendRelayError, workerError } from "./relay-errors.ts";

const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "http2-settings",
]);

/** Drops hop-by-hop headers (and those named in `Connection`), which belong to one connection only. */
export function endToEndHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name)) continue;
    out[name] = value;
  }
  return out;
}

/** Same filter on a raw `[name, value, name, value, ...]` list, which keeps repeated headers (Set-Cookie) intact. */
export function endToEndRawHeaders(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, raw[i + 1] as string);
  }
  return out;
}

export type ProxyTarget = {
  port: number;
  /** Called once when the exchange is over (finished, aborted or failed). */
  release(): void;
  /** Called when the function process broke the exchange, so it is not trusted again. */
  failed(reason: string): void;
};

/**
 * Streams one request to a function process and its answer back: bodies are piped both
 * ways without buffering (uploads, server-sent events), status and headers pass as they are.
 */
export function proxyRequest(req: IncomingMessage, res: ServerResponse, target: ProxyTarget): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      target.release();
      resolve();
    };
    const upstream = request({
      host: "127.0.0.1",
      port: target.port,
      method: req.method,
      path: req.url,
      headers: endToEndHeaders(req.headers),
      // A fresh connection per request: a pooled socket the function closed meanwhile
      // would otherwise surface as a spurious worker error.
      agent: false,
    });
    upstream.on("response", (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEndRawHeaders(answer.rawHeaders));
      res.flushHeaders();
      answer.pipe(res);
      answer.on("error", () => res.destroy());
      answer.on("aborted", () => res.destroy());
    });
    upstream.on("error", (error) => {
      // Our own destroy after the client went away, or a failure after the answer was sent.
      if (res.writableEnded || res.destroyed) return settle();
      target.failed(error.message);
      sendRelayError(res, workerError(`the function process broke the connection (${error.message})`));
      settle();
    });
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
      settle();
    });
    req.pipe(upstream);
  });
}
