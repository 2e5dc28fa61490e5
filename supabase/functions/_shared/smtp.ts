import nodemailer from "npm:nodemailer@10.6.0";
import type { MailEnv } from "./mail-env.ts";

/** One mail as the functions send it: plain text with an HTML alternative. */
export type MailMessage = { to: string; subject: string; text: string; html: string };

export type SendMail = (message: MailMessage) => Promise<void>;

/**
 * An SMTP sender for `MailEnv` (nodemailer, pinned like the devstack's). Timeouts are short:
 * a function waiting on a dead mail server would otherwise hold its caller for minutes.
 */
export function createSmtpSender(env: MailEnv): SendMail {
  const transport = nodemailer.createTransport({
    host: env.smtp.host,
    port: env.smtp.port,
    secure: env.smtp.secure,
    auth: env.smtp.auth ?? undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return async (message) => {
    await transport.sendMail({ from: env.sender, ...message });
  };
}
