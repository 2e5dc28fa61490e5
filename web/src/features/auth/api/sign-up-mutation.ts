import { useMutation } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { appUrl } from "../lib/next-path.ts";
import type { SignUp } from "../lib/schemas.ts";

/**
 * Creates the account; the confirmation link returns to /auth/callback. When the address is
 * already registered the server answers exactly as for a new one (no account enumeration),
 * so the UI always moves on to "check your inbox".
 */
export async function signUp(input: SignUp): Promise<{ email: string; signedIn: boolean }> {
  const { data, error } = await supabase.auth.signUp({
    email: input.email,
    password: input.password,
    options: { emailRedirectTo: appUrl("/auth/callback") },
  });
  if (error) throw error;
  return { email: input.email, signedIn: data.session !== null };
}

export function useSignUpMutation() {
  return useMutation({ mutationFn: signUp });
}
