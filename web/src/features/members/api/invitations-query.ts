import type { Tables } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { memberKeys } from "./keys.ts";

export type Invitation = Pick<
  Tables<"invitations">,
  "id" | "email" | "role_ids" | "status" | "expires_at" | "created_at" | "last_sent_at" | "send_count"
> & {
  /** Pending but past its expiry (the job marks it later). */
  expired: boolean;
};

/** Pending invitations of the tenant (RLS: only members with manage_members see them), newest first. */
export async function fetchInvitations(tenantId: string): Promise<Invitation[]> {
  const rows = await supabase
    .from("invitations")
    .select("id, email, role_ids, status, expires_at, created_at, last_sent_at, send_count")
    .eq("tenant_id", tenantId)
    .eq("status", "pending")
    .order("created_at", { ascending: false })
    .then(throwOnError);
  const now = Date.now();
  return rows.map((row) => ({ ...row, expired: new Date(row.expires_at).getTime() <= now }));
}

export function useInvitationsQuery(tenantId: string, enabled: boolean) {
  return useQuery({ queryKey: memberKeys.invitations(tenantId), queryFn: () => fetchInvitations(tenantId), enabled });
}
