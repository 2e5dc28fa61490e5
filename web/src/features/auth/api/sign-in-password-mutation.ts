import { useMutation } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import type { SignIn } from "../lib/schemas.ts";

/** Throws the AuthError so the form can map its code; the session arrives through SessionProvider. */
export async function signInWithPassword(input: SignIn): Promise<void> {
  const { error } = await supabase.auth.signInWithPassword({ email: input.email, password: input.password });
  if (error) throw error;
}

export function useSignInWithPasswordMutation() {
  return useMutation({ mutationFn: signInWithPassword });
}
