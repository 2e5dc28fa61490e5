import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

/** A row taken from `net.http_request_queue`, as the worker sees it. */
export type QueuedRequest = {
  id: string;
  method: string;
  url: string;
  /** Header pairs in queue order; pg_net sends each as `name: value`. */
  headers: Array<[string, string]>;
  body: Buffer | null;
  timeoutMs: number;
};

/** The columns pg_net writes to `net._http_response` for one request. */
export type PgNetResult = {
  statusCode: number | null;
  contentType: string | null;
  headers: Record<string, string> | null;
  content: string | null;
  timedOut: boolean;
  errorMsg: string | null;
};

/** Seconds-from-start marks of one attempt, like curl's CURLINFO_*_TIME (0 = step not reached). */
export type PhaseTimings = {
  namelookup: number;
  connect: number;
  appconnect: number;
  pretransfer: number;
  total: number;
};

export const PG_NET_USER_AGENT = "pg_net/0.20.4";
const MAX_REDIRECTS = 30;

/**
 * pg_net's timeout message (errors.c `detailed_timeout_strerror`), reproduced so code that
 * parses `error_msg` behaves the same locally. Times are seconds, printed as milliseconds.
 */
export function timeoutMessage(timeoutMs: number, t: PhaseTimings): string {
  const atDns = t.namelookup === 0 && t.connect === 0;
  const atHandshake = t.pretransfer === 0;
  const atHttp = t.pretransfer > 0;
  const dns = atDns ? t.total : atHandshake || atHttp ? t.namelookup : 0;
  const handshake = atDns
    ? 0
    : atHandshake
      ? t.total - t.namelookup
      : atHttp
        ? t.connect - t.namelookup + (t.appconnect > 0 ? t.appconnect - t.connect : 0)
        : 0;
  const httpTime = atDns || atHandshake ? 0 : atHttp ? t.total - t.pretransfer : 0;
  const ms = (s: number) => (s * 1000).toFixed(6);
  return (
    `Timeout of ${timeoutMs} ms reached. Total time: ${ms(t.total)} ms ` +
    `(DNS time: ${ms(dns)} ms, TCP/SSL handshake time: ${ms(handshake)} ms, HTTP Request/Response time: ${ms(httpTime)} ms)`
  );
}

type NodeError = Error & { code?: string };

