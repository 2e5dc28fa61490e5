import type { Database } from "@flexoffice/shared";
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { readPublicEnv } from "./env.ts";

const env = readPublicEnv();

/**
 * What kind of emailed link (signup, recovery, magiclink, email_change) brought the browser here.
 * Read before the client starts, because the client clears the URL fragment once it used it.
 */
export const landingLinkType: string | null = new URLSearchParams(window.location.hash.slice(1)).get("type");

/** Set when the build lacks its Supabase settings; the app shows a setup screen instead of crashing. */
export const configurationProblem: string[] | null = "missing" in env ? env.missing : null;

/**
 * The app's single Supabase client. Implicit flow: verification, recovery and OAuth links come
 * back with tokens (or an error) in the URL fragment, which the client reads once at start-up.
 * PKCE would break links opened in another browser than the one that asked for them, which is
 * common for emailed links.
 */
export const supabase: SupabaseClient<Database> = createClient<Database>(
  "missing" in env ? "http://127.0.0.1:1" : env.supabaseUrl,
  "missing" in env ? "missing-anon-key-placeholder" : env.supabaseAnonKey,
  {
    auth: {
      flowType: "implicit",
      detectSessionInUrl: true,
      persistSession: true,
      autoRefreshToken: true,
      storageKey: "flexoffice.auth",
    },
  },
);
