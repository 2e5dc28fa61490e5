/**
 * HTTP helpers shared by every edge function. Plain Web APIs only (no `Deno.*`), so
 * handlers that use them run unchanged under Deno, vitest (Node) and `deno test`.
 */

/** Browsers call functions cross-origin from the SPA; every answer must carry these. */
export const corsHeaders: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "authorization, x-client-info, apikey, content-type",
  "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
};

/** JSON answers always go out with CORS headers so the browser can read errors too. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(corsHeaders)) if (!headers.has(name)) headers.set(name, value);
  headers.set("Content-Type", "application/json");
  return new Response(JSON.stringify(body), { ...init, headers });
}

/** Answers a CORS preflight; handlers call it first so OPTIONS never reaches business logic. */
export function preflight(req: Request): Response | undefined {
  if (req.method !== "OPTIONS") return undefined;
  return new Response(null, { status: 204, headers: corsHeaders });
}
