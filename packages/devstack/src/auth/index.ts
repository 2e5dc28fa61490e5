import { createServer, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { PartContext, StackPart } from "../parts.ts";
import { connect } from "../postgres/bootstrap.ts";
import { type AuthApp, createLimiters } from "./app.ts";
import { API_VERSION_HEADER, renderError } from "./errors.ts";
import { type AuthRequest, type Reply, readRequest } from "./http.ts";
import { createMailer } from "./mailer.ts";
import { resolve } from "./router.ts";
import { resolveAuthSettings } from "./settings.ts";

function send(res: ServerResponse, reply: Reply, head: boolean): void {
  res.writeHead(reply.status, { ...reply.headers, "Content-Length": Buffer.byteLength(reply.body) });
  res.end(head ? undefined : reply.body);
}

async function handle(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const route = resolve(req.method, req.path);
  if (route.kind === "not_found")
    return { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: "404 page not found\n" };
  if (route.kind === "method_not_allowed") return { status: 405, headers: {}, body: "" };
  req.params = route.params;
  return route.handler(app, req);
}

/**
 * The Auth part: a GoTrue-compatible HTTP API at root paths (the gateway strips
 * `/auth/v1`), on GoTrue's `auth.*` tables, connected as supabase_auth_admin.
 * Mails go to the stack's SMTP inbox. Resolves once it listens.
 */
export async function startAuth(ctx: PartContext): Promise<StackPart> {
  const { config, logger } = ctx;
  const settings = resolveAuthSettings(config);
  const sql = connect(config, "supabase_auth_admin", 10);
  await sql`select 1`;
  const mailer = createMailer(settings.mail);
  const app: AuthApp = { settings, sql, mailer, logger, limits: createLimiters(settings) };
  const sockets = new Set<Socket>();

  const server = createServer((msg, res) => {
    const apiVersion = msg.headers[API_VERSION_HEADER] as string | undefined;
    void (async () => {
      let reply: Reply;
      try {
        reply = await handle(app, await readRequest(msg));
      } catch (e) {
        const rendered = renderError(e, apiVersion);
        if (rendered.status >= 500) logger.warn(`${msg.method} ${msg.url}: ${(e as Error)?.stack ?? String(e)}`);
        reply = {
          status: rendered.status,
          headers: { "Content-Type": "application/json", ...rendered.headers },
          body: JSON.stringify(rendered.body),
        };
      }
      if (!res.headersSent) send(res, reply, msg.method === "HEAD");
    })().catch((e: unknown) => {
      logger.error(`auth request failed: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(config.ports.auth, config.host, () => resolveListen());
  });
  logger.info(`auth listening on http://${config.host}:${config.ports.auth} (public ${settings.externalUrl})`);

  return {
    name: "auth",
    async stop() {
      await new Promise<void>((r) => {
        server.close(() => r());
        for (const s of sockets) s.destroy();
      });
      mailer.close();
      await sql.end({ timeout: 5 });
    },
  };
}
