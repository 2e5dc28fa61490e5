import type { UserIdentity } from "@supabase/supabase-js";

/** Providers a user can link from the security page (the ones the sign-in page offers). */
export const LINKABLE_PROVIDERS = ["google", "facebook"] as const;
export type LinkableProvider = (typeof LINKABLE_PROVIDERS)[number];

/**
 * Why an identity cannot be unlinked, or null when it can: the email identity carries the
 * password (and the address the account is known by), and the last identity is the only way
 * back in (Auth refuses it too: `single_identity_not_deletable`).
 */
export type UnlinkBlocker = "primary" | "last" | null;

export function unlinkBlocker(identity: Pick<UserIdentity, "provider">, all: readonly unknown[]): UnlinkBlocker {
  if (identity.provider === "email") return "primary";
  if (all.length <= 1) return "last";
  return null;
}

/** The providers the user has not linked yet, in the order the sign-in page shows them. */
export function unlinkedProviders(identities: readonly Pick<UserIdentity, "provider">[]): LinkableProvider[] {
  const linked = new Set(identities.map((identity) => identity.provider));
  return LINKABLE_PROVIDERS.filter((provider) => !linked.has(provider));
}

/** The address the provider vouched for, when it gave one. */
export function identityEmail(identity: Pick<UserIdentity, "identity_data">): string | null {
  const email = identity.identity_data?.email;
  return typeof email === "string" && email !== "" ? email : null;
}

/** Email first, then providers by name, so the list does not reshuffle after linking. */
export function sortIdentities<T extends Pick<UserIdentity, "provider" | "created_at">>(identities: readonly T[]): T[] {
  return [...identities].sort((a, b) => {
    if (a.provider === "email" && b.provider !== "email") return -1;
    if (b.provider === "email" && a.provider !== "email") return 1;
    return a.provider.localeCompare(b.provider) || (a.created_at ?? "").localeCompare(b.created_at ?? "");
  });
}
