import { useQuery } from "@tanstack/react-query";
import { toApiError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import type { SuperAdminStatus } from "../lib/admin-types.ts";
import { adminKeys } from "./keys.ts";

/**
 * Whether the signed-in user is a platform super admin and which first-login steps remain.
 * A read-only function, so it goes out as GET; it answers before 2FA, for any live session.
 */
export async function fetchSuperAdminStatus(): Promise<SuperAdminStatus> {
  const { data, error, status } = await supabase.rpc("get_super_admin_status", undefined, { get: true });
  if (error) throw toApiError(error, status);
  return data as unknown as SuperAdminStatus;
}

export function useSuperAdminStatusQuery(userId: string) {
  return useQuery({ queryKey: adminKeys.status(userId), queryFn: fetchSuperAdminStatus, enabled: userId !== "" });
}
