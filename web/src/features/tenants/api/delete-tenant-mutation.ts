import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { tenantKeys } from "./keys.ts";
import type { Membership } from "./my-tenants-query.ts";

/**
 * Deletes the workspace and everything it owns (Admins only; the slug typed back confirms it),
 * then refreshes the token so its claims no longer name the tenant.
 */
export async function deleteTenant(tenantId: string, confirmSlug: string): Promise<void> {
  await callRpc("delete_tenant", { p_tenant_id: tenantId, p_confirm_slug: confirmSlug });
  await supabase.auth.refreshSession();
}

/**
 * The deleted workspace leaves the membership list at once, so the start page the caller
 * navigates to next never sends the user back into it.
 */
export function useDeleteTenantMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirmSlug: string) => deleteTenant(tenantId, confirmSlug),
    onSuccess: () => {
      queryClient.setQueriesData<Membership[]>({ queryKey: [...tenantKeys.all, "mine"] }, (list) =>
        list?.filter((m) => m.tenant.id !== tenantId),
      );
      void queryClient.invalidateQueries({ queryKey: tenantKeys.all });
    },
  });
}
