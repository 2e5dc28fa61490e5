import nodemailer from "nodemailer";
import type { MailContent } from "./mail-templates.ts";

export type Mailer = {
  send(to: string, content: MailContent): Promise<void>;
  close(): void;
};

/** SMTP to the stack's inbox (Mailpit stand-in), as GoTrue sends to Inbucket/Mailpit locally. */
export function createMailer(options: { host: string; port: number; from: string }): Mailer {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 5_000,
    greetingTimeout: 5_000,
    socketTimeout: 10_000,
  });
  return {
    async send(to, content) {
      await transport.sendMail({ from: options.from, to, subject: content.subject, text: content.text, html: content.html });
    },
    close: () => transport.close(),
  };
}
