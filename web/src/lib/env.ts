export type PublicEnv = { supabaseUrl: string; supabaseAnonKey: string };

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * Reads the two public settings once so a missing variable shows a clear setup message instead
 * of failing deep inside supabase-js. Only the anon key is ever read: the service role never
 * reaches the browser. (Plain checks rather than zod keep the validator out of the first chunk.)
 */
export function readPublicEnv(env: Record<string, unknown> = import.meta.env): PublicEnv | { missing: string[] } {
  const url = env.VITE_SUPABASE_URL;
  const key = env.VITE_SUPABASE_ANON_KEY;
  const missing: string[] = [];
  if (!isHttpUrl(url)) missing.push("VITE_SUPABASE_URL");
  if (typeof key !== "string" || key.length < 20) missing.push("VITE_SUPABASE_ANON_KEY");
  if (missing.length > 0 || typeof url !== "string" || typeof key !== "string") return { missing };
  return { supabaseUrl: url, supabaseAnonKey: key };
}
