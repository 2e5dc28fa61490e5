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

/** An RPC through an API client that the database must refuse with `code` (e.g. FODEN). */
export async function expectRefused(
  api: SupabaseClient,
  name: string,
  args: Record<string, unknown>,
  code: string,
): Promise<void> {
  const { error } = await api.rpc(name, args);
  if (!error) throw new Error(`${name} was expected to be refused with ${code}, but it succeeded`);
  if (error.code !== code) throw new Error(`${name} was refused with ${error.code} (${error.message}), expected ${code}`);
}
