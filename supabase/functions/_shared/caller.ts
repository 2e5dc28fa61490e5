import { HttpError } from "./errors.ts";

/**
 * Who is calling a function. `verify_jwt` only proves the token is signed and unexpired;
 * functions that act for a user must also know the session is still alive (not signed out
 * or revoked), so Auth itself is asked (`GET /auth/v1/user`), as Supabase recommends.
 */
export type Caller = {
  userId: string;
  email: string | null;
  /** The JWT's `session_id` (null for tokens not issued for a session). */
  sessionId: string | null;
  /** The token's claims, for `request.jwt.claims` when the function talks to Postgres. */
  claims: Record<string, unknown>;
};

export type AuthenticateDeps = {
  supabaseUrl: string;
  anonKey: string;
  fetch: typeof fetch;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

/** The claims of a JWT, unverified (call only for tokens Auth has accepted); null when malformed. */
export function decodeJwtPayload(token: string): Record<string, unknown> | null {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const base64 = parts[1].replace(/-/g, "+").replace(/_/g, "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const payload: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return payload !== null && typeof payload === "object" && !Array.isArray(payload)
      ? (payload as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Resolves the signed-in user behind an Authorization header, or null when there is none
 * (no token, a project key instead of a user session, an expired token or a session that
 * no longer exists). Throws a 503 HttpError when Auth cannot be asked.
 */
export async function authenticateCaller(
  authorization: string | null | undefined,
  deps: AuthenticateDeps,
): Promise<Caller | null> {
  const token = bearerToken(authorization);
  if (!token) return null;
  const claims = decodeJwtPayload(token);
  if (claims?.role !== "authenticated" || typeof claims.sub !== "string" || !UUID.test(claims.sub)) return null;

  let res: Response;
  try {
    res = await deps.fetch(`${deps.supabaseUrl.replace(/\/+$/, "")}/auth/v1/user`, {
      headers: { apikey: deps.anonKey, Authorization: `Bearer ${token}` },
    });
  } catch (error) {
    throw new HttpError(503, "AUTH_UNAVAILABLE", `Could not reach Auth to check the session: ${(error as Error).message}`);
  }
  if (res.status === 401 || res.status === 403) {
    await res.body?.cancel();
    return null;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new HttpError(503, "AUTH_UNAVAILABLE", `Auth answered ${res.status} when checking the session`);
  }
  const user = (await res.json()) as { id?: unknown; email?: unknown };
  if (user.id !== claims.sub) return null;

  const sessionId = typeof claims.session_id === "string" && UUID.test(claims.session_id) ? claims.session_id : null;
  return {
    userId: claims.sub,
    email: typeof user.email === "string" && user.email ? user.email : null,
    sessionId,
    claims,
  };
}
