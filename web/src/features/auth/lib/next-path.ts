/**
 * Where to go after signing in. Only same-origin paths are accepted, so a crafted
 * `?next=https://evil.example` or `//evil.example` link cannot bounce a user off-site.
 */
export function safeNextPath(next: string | null | undefined, fallback = "/"): string {
  if (!next) return fallback;
  if (!next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  for (const char of next) if (char.charCodeAt(0) < 0x20) return fallback;
  return next;
}

/** The sign-in address that brings the user back to `path` afterwards (none for the start page). */
export function signInPathFor(path: string): string {
  const next = safeNextPath(path);
  return next === "/" ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
}

/** Absolute URL the auth server sends the browser back to; must be on this origin. */
export function appUrl(path: string, origin: string = window.location.origin): string {
  return new URL(path, origin).toString();
}

/**
 * The auth callback URL that continues to `next` once the link (confirmation, provider) has
 * signed the user in: an invited person who signs up lands on their invitation again.
 */
export function callbackUrl(next: string, origin: string = window.location.origin): string {
  const path = safeNextPath(next);
  return appUrl(path === "/" ? "/auth/callback" : `/auth/callback?next=${encodeURIComponent(path)}`, origin);
}
