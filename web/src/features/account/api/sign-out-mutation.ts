import { useMutation } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";

export type SignOutScope = "local" | "global";

/**
 * "local" ends this browser's session only; "global" revokes every refresh token of the user,
 * so other devices are signed out when their access token next needs refreshing.
 */
export async function signOut(scope: SignOutScope): Promise<void> {
  const { error } = await supabase.auth.signOut({ scope });
  if (error) throw error;
}

export function useSignOutMutation() {
  return useMutation({ mutationFn: signOut });
}
