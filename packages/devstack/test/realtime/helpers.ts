import { randomUUID } from "node:crypto";
import { createClient, type RealtimeChannel, type SupabaseClient } from "@supabase/supabase-js";
import { SignJWT } from "jose";
import postgres from "postgres";
import WebSocket from "ws";
import type { StackEnv } from "../../src/testing/index.ts";

export type TestUser = { id: string; email: string };

/** A superuser connection for fixtures (users, policies, membership rows). */
export function adminSql(env: StackEnv): postgres.Sql {
  return postgres(env.adminDbUrl, { max: 2, onnotice: () => {} });
}

/** A user row in auth.users, as GoTrue would leave it after a confirmed sign-up. */
export async function createUser(sql: postgres.Sql, label: string): Promise<TestUser> {
  const id = randomUUID();
  const email = `${label}-${id.slice(0, 8)}@realtime.test`;
  await sql`insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                                    raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
            values ('00000000-0000-0000-0000-000000000000', ${id}, 'authenticated', 'authenticated', ${email}, '',
                    now(), '{"provider":"email","providers":["email"]}', '{}', now(), now())`;
  return { id, email };
}

/** An access token shaped like GoTrue's, signed with the stack's secret. */
export async function accessToken(
  env: StackEnv,
  user: TestUser,
  opts: { expiresIn?: number; secret?: string; omit?: string[] } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    iss: `${env.apiUrl}/auth/v1`,
    sub: user.id,
    aud: "authenticated",
    exp: now + (opts.expiresIn ?? 3600),
    iat: now,
    email: user.email,
    phone: "",
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: {},
    role: "authenticated",
    aal: "aal1",
    amr: [{ method: "password", timestamp: now }],
    session_id: randomUUID(),
    is_anonymous: false,
  };
  for (const k of opts.omit ?? []) delete claims[k];
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .sign(new TextEncoder().encode(opts.secret ?? env.jwtSecret));
}

/**
 * supabase-js as an app uses it, signed in with `token` (null: anonymous). Node 20 has no
 * global WebSocket, so the `ws` package is the transport. Waits until realtime-js holds the
 * token: supabase-js hands it over asynchronously, and a join sent before that carries only
 * the anon key (realtime-js would then rejoin a second later, on Supabase too).
 */
export async function clientFor(env: StackEnv, token: string | null, vsn: "1.0.0" | "2.0.0" = "2.0.0"): Promise<SupabaseClient> {
  const client = createClient(env.apiUrl, env.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    ...(token ? { accessToken: async () => token } : {}),
    realtime: { transport: WebSocket as never, vsn, heartbeatIntervalMs: 5_000 },
  });
  if (token) await client.realtime.setAuth();
  return client;
}

export type Subscription = { status: string; error?: Error };

/** Subscribes and resolves with the first terminal status (SUBSCRIBED, CHANNEL_ERROR, TIMED_OUT, CLOSED). */
export function subscribe(channel: RealtimeChannel, timeoutMs = 10_000): Promise<Subscription> {
  return new Promise((resolve) => {
    let done = false;
    channel.subscribe((status, error) => {
      if (done) return;
      done = true;
      resolve(error ? { status, error } : { status });
    }, timeoutMs);
  });
}

/** Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const uniqueTopic = (label: string) => `rt-${label}-${randomUUID().slice(0, 8)}`;

/**
 * Policies a migration would write: members of a topic (rows in a per-file membership
 * table) may join and receive (SELECT) and, when `can_send`, broadcast and track presence (INSERT).
 */
export async function createMembershipPolicies(
  sql: postgres.Sql,
  prefix: string,
): Promise<{ table: string; drop(): Promise<void> }> {
  const table = `${prefix.replace(/[^a-z0-9_]/gi, "_")}_members`;
  await sql.unsafe(`
    create table public.${table} (topic text not null, user_id uuid not null, can_send boolean not null default true,
                                  primary key (topic, user_id));
    alter table public.${table} enable row level security;
    grant select on public.${table} to authenticated;
    create policy ${table}_select_own on public.${table} for select to authenticated using (user_id = (select auth.uid()));
    create policy ${table}_read on realtime.messages for select to authenticated using (
      realtime.messages.extension in ('broadcast', 'presence')
      and exists (select 1 from public.${table} m where m.topic = (select realtime.topic()) and m.user_id = (select auth.uid())));
    create policy ${table}_write on realtime.messages for insert to authenticated with check (
      realtime.messages.extension in ('broadcast', 'presence')
      and exists (select 1 from public.${table} m where m.topic = (select realtime.topic()) and m.user_id = (select auth.uid())
                  and m.can_send));
  `);
  return {
    table,
    async drop() {
      await sql.unsafe(`
        drop policy if exists ${table}_read on realtime.messages;
        drop policy if exists ${table}_write on realtime.messages;
        drop table if exists public.${table};`);
    },
  };
}

/** A raw Phoenix client over `ws`, for exact frames and misbehaviour realtime-js never produces. */
export class RawSocket {
  readonly frames: (string | Buffer)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data, isBinary) => {
      const buf = Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer);
      this.frames.push(isBinary ? buf : buf.toString("utf8"));
    });
  }

  static open(env: StackEnv, vsn: "1.0.0" | "2.0.0", apikey = env.anonKey): Promise<RawSocket> {
    const url = `${env.apiUrl.replace(/^http/, "ws")}/realtime/v1/websocket?apikey=${encodeURIComponent(apikey)}&vsn=${vsn}`;
    const ws = new WebSocket(url);
    const raw = new RawSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(raw));
      ws.once("error", reject);
    });
  }

  send(frame: unknown): void {
    if (Buffer.isBuffer(frame)) this.ws.send(frame);
    else this.ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The JSON frames received so far, decoded. */
  json(): unknown[] {
    return this.frames.filter((f): f is string => typeof f === "string").map((f) => JSON.parse(f) as unknown);
  }

  async next<T>(what: string, match: (frame: unknown) => frame is T, timeoutMs?: number): Promise<T>;
  async next(what: string, match: (frame: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  async next(what: string, match: (frame: unknown) => boolean, timeoutMs = 5_000): Promise<unknown> {
    return waitFor(what, () => this.json().find(match), timeoutMs);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once("close", () => resolve());
      this.ws.close();
    });
  }
}
