/** The claims of an access token (its payload, not verified: the server verifies; the UI only reads). */
export function tokenClaims(accessToken: string | null | undefined): Record<string, unknown> | null {
  const payload = accessToken?.split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload
      .replace(/-/g, "+")
      .replace(/_/g, "/")
      .padEnd(Math.ceil(payload.length / 4) * 4, "=");
    const claims: unknown = JSON.parse(atob(base64));
    return claims && typeof claims === "object" && !Array.isArray(claims) ? (claims as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The `session_id` claim of an access token. The 2FA state belongs to a session, not to the
 * user, so cached answers about it are keyed by this id: signing out and in again (a new
 * session) must never reuse the previous session's "verified".
 */
export function sessionIdOf(accessToken: string | null | undefined): string | null {
  const id = tokenClaims(accessToken)?.session_id;
  return typeof id === "string" && id !== "" ? id : null;
}
