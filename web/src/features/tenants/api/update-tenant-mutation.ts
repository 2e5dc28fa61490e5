import type { Json } from "@flexoffice/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { tenantKeys } from "./keys.ts";
import type { Membership, TenantRow } from "./my-tenants-query.ts";

/** The settings update_tenant takes (p_changes); only the keys sent are changed. */
export type TenantChanges = Partial<
  Pick<
    TenantRow,
    | "name"
    | "slug"
    | "timezone"
    | "language"
    | "support_email"
    | "session_timeout_minutes"
    | "audit_retention_days"
    | "trash_retention_days"
    | "modules"
  >
>;

/** Applies the changes (manage_settings; the database validates every field and names the one it refuses). */
export async function updateTenant(tenantId: string, changes: TenantChanges): Promise<TenantRow> {
  return (await callRpc("update_tenant", { p_tenant_id: tenantId, p_changes: changes as Json })) as TenantRow;
}

/**
 * Saves tenant settings and puts the saved row into the membership list at once, so a new
 * slug is known to the layout when the caller moves the page to its new address (the
 * refetch runs behind, never against the old address).
 */
export function useUpdateTenantMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: TenantChanges) => updateTenant(tenantId, changes),
    onSuccess: (saved) => {
      queryClient.setQueriesData<Membership[]>({ queryKey: [...tenantKeys.all, "mine"] }, (list) =>
        list?.map((m) => (m.tenant.id === saved.id ? { ...m, tenant: saved } : m)),
      );
      void queryClient.invalidateQueries({ queryKey: tenantKeys.all });
    },
  });
}
