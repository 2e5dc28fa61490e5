import { useMutation } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { callbackUrl } from "../lib/next-path.ts";

export type OAuthProvider = "google" | "facebook";

/**
 * Leaves for the provider's consent page; the browser comes back to /auth/callback with the
 * session (or an error) in the URL fragment, then continues to `next`.
 */
export async function signInWithProvider({ provider, next }: { provider: OAuthProvider; next: string }): Promise<void> {
  const { error } = await supabase.auth.signInWithOAuth({ provider, options: { redirectTo: callbackUrl(next) } });
  if (error) throw error;
}

export function useSignInWithProviderMutation() {
  return useMutation({ mutationFn: signInWithProvider });
}
