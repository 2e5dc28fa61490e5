import { useMutation } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { appUrl } from "../../auth/lib/next-path.ts";
import { activateMfa, challengeMfa, enrollMfa } from "../../security/api/mfa-mutations.ts";

/**
 * The setup steps call the same backend as everyone else: Auth for the email and the password,
 * the `mfa` edge function for 2FA (the security feature's calls). They do not refresh other
 * cached data: the console asks get_super_admin_status again when the admin moves on.
 */

/** The confirmation link again, coming back to the console. */
export async function resendAdminConfirmation(email: string): Promise<void> {
  const { error } = await supabase.auth.resend({ type: "signup", email, options: { emailRedirectTo: appUrl("/admin") } });
  if (error) throw error;
}

export function useResendAdminConfirmationMutation() {
  return useMutation({ mutationFn: resendAdminConfirmation });
}

export async function changePassword(password: string): Promise<void> {
  const { error } = await supabase.auth.updateUser({ password });
  if (error) throw error;
}

export function useChangePasswordMutation() {
  return useMutation({ mutationFn: changePassword });
}

export function useEnrollMutation() {
  return useMutation({ mutationFn: enrollMfa });
}

export function useActivateMutation() {
  return useMutation({ mutationFn: activateMfa });
}

export function useChallengeMutation() {
  return useMutation({ mutationFn: challengeMfa });
}
