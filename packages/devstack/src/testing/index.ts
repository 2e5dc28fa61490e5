import type { WebSocketLikeConstructor } from "@supabase/realtime-js";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { inject } from "vitest";
import WebSocket from "ws";
import type { StackEnv } from "./stack-env.ts";

export type { StackEnv } from "./stack-env.ts";
export { spawnTestStack, TEST_STACK_ARGS, type TestStack } from "./test-stack.ts";

declare module "vitest" {
  export interface ProvidedContext {
    stack: StackEnv;
  }
}

/** The shared test stack started by the global setup (URLs, keys, DB URLs). */
export function stackEnv(): StackEnv {
  return inject("stack");
}

/** A unique, readable suffix for names a test creates (users, topics, queues). */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A supabase-js client for the test stack. Node 20 has no global WebSocket, so the
 * realtime transport is `ws`; sessions live in memory only.
 */
export function createTestClient(
  key: string,
  options: { accessToken?: string; autoRefreshToken?: boolean } = {},
): SupabaseClient {
  const env = stackEnv();
  return createClient(env.apiUrl, key, {
    auth: { persistSession: false, autoRefreshToken: options.autoRefreshToken ?? false, detectSessionInUrl: false },
    realtime: { transport: WebSocket as unknown as WebSocketLikeConstructor },
    global: options.accessToken ? { headers: { Authorization: `Bearer ${options.accessToken}` } } : {},
  });
}
