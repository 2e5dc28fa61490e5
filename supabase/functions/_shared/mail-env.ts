/**
 * Mail settings of functions that send mail themselves (next to `_shared/env.ts`, the only
 * other module that reads `Deno.env`). Read once per process; a missing or malformed
 * setting is reported by name so the function can answer "not configured" clearly.
 *
 *   SMTP_HOST, SMTP_PORT      the SMTP server (465 = implicit TLS; other ports upgrade with STARTTLS when offered)
 *   SMTP_USER, SMTP_PASS      credentials, both or neither
 *   SMTP_SENDER               the From header, e.g. `FlexOffice <no-reply@example.com>`
 *   SITE_URL                  the app's public address; mailed links point into it
 *   ADDITIONAL_REDIRECT_ORIGINS  comma-separated further origins mailed links may point to (e.g. a staging app)
 */

export type MailEnv = {
  smtp: { host: string; port: number; secure: boolean; auth: { user: string; pass: string } | null };
  sender: string;
  siteUrl: string;
  /** Origins a mailed link may point to: SITE_URL's and the additional ones. */
  linkOrigins: string[];
};

export type MailEnvResult = { ok: true; env: MailEnv } | { ok: false; problems: string[] };

const origin = (value: string): string | null => {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin : null;
  } catch {
    return null;
  }
};

/** Reads and checks the settings from any source; kept apart from `Deno.env` so it stays testable. */
export function parseMailEnv(get: (name: string) => string | undefined): MailEnvResult {
  const problems: string[] = [];
  const read = (name: string) => get(name)?.trim() ?? "";
  const required = (name: string) => {
    const value = read(name);
    if (!value) problems.push(`${name} is not set`);
    return value;
  };

  const host = required("SMTP_HOST");
  const portText = required("SMTP_PORT");
  const port = Number(portText);
  if (portText && !(Number.isInteger(port) && port > 0 && port < 65536)) problems.push("SMTP_PORT is not a port number");
  const user = read("SMTP_USER");
  const pass = read("SMTP_PASS");
  if (Boolean(user) !== Boolean(pass)) problems.push("SMTP_USER and SMTP_PASS must be set together");
  const sender = required("SMTP_SENDER");
  if (sender && !/^(?:[^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s<>]+@[^@\s<>]+)$/.test(sender)) {
    problems.push("SMTP_SENDER is not an address such as FlexOffice <no-reply@example.com>");
  }
  const siteUrl = required("SITE_URL");
  const siteOrigin = siteUrl ? origin(siteUrl) : null;
  if (siteUrl && !siteOrigin) problems.push("SITE_URL is not an http(s) URL");
  const extra = read("ADDITIONAL_REDIRECT_ORIGINS")
    .split(",")
    .map((value) => value.trim())
    .filter(Boolean);
  const extraOrigins = extra.map(origin);
  extra.forEach((value, i) => {
    if (!extraOrigins[i]) problems.push(`ADDITIONAL_REDIRECT_ORIGINS: "${value}" is not an http(s) origin`);
  });

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    env: {
      smtp: { host, port, secure: port === 465, auth: user ? { user, pass } : null },
      sender,
      siteUrl,
      linkOrigins: [...new Set([siteOrigin as string, ...(extraOrigins as string[])])],
    },
  };
}

let cached: MailEnvResult | undefined;

/** The mail settings of this function process (read once). */
export function mailEnv(): MailEnvResult {
  cached ??= parseMailEnv((name) => Deno.env.get(name));
  return cached;
}
