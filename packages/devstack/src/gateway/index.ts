import { createServer, type IncomingHttpHeaders, type IncomingMessage, request, type ServerResponse } from "node:http";
import { connect, type Socket } from "node:net";
import type { StackConfig } from "../config/stack-config.ts";
import type { PartContext, StackPart } from "../parts.ts";
import { KEY_ERRORS, matchRoute, type Route, type Upstream, upstreamPath } from "./routes.ts";

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "*",
};

function upstreamPort(config: StackConfig, upstream: Upstream): number {
  return {
    auth: config.ports.auth,
    rest: config.ports.postgrest,
    realtime: config.ports.realtime,
    functions: config.ports.functions,
  }[upstream];
}

function apiKeyOf(req: IncomingMessage, url: URL): string | undefined {
  const header = req.headers.apikey;
  return (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get("apikey") ?? undefined;
}

type KeyCheck = { ok: true; apiKey: string | undefined } | { ok: false; status: number; body: object };

function checkKey(route: Route, req: IncomingMessage, url: URL, validKeys: Set<string>): KeyCheck {
  const apiKey = apiKeyOf(req, url);
  if (!route.keyAuth) return { ok: true, apiKey };
  if (!apiKey) return { ok: false, status: 401, body: KEY_ERRORS.missing };
  if (!validKeys.has(apiKey)) return { ok: false, status: 401, body: KEY_ERRORS.invalid };
  return { ok: true, apiKey };
}

function forwardedHeaders(
  req: IncomingMessage,
  route: Route,
  apiKey: string | undefined,
  config: StackConfig,
): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...req.headers };
  if (route.hideCredentials) delete headers.apikey;
  if (route.bearerFromApiKey && !headers.authorization && apiKey) headers.authorization = `Bearer ${apiKey}`;
  const remote = req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1";
  headers["x-forwarded-for"] = headers["x-forwarded-for"] ? `${headers["x-forwarded-for"]}, ${remote}` : remote;
  headers["x-forwarded-host"] = headers.host ?? `${config.host}:${config.ports.api}`;
  headers["x-forwarded-proto"] = "http";
  headers["x-forwarded-prefix"] = route.prefix.split("/").slice(0, 3).join("/");
  return headers;
}

function sendJson(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...CORS_HEADERS });
  res.end(JSON.stringify(body));
}

/**
 * Stand-in for Supabase's Kong gateway: one port, Supabase's paths, the `apikey`
 * check against the stack's anon and service keys, CORS, and WebSocket pass-through.
 */
export async function startGateway(ctx: PartContext): Promise<StackPart> {
  const { config, logger } = ctx;
  const validKeys = new Set([config.anonKey, config.serviceRoleKey]);
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://gateway");
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
      res.writeHead(200, {
        ...CORS_HEADERS,
        "access-control-allow-methods": "GET,HEAD,PUT,PATCH,POST,DELETE,OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-max-age": "3600",
        "content-length": "0",
      });
      res.end();
      return;
    }
    const route = matchRoute(url.pathname);
    if (!route) return sendJson(res, 404, KEY_ERRORS.noRoute);
    const key = checkKey(route, req, url, validKeys);
    if (!key.ok) return sendJson(res, key.status, key.body);
    const upstream = request(
      {
        host: config.host,
        port: upstreamPort(config, route.upstream),
        method: req.method,
        path: upstreamPath(route, req.url ?? "/"),
        headers: forwardedHeaders(req, route, key.apiKey, config),
      },
      (upRes) => {
        const headers = { ...upRes.headers };
        for (const [k, v] of Object.entries(CORS_HEADERS)) if (!headers[k]) headers[k] = v;
        res.writeHead(upRes.statusCode ?? 502, upRes.statusMessage, headers);
        upRes.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      logger.warn(`${route.upstream} upstream error on ${req.method} ${url.pathname}: ${error.message}`);
      if (!res.headersSent) sendJson(res, 502, KEY_ERRORS.badGateway);
      else res.destroy();
    });
    req.pipe(upstream);
  });

  server.on("upgrade", (req, socket, head) => {
    sockets.add(socket as Socket);
    socket.on("close", () => sockets.delete(socket as Socket));
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://gateway");
    const route = matchRoute(url.pathname);
    const reject = (status: number, body: object) => {
      const text = JSON.stringify(body);
      socket.end(
        `HTTP/1.1 ${status} ${status === 404 ? "Not Found" : "Unauthorized"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
      );
    };
    if (!route) return reject(404, KEY_ERRORS.noRoute);
    const key = checkKey(route, req, url, validKeys);
    if (!key.ok) return reject(key.status, key.body);
    const upstream = connect(upstreamPort(config, route.upstream), config.host, () => {
      const headers = forwardedHeaders(req, route, key.apiKey, config);
      const lines = [`${req.method} ${upstreamPath(route, req.url ?? "/")} HTTP/1.1`];
      for (const [k, v] of Object.entries(headers)) {
        for (const value of Array.isArray(v) ? v : [v]) if (value !== undefined) lines.push(`${k}: ${value}`);
      }
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => {
      sockets.delete(upstream);
      socket.destroy();
    });
    upstream.on("error", () => socket.destroy());
    socket.on("close", () => upstream.destroy());
  });

  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.ports.api, config.host, () => resolve());
  });
  logger.info(`gateway listening on http://${config.host}:${config.ports.api}`);
  return {
    name: "gateway",
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
