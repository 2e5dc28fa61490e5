import { AuthClient } from "@supabase/auth-js";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import postgres from "postgres";
import WebSocket from "ws";
import { startAuth } from "../../src/auth/index.ts";
import { resolveStackConfig, type StackConfig } from "../../src/config/stack-config.ts";
import type { StackPart } from "../../src/parts.ts";
import { freePort } from "../../src/process/free-port.ts";
import { createLogger } from "../../src/process/log.ts";
import { type StackEnv, stackEnv, uniqueName } from "../../src/testing/index.ts";

export const env: StackEnv = stackEnv();

/** A supabase-js client as an app would create it (Node 20 needs `ws` for realtime-js). */
export function client(key = env.anonKey, options: { flowType?: "implicit" | "pkce" } = {}): SupabaseClient {
  return createClient(env.apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: false, ...(options.flowType ? { flowType: options.flowType } : {}) },
    realtime: { transport: WebSocket as never },
  });
}

export const adminClient = () => client(env.serviceRoleKey);

export const randomEmail = (label: string) => `${uniqueName(label).toLowerCase()}@example.test`;

export type Claims = Record<string, unknown> & { sub: string; session_id: string; exp: number; iat: number };

export function decodeJwt(token: string): Claims {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Claims;
}

type MailSummary = { ID: string; Subject: string; To: { Address: string }[]; Created: string };
export type Mail = { ID: string; Subject: string; Text: string; HTML: string; To: { Address: string }[] };

/** Waits for the newest mail to `to` (optionally with a subject), read through the inbox's Mailpit API. */
export async function waitForMail(
  to: string,
  opts: { subject?: string; after?: Set<string>; timeoutMs?: number } = {},
): Promise<Mail> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const res = await fetch(`${env.inboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`);
    if (res.ok) {
      const body = (await res.json()) as { messages: MailSummary[] };
      const hit = body.messages.find((m) => (!opts.subject || m.Subject === opts.subject) && !opts.after?.has(m.ID));
      if (hit) return (await (await fetch(`${env.inboxUrl}/api/v1/message/${hit.ID}`)).json()) as Mail;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to}${opts.subject ? ` with subject "${opts.subject}"` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** IDs of the mails `to` already has, so a later wait can skip them. */
export async function mailIds(to: string): Promise<Set<string>> {
  const res = await fetch(`${env.inboxUrl}/api/v1/search?query=${encodeURIComponent(`to:${to}`)}`);
  const body = (await res.json()) as { messages: MailSummary[] };
  return new Set(body.messages.map((m) => m.ID));
}

/** The GoTrue action link (`.../auth/v1/verify?...`) in a mail's text. */
export function verifyLink(mail: Mail): string {
  const m = /(https?:\/\/\S+\/auth\/v1\/verify\?\S+)/.exec(mail.Text);
  if (!m) throw new Error(`no verify link in mail:\n${mail.Text}`);
  return m[1] as string;
}

/** Follows a link without following redirects and returns the Location it sends the browser to. */
export async function follow(url: string, init: RequestInit = {}): Promise<{ status: number; location: string }> {
  const res = await fetch(url, { ...init, redirect: "manual" });
  await res.arrayBuffer();
  return { status: res.status, location: res.headers.get("location") ?? "" };
}

/** Parses `#a=b&c=d` (or `?a=b`) of a redirect target. */
export function fragmentParams(location: string): URLSearchParams {
  return new URLSearchParams(new URL(location).hash.replace(/^#/, ""));
}

/** Connects to the stack's database as `postgres` (or the superuser with `admin`). */
export function db(admin = false): postgres.Sql {
  return postgres(admin ? env.adminDbUrl : env.dbUrl, { max: 2, onnotice: () => {} });
}

/** Creates a confirmed user through the admin API and signs it in. */
export async function signedInUser(label: string, password = "correct-horse-9") {
  const email = randomEmail(label);
  const admin = adminClient();
  const created = await admin.auth.admin.createUser({ email, password, email_confirm: true });
  if (created.error) throw created.error;
  const supabase = client();
  const { data, error } = await supabase.auth.signInWithPassword({ email, password });
  if (error || !data.session) throw error ?? new Error("no session");
  return { email, password, supabase, session: data.session, user: data.user };
}

export type OwnAuth = { url: string; config: StackConfig; auth: InstanceType<typeof AuthClient>; stop(): Promise<void> };

/**
 * Starts a second auth server on the shared stack's database and inbox with a modified
 * config (hook enabled, tight rate limits...), reached directly without the gateway.
 */
export async function startOwnAuth(edit: (c: StackConfig) => void): Promise<OwnAuth> {
  const port = (u: string) => Number(new URL(u).port);
  const config = await resolveStackConfig({
    projectRoot: env.projectRoot,
    workdir: env.workdir,
    jwtSecret: env.jwtSecret,
    ports: { api: port(env.apiUrl), db: port(env.dbUrl), smtp: env.smtpPort, inbox: port(env.inboxUrl), auth: await freePort() },
  });
  config.supabase = structuredClone(config.supabase);
  edit(config);
  const part: StackPart = await startAuth({ config, logger: createLogger("own-auth", () => {}), onFatal: () => {} });
  const url = `http://127.0.0.1:${config.ports.auth}`;
  const auth = new AuthClient({ url, autoRefreshToken: false, persistSession: false });
  return { url, config, auth, stop: () => part.stop() };
}
