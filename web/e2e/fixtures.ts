import { randomBytes } from "node:crypto";
import type { WebSocketLikeConstructor } from "@supabase/realtime-js";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import type { Page } from "playwright-core";
import WebSocket from "ws";

/** Where the journeys' stack is; the service role key stays in the test process, never in the browser. */
export type StackTarget = { supabaseUrl: string; anonKey: string; serviceRoleKey: string; inboxUrl: string };

export type TestUser = { id: string; email: string; password: string };

/**
 * Shortcuts for what a journey is not about: a confirmed user made through the auth admin API,
 * a supabase-js client signed in as someone (for checks "through the API" and for bulk data).
 * The journeys under test always go through the screens.
 */
export type Fixtures = {
  /** A unique tag for names in this journey (emails, tenant names). */
  tag: string;
  createUser(prefix: string): Promise<TestUser>;
  /** supabase-js as this user, as any API client would use it (anon key + their session). */
  clientFor(user: Pick<TestUser, "email" | "password">): Promise<SupabaseClient>;
  /** Signs in through the sign-in screen and waits to leave it. */
  signIn(page: Page, baseUrl: string, user: Pick<TestUser, "email" | "password">): Promise<void>;
};

export function createFixtures(target: StackTarget): Fixtures {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  // Node 20 has no global WebSocket: realtime-js needs `ws` handed in.
  const realtime = { transport: WebSocket as unknown as WebSocketLikeConstructor };
  const admin = createClient(target.supabaseUrl, target.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime,
  });
  let counter = 0;
  return {
    tag,
    async createUser(prefix) {
      counter += 1;
      const email = `${prefix}-${tag}-${counter}@example.test`;
      const password = `Pw-${randomBytes(8).toString("hex")}`;
      const { data, error } = await admin.auth.admin.createUser({ email, password, email_confirm: true });
      if (error || !data.user) throw new Error(`could not create ${email}: ${error?.message}`);
      return { id: data.user.id, email, password };
    },
    async clientFor(user) {
      const client = createClient(target.supabaseUrl, target.anonKey, {
        auth: { persistSession: false, autoRefreshToken: false },
        realtime,
      });
      const { error } = await client.auth.signInWithPassword({ email: user.email, password: user.password });
      if (error) throw new Error(`could not sign in ${user.email}: ${error.message}`);
      return client;
    },
    async signIn(page, baseUrl, user) {
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(user.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL((url) => url.pathname !== "/sign-in");
    },
  };
}