const TLS_CERT_CODES = new Set([
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * Maps a Node socket/HTTP error to the libcurl `curl_easy_strerror` text pg_net stores, so
 * `error_msg` reads the same as on hosted Supabase.
 */
export function curlErrorMessage(error: NodeError): string {
  const code = error.code ?? "";
  if (code === "ECONNREFUSED" || code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EADDRNOTAVAIL")
    return "Couldn't connect to server";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME") return "Couldn't resolve host name";
  if (TLS_CERT_CODES.has(code)) return "SSL peer certificate or SSH remote key was not OK";
  if (code.startsWith("ERR_SSL") || code.startsWith("EPROTO")) return "SSL connect error";
  if (code.startsWith("HPE_")) return "Weird server reply";
  if (code === "ECONNRESET" && error.message === "socket hang up") return "Server returned nothing (no headers, no data)";
  if (code === "ECONNRESET" || code === "EPIPE") return "Failure when receiving data from the peer";
  if (code === "ERR_INVALID_URL") return "URL using bad/illegal format or missing URL";
  return code ? `${code}: ${error.message}` : error.message;
}

/** Response headers as one JSON object with the server's spelling; a repeated name keeps its last value, as jsonb does. */
export function headersObject(rawHeaders: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) out[rawHeaders[i] as string] = rawHeaders[i + 1] as string;
  return out;
}

/** pg_net keeps the body as a C string: empty means NULL, and it ends at the first NUL byte. */
export function bodyText(body: Buffer): string | null {
  const nul = body.indexOf(0);
  const bytes = nul >= 0 ? body.subarray(0, nul) : body;
  return bytes.length === 0 ? null : bytes.toString("utf8");
}

/** curl's FOLLOWLOCATION rules: 303 (and 301/302 after a POST) turn into a GET without body. */
export function redirectMethod(status: number, method: string): { method: string; keepBody: boolean } {
  if (status === 303 && method !== "HEAD") return { method: "GET", keepBody: false };
  if ((status === 301 || status === 302) && method === "POST") return { method: "GET", keepBody: false };
  return { method, keepBody: true };
}

const failure = (errorMsg: string, timedOut = false): PgNetResult => ({
  statusCode: null,
  contentType: null,
  headers: null,
  content: null,
  timedOut,
  errorMsg,
});

type Hop = { status: number; rawHeaders: string[]; body: Buffer; location: string | undefined };

/**
 * Performs one queued request the way pg_net's curl handle does (method, headers plus a
 * pg_net User-Agent, body, redirects followed, whole-operation timeout) and shapes the
 * outcome as the `net._http_response` columns. Never throws: failures become `error_msg`.
 */
export async function performRequest(req: QueuedRequest, signal?: AbortSignal): Promise<PgNetResult> {
  const start = performance.now();
  const deadline = start + Math.max(0, req.timeoutMs);
  const seconds = (t: number) => (t - start) / 1000;

  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return failure("URL using bad/illegal format or missing URL");
  }
  let method = req.method.toUpperCase();
  let body = req.body;

  for (let hops = 0; ; hops++) {
    if (url.protocol !== "http:" && url.protocol !== "https:") return failure("Unsupported protocol");
    const attempt = await new Promise<Hop | { error: PgNetResult }>((resolve) => {
      const hopTimings: PhaseTimings = { namelookup: 0, connect: 0, appconnect: 0, pretransfer: 0, total: 0 };
      const hostname = url.hostname.replace(/^\[|\]$/g, "");
      if (isIP(hostname)) hopTimings.namelookup = 0.000001;
      const headers: Array<[string, string]> = [...req.headers];
      const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name);
      // Node adds no Host header when headers come as a raw list; curl always sends one.
      if (!has("host")) headers.unshift(["Host", url.host]);
      if (!has("user-agent")) headers.push(["User-Agent", PG_NET_USER_AGENT]);
      if (!has("accept")) headers.push(["Accept", "*/*"]);
      if ((body && body.length > 0) || method === "POST") {
        if (!has("content-length")) headers.push(["Content-Length", String(body?.length ?? 0)]);
      }
      const lib = url.protocol === "https:" ? https : http;
      let settled = false;
      const finish = (value: Hop | { error: PgNetResult }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      };
      const request = lib.request(url, {
        method,
        headers: headers.flat(),
        agent: false,
        setHost: false,
      });
      const remaining = deadline - performance.now();
      const timer = setTimeout(
        () => {
          hopTimings.total = seconds(performance.now());
          request.destroy();
          finish({ error: failure(timeoutMessage(req.timeoutMs, hopTimings), true) });
        },
        Math.max(0, remaining),
      );
      const onAbort = () => {
        request.destroy();
        finish({ error: failure("Request was cancelled: the devstack pg_net worker stopped") });
      };
      if (signal?.aborted) onAbort();
      signal?.addEventListener("abort", onAbort);
      request.on("socket", (socket) => {
        socket.on("lookup", () => {
          hopTimings.namelookup = seconds(performance.now());
        });
        socket.on("connect", () => {
          hopTimings.connect = seconds(performance.now());
          if (hopTimings.namelookup === 0) hopTimings.namelookup = hopTimings.connect;
          if (url.protocol === "http:") hopTimings.pretransfer = hopTimings.connect;
        });
        socket.on("secureConnect", () => {
          hopTimings.appconnect = seconds(performance.now());
          hopTimings.pretransfer = hopTimings.appconnect;
        });
      });
      request.on("error", (e) => finish({ error: failure(curlErrorMessage(e as NodeError)) }));
      request.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) => finish({ error: failure(curlErrorMessage(e as NodeError)) }));
        res.on("end", () =>
          finish({
            status: res.statusCode ?? 0,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks),
            location: res.headers.location,
          }),
        );
      });
      request.end(body && body.length > 0 ? body : undefined);
    });
    if ("error" in attempt) return attempt.error;

    const isRedirect = [301, 302, 303, 307, 308].includes(attempt.status) && attempt.location;
    if (isRedirect && attempt.location) {
      if (hops >= MAX_REDIRECTS) return failure("Number of redirects hit maximum amount");
      const next = redirectMethod(attempt.status, method);
      method = next.method;
      if (!next.keepBody) body = null;
      try {
        url = new URL(attempt.location, url);
      } catch {
        return failure("URL using bad/illegal format or missing URL");
      }
      continue;
    }

    const headers = headersObject(attempt.rawHeaders);
    const contentTypeKey = Object.keys(headers).find((k) => k.toLowerCase() === "content-type");
    return {
      statusCode: attempt.status,
      contentType: contentTypeKey ? (headers[contentTypeKey] as string) : null,
      headers,
      content: bodyText(attempt.body),
      timedOut: false,
      errorMsg: null,
    };
  }
}
