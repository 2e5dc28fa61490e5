/**
 * Starts an inbox part of our own (temp workdir, free ports) for tests that would disturb
 * the shared stack's mailbox: delete-all, restarts, pruning, corrupted files.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { resolveStackConfig } from "../../src/config/stack-config.ts";
import { type InboxLimits, startInbox } from "../../src/mail/index.ts";
import type { StackPart } from "../../src/parts.ts";
import { freePort } from "../../src/process/free-port.ts";
import { createLogger } from "../../src/process/log.ts";

export type OwnInbox = {
  url: string;
  smtpPort: number;
  workdir: string;
  logs: string[];
  fatal: Error[];
  stop(): Promise<void>;
  /** Stops and starts again on the same ports and workdir. */
  restart(): Promise<void>;
};

export async function startOwnInbox(projectRoot: string, limits: Partial<InboxLimits> = {}, workdir?: string): Promise<OwnInbox> {
  const dir = workdir ?? mkdtempSync(join(tmpdir(), "devstack-inbox-"));
  const config = await resolveStackConfig({
    projectRoot,
    workdir: dir,
    ports: { inbox: await freePort(), smtp: await freePort(), api: 1, db: 1, postgrest: 1, auth: 1, realtime: 1, functions: 1 },
    ephemeral: true,
  });
  const logs: string[] = [];
  const fatal: Error[] = [];
  const start = () =>
    startInbox({ config, logger: createLogger("inbox", (l) => logs.push(l)), onFatal: (e) => fatal.push(e) }, limits);
  let part: StackPart | undefined = await start();
  return {
    url: `http://${config.host}:${config.ports.inbox}`,
    smtpPort: config.ports.smtp,
    workdir: dir,
    logs,
    fatal,
    async stop() {
      await part?.stop();
      part = undefined;
    },
    async restart() {
      await part?.stop();
      part = await start();
    },
  };
}

/** A nodemailer transport to a local SMTP port, as Auth or a function would create it. */
export const smtpTransport = (port: number) =>
  nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, pool: false });
