import { useMutation } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";

/** Sets a new password for the signed-in user (after a recovery link, no old password is asked). */
export async function updatePassword(password: string): Promise<void> {
  const { error } = await supabase.auth.updateUser({ password });
  if (error) throw error;
}

export function useUpdatePasswordMutation() {
  return useMutation({ mutationFn: updatePassword });
}
