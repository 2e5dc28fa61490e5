import { SMTPServer } from "smtp-server";
import type { Logger } from "../process/log.ts";
import type { MessageStore } from "./message-store.ts";

export type SmtpOptions = {
  host: string;
  port: number;
  /** Larger messages are refused with 552, like a real MTA's SIZE limit. */
  maxMessageBytes: number;
  store: MessageStore;
  logger: Logger;
};

export type RunningSmtp = { stop(): Promise<void> };

/**
 * A catch-all SMTP server like Mailpit's: plain text, no TLS, every sender and recipient
 * accepted. AUTH is optional and any credentials pass, so senders configured with a user
 * and password (as against a real relay) work unchanged.
 */
export async function startSmtp(o: SmtpOptions): Promise<RunningSmtp> {
  const server = new SMTPServer({
    name: "devstack-inbox",
    banner: "devstack local inbox (Mailpit-compatible)",
    secure: false,
    disabledCommands: ["STARTTLS"],
    hideSTARTTLS: true,
    authOptional: true,
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN", "CRAM-MD5"],
    disableReverseLookup: true,
    size: o.maxMessageBytes,
    maxClients: 100,
    socketTimeout: 60_000,
    closeTimeout: 500,
    logger: false,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? "" });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("error", (e: Error) => callback(e));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          const err = Object.assign(new Error(`Message exceeds the size limit of ${o.maxMessageBytes} bytes`), {
            responseCode: 552,
          });
          callback(err);
          return;
        }
        const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        const rcptTo = session.envelope.rcptTo.map((r) => r.address);
        o.store.add(Buffer.concat(chunks), { mailFrom, rcptTo, username: session.user }).then(
          (meta) => {
            o.logger.info(`received "${meta.Subject}" for ${rcptTo.join(", ")} (${meta.ID})`);
            callback(null, `Ok: queued as ${meta.ID}`);
          },
          (e: Error) => {
            o.logger.error(`could not store a message: ${e.message}`);
            callback(Object.assign(new Error("Local storage error, try again later"), { responseCode: 451 }));
          },
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once("error", onError);
    server.listen(o.port, o.host, () => {
      server.off("error", onError);
      resolve();
    });
  });
  // Client-side trouble (resets, garbage) surfaces here; it must never take the inbox down.
  server.on("error", (e) => o.logger.warn(`smtp: ${e.message}`));

  return {
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
