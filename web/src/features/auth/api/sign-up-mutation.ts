import { useMutation } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { callbackUrl } from "../lib/next-path.ts";
import type { SignUp } from "../lib/schemas.ts";

/**
 * Creates the account; the confirmation link returns to /auth/callback, which continues to
 * `next` (where the person was going, e.g. an invitation). When the address is
 * already registered the server answers exactly as for a new one (no account enumeration),
 * so the UI always moves on to "check your inbox".
 */
export async function signUp(input: SignUp & { next: string }): Promise<{ email: string; signedIn: boolean }> {
  const { data, error } = await supabase.auth.signUp({
    email: input.email,
    password: input.password,
    options: { emailRedirectTo: callbackUrl(input.next) },
  });
  if (error) throw error;
  return { email: input.email, signedIn: data.session !== null };
}

export function useSignUpMutation() {
  return useMutation({ mutationFn: signUp });
}
