import { useMutation } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { callbackUrl } from "../lib/next-path.ts";

/** Sends the sign-up confirmation link again (the first one expired, went to spam, or never came). */
export async function resendConfirmation({ email, next }: { email: string; next: string }): Promise<void> {
  const { error } = await supabase.auth.resend({
    type: "signup",
    email,
    options: { emailRedirectTo: callbackUrl(next) },
  });
  if (error) throw error;
}

export function useResendConfirmationMutation() {
  return useMutation({ mutationFn: resendConfirmation });
}
