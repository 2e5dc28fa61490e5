import type { UserIdentity } from "@supabase/supabase-js";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { accountKeys } from "../../account/api/keys.ts";
import { appUrl } from "../../auth/lib/next-path.ts";
import type { LinkableProvider } from "../lib/identities.ts";
import { useCurrentSessionIds } from "./current-session.ts";
import { securityKeys } from "./keys.ts";

/** Where the security page sends the browser after linking, with a hint for the success toast. */
export const SECURITY_PAGE_PATH = "/account/security";

/** Asks the auth server (not the token), so a link or unlink made elsewhere shows at once. */
export async function fetchIdentities(): Promise<UserIdentity[]> {
  const { data, error } = await supabase.auth.getUserIdentities();
  if (error) throw error;
  return data.identities;
}

export function useIdentitiesQuery() {
  const { userId, signedIn } = useCurrentSessionIds();
  return useQuery({ queryKey: securityKeys.identities(userId), queryFn: fetchIdentities, enabled: signedIn });
}

/**
 * Leaves for the provider; Auth links the identity to the signed-in user and sends the browser
 * back to /auth/callback (a new session, which asks for the 2FA code again when 2FA is on),
 * then to the security page.
 */
export async function linkIdentity(provider: LinkableProvider): Promise<void> {
  const back = `${SECURITY_PAGE_PATH}?linked=${provider}`;
  const { error } = await supabase.auth.linkIdentity({
    provider,
    options: { redirectTo: appUrl(`/auth/callback?next=${encodeURIComponent(back)}`) },
  });
  if (error) throw error;
}

export async function unlinkIdentity(identity: UserIdentity): Promise<void> {
  const { error } = await supabase.auth.unlinkIdentity(identity);
  if (error) throw error;
}

export function useLinkIdentityMutation() {
  return useMutation({ mutationFn: linkIdentity });
}

/** `onUnlinked` runs even when the row that asked is gone by then (the list refetches without it). */
export function useUnlinkIdentityMutation(onUnlinked?: (identity: UserIdentity) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlinkIdentity,
    onSuccess: (_result, identity) => {
      onUnlinked?.(identity);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: securityKeys.all }),
        queryClient.invalidateQueries({ queryKey: accountKeys.all }),
      ]);
    },
  });
}
