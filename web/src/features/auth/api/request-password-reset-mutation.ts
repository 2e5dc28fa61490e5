import { useMutation } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { appUrl } from "../lib/next-path.ts";

/** Mails a recovery link that signs the user in on /reset-password to choose a new password. */
export async function requestPasswordReset(email: string): Promise<void> {
  const { error } = await supabase.auth.resetPasswordForEmail(email, { redirectTo: appUrl("/reset-password") });
  if (error) throw error;
}

export function useRequestPasswordResetMutation() {
  return useMutation({ mutationFn: requestPasswordReset });
}
