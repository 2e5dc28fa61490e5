import type { User } from "@supabase/supabase-js";
import { useQuery } from "@tanstack/react-query";
import { supabase } from "../../../lib/supabase.ts";
import { accountKeys } from "./keys.ts";

/** Asks the auth server (not the cached token) so identities and confirmation state are current. */
export async function fetchCurrentUser(): Promise<User> {
  const { data, error } = await supabase.auth.getUser();
  if (error) throw error;
  return data.user;
}

export function useCurrentUserQuery(userId: string) {
  return useQuery({ queryKey: accountKeys.user(userId), queryFn: fetchCurrentUser });
}
