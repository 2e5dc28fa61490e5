import type { Json } from "@flexoffice/shared";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { TenantChanges } from "../../tenants/api/update-tenant-mutation.ts";
import type { AdminObjectPage, AdminPage, AdminTenantDetail, AdminTenantSummary } from "../lib/admin-types.ts";
import { ADMIN_PAGE_SIZE } from "../lib/paging.ts";
import { adminKeys } from "./keys.ts";

export async function listTenants(search: string, offset: number): Promise<AdminPage<AdminTenantSummary>> {
  return (await callRpc("admin_list_tenants", {
    p_search: search,
    p_limit: ADMIN_PAGE_SIZE,
    p_offset: offset,
  })) as unknown as AdminPage<AdminTenantSummary>;
}

/** A page of every tenant on the platform (name or slug contains the search), newest first. */
export function useAdminTenantsQuery(search: string, offset: number) {
  return useQuery({
    queryKey: adminKeys.tenants(search, offset),
    queryFn: () => listTenants(search, offset),
    placeholderData: keepPreviousData,
  });
}

export async function getTenant(tenantId: string): Promise<AdminTenantDetail> {
  return (await callRpc("admin_get_tenant", { p_tenant_id: tenantId })) as unknown as AdminTenantDetail;
}

export function useAdminTenantQuery(tenantId: string) {
  return useQuery({ queryKey: adminKeys.tenant(tenantId), queryFn: () => getTenant(tenantId) });
}

/** Same fields and rules as a tenant Admin's update_tenant; audited in the tenant's own log. */
export function useAdminUpdateTenantMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: TenantChanges) =>
      (await callRpc("admin_update_tenant", { p_tenant_id: tenantId, p_changes: changes as Json })) as unknown,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
}

export function useAdminDeleteTenantMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (confirmSlug: string) => {
      await callRpc("admin_delete_tenant", { p_tenant_id: tenantId, p_confirm_slug: confirmSlug });
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: adminKeys.tenant(tenantId) });
      return queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
}

export async function listTenantObjects(tenantId: string, table: string, offset: number): Promise<AdminObjectPage> {
  return (await callRpc("admin_list_tenant_objects", {
    p_tenant_id: tenantId,
    p_table: table,
    p_limit: ADMIN_PAGE_SIZE,
    p_offset: offset,
  })) as unknown as AdminObjectPage;
}

/** Rows of one tenant table, by primary key, secret-named values redacted by the database. */
export function useAdminObjectsQuery(tenantId: string, table: string | null, offset: number) {
  return useQuery({
    queryKey: adminKeys.objects(tenantId, table ?? "", offset),
    queryFn: () => listTenantObjects(tenantId, table ?? "", offset),
    enabled: table !== null,
    placeholderData: keepPreviousData,
  });
}

/** Deletes one row (the table's own rules still apply; a membership's removal ends the user's sessions). */
export function useAdminDeleteObjectMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ table, key }: { table: string; key: Record<string, string | number> }) =>
      (await callRpc("admin_delete_tenant_object", { p_tenant_id: tenantId, p_table: table, p_key: key })) as unknown as {
        sessions_ended: number;
      },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
}
