const STORAGE_KEY = "flexoffice.lastTenant";

/** Remembers the workspace opened last on this device, so the app reopens it next time. */
export function rememberTenant(slug: string): void {
  try {
    localStorage.setItem(STORAGE_KEY, slug);
  } catch {
    // Private mode: the app opens the first workspace instead.
  }
}

export function lastTenant(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Where "/" leads: the last workspace if still a member, else the first, else creating one. */
export function homePath(slugs: readonly string[], last: string | null): string {
  if (slugs.length === 0) return "/tenants/new";
  const slug = last && slugs.includes(last) ? last : slugs[0];
  return `/t/${slug}`;
}
