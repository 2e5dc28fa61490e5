import { join } from "node:path";
import type { PartContext, StackPart } from "../parts.ts";
import { startInboxHttp } from "./http.ts";
import { openMessageStore } from "./message-store.ts";
import { startSmtp } from "./smtp.ts";

export type { InboxClient, WaitForMessageOptions } from "./client.ts";
export { createInboxClient, extractLinks } from "./client.ts";

/** Limits of the local inbox; Mailpit keeps 500 messages by default, we keep a little more. */
export type InboxLimits = { maxMessages: number; maxTotalBytes: number; maxMessageBytes: number };

export const DEFAULT_INBOX_LIMITS: InboxLimits = {
  maxMessages: 1000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxMessageBytes: 25 * 1024 * 1024,
};

/**
 * The stand-in for Mailpit/Inbucket: every mail that Auth and edge functions send to
 * `ports.smtp` lands in a mailbox kept under `<workdir>/mail/` (it survives restarts),
 * readable as a web page and through Mailpit's `/api/v1` on `ports.inbox`, so tools
 * written for the Supabase CLI's local mail work here unchanged.
 */
export async function startInbox(ctx: PartContext, limits: Partial<InboxLimits> = {}): Promise<StackPart> {
  const { config, logger } = ctx;
  const l = { ...DEFAULT_INBOX_LIMITS, ...limits };
  const store = await openMessageStore({
    dir: join(config.workdir, "mail"),
    maxMessages: l.maxMessages,
    maxTotalBytes: l.maxTotalBytes,
    logger,
  });
  const http = await startInboxHttp({ host: config.host, port: config.ports.inbox, store, logger });
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  try {
    smtp = await startSmtp({ host: config.host, port: config.ports.smtp, maxMessageBytes: l.maxMessageBytes, store, logger });
  } catch (e) {
    await http.stop();
    throw e;
  }
  logger.info(`inbox at http://${config.host}:${config.ports.inbox} (SMTP on port ${config.ports.smtp})`);
  return {
    name: "inbox",
    async stop() {
      await smtp.stop();
      await http.stop();
      await store.flush();
    },
  };
}
