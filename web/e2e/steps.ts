import type { SupabaseClient } from "@supabase/supabase-js";
import type { Page } from "playwright-core";

/**
 * Steps every journey uses: waiting for a page by its one h1, and calling the API as a
 * member would (supabase-js `rpc`) where the journey is not about the screen.
 */

/** Waits for the page whose h1 is `name`. */
export async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole("heading", { name, level: 1 }).waitFor();
}

/** An RPC through an API client that must succeed. */
export async function rpc<T>(api: SupabaseClient, name: string, args: Record<string, unknown>): Promise<T> {
  const { data, error } = await api.rpc(name, args);
  if (error) throw new Error(`${name} failed: ${error.code} ${error.message}`);
  return data as T;
}

/** The error body of an RPC through an API client that the database must refuse. */
export async function refused(
  api: SupabaseClient,
  name: string,
  args: Record<string, unknown>,
): Promise<{ code?: string; message?: string; details?: string }> {
  const { error } = await api.rpc(name, args);
  if (!error) throw new Error(`${name} was expected to be refused, but it succeeded`);
  return error;
}

/** An RPC through an API client that the database must refuse with `code` (e.g. FODEN). */
export async function expectRefused(
  api: SupabaseClient,
  name: string,
  args: Record<string, unknown>,
  code: string,
): Promise<void> {
  const error = await refused(api, name, args);
  if (error.code !== code) throw new Error(`${name} was refused with ${error.code} (${error.message}), expected ${code}`);
}

/** Fails the journey with `what` unless `condition` holds. */
export function expect(condition: boolean, what: string): void {
  if (!condition) throw new Error(what);
}

/** Fails the journey unless `actual` and `expected` are the same JSON. */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}
