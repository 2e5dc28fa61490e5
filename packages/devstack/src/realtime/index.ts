import { createServer, type IncomingMessage, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import type { PartContext, StackPart } from "../parts.ts";
import { connect } from "../postgres/bootstrap.ts";
import { Connection } from "./connection.ts";
import { startDatabaseBroadcasts } from "./database-broadcasts.ts";
import { handleHttp } from "./http-api.ts";
import { RealtimeHub } from "./hub.ts";
import { connectError, verifyToken } from "./jwt.ts";
import { SUPPORTED_VSNS, type Vsn } from "./serializer.ts";

/** Realtime's default tenant limit (3000 KB, plus its 500 byte allowance). */
const MAX_PAYLOAD_BYTES = 3_000 * 1000 + 500;
/** Realtime's `max_frame_size`. */
const MAX_FRAME_BYTES = 5_000_000;
/** The gateway strips `/realtime/v1`; Supabase's Kong maps it to `/socket`. Both are served. */
const WEBSOCKET_PATHS = new Set(["/websocket", "/socket/websocket"]);

function refuse(socket: Duplex, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const type = typeof body === "string" ? "text/plain" : "application/json";
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\ncontent-type: ${type}\r\ncontent-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
  );
}

function xHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (k.startsWith("x-") && typeof v === "string") out[k] = v;
  }
  return out;
}

/**
 * Starts the Realtime stand-in: Phoenix channels over WebSocket at `/websocket` (vsn 1.0.0
 * and 2.0.0), broadcast and presence, private channels authorized by RLS on
 * realtime.messages, broadcasts from the database after commit, and the REST broadcast API.
 * Ready once it listens and its database listener is up.
 */
export async function startRealtime(ctx: PartContext): Promise<StackPart> {
  const { config } = ctx;
  const logger = ctx.logger;
  const sql = connect(config, "supabase_admin", 4);
  const listenSql = connect(config, "supabase_admin", 1);
  const hub = new RealtimeHub({
    sql,
    jwtSecret: new TextEncoder().encode(config.jwtSecret),
    logger,
    maxPayloadBytes: MAX_PAYLOAD_BYTES,
  });
  const connections = new Set<Connection>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => undefined);
    const url = new URL(req.url ?? "/", "http://realtime.local");
    if (!WEBSOCKET_PATHS.has(url.pathname)) return refuse(socket, 404, { message: "not found" });
    const vsn = url.searchParams.get("vsn") ?? "1.0.0";
    if (!SUPPORTED_VSNS.includes(vsn as Vsn)) {
      return refuse(
        socket,
        403,
        `The client's requested transport version "${vsn}" does not match server's version requirements`,
      );
    }
    const headerKey = req.headers["x-api-key"];
    const apiKey = typeof headerKey === "string" ? headerKey : url.searchParams.get("apikey");
    if (!apiKey) return refuse(socket, 401, { error: "API key is missing" });
    const verified = await verifyToken(apiKey, hub.deps.jwtSecret);
    if (!verified.ok) {
      const { status, message } = connectError(verified.error);
      return refuse(socket, status, { error: message });
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections.add(new Connection(hub, ws, vsn as Vsn, apiKey, xHeaders(req), (c) => connections.delete(c)));
    });
  };

  const server = createServer((req, res) => void handleHttp(hub, req, res));
  server.on("upgrade", (req, socket, head) => {
    upgrade(req, socket, head).catch((e: unknown) => {
      logger.error(`ErrorConnectingToWebsocket: ${(e as Error).message}`);
      refuse(socket, 500, { error: "Error connecting to Realtime" });
    });
  });

  let database: Awaited<ReturnType<typeof startDatabaseBroadcasts>> | undefined;
  try {
    await sql`select 1`;
    database = await startDatabaseBroadcasts(
      listenSql,
      (m) =>
        hub.publishBroadcast(m.topic, m.private, {
          kind: "user",
          broadcast: {
            userEvent: m.event,
            encoding: m.binary ? "binary" : "json",
            data: m.binary ?? Buffer.from(m.payloadText ?? "null", "utf8"),
            metadata: { id: m.id },
          },
        }),
      logger,
    );
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(config.ports.realtime, config.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    await database?.stop();
    await Promise.allSettled([sql.end({ timeout: 1 }), listenSql.end({ timeout: 1 })]);
    throw e;
  }
  server.on("error", (e) => ctx.onFatal(e));
  logger.info(`listening on ${config.host}:${config.ports.realtime}`);

  return {
    name: "realtime",
    async stop() {
      const closed = [...connections].map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.ws.readyState === c.ws.CLOSED) return resolve();
            c.ws.once("close", () => resolve());
            c.dispose();
            c.ws.close(1001, "server shutting down");
          }),
      );
      const force = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, 1000);
      await Promise.all(closed);
      clearTimeout(force);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      wss.close();
      await database?.stop();
      await Promise.allSettled([sql.end({ timeout: 2 }), listenSql.end({ timeout: 2 })]);
    },
  };
}
