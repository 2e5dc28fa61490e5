import type { Tables } from "@flexoffice/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { type Capability, capabilitiesOf } from "../lib/capabilities.ts";
import { tenantKeys } from "./keys.ts";

export type TenantRow = Tables<"tenants">;
export type MemberRole = Pick<Tables<"roles">, "id" | "key" | "name" | "builtin" | "capabilities">;

/** A tenant the user belongs to, with their roles there and what those roles allow. */
export type Membership = {
  tenant: TenantRow;
  roles: MemberRole[];
  capabilities: ReadonlySet<Capability>;
  isAdmin: boolean;
};

/**
 * The user's tenants as the database sees them now (RLS: members only), never the token's
 * claims, so a role change shows at the next refetch.
 */
export async function fetchMyTenants(userId: string): Promise<Membership[]> {
  const [tenants, memberRoles] = await Promise.all([
    supabase.from("tenants").select("*").order("name").then(throwOnError),
    supabase
      .from("member_roles")
      .select("tenant_id, roles(id, key, name, builtin, capabilities)")
      .eq("user_id", userId)
      .then(throwOnError),
  ]);
  const rolesByTenant = new Map<string, MemberRole[]>();
  for (const row of memberRoles) {
    if (!row.roles) continue;
    const list = rolesByTenant.get(row.tenant_id) ?? [];
    list.push(row.roles);
    rolesByTenant.set(row.tenant_id, list);
  }
  return tenants.map((tenant) => {
    const roles = rolesByTenant.get(tenant.id) ?? [];
    return { tenant, roles, capabilities: capabilitiesOf(roles), isAdmin: roles.some((role) => role.key === "admin") };
  });
}

export function useMyTenantsQuery(userId: string) {
  return useQuery(myTenantsQueryOptions(userId));
}

export function myTenantsQueryOptions(userId: string) {
  return queryOptions({ queryKey: tenantKeys.mine(userId), queryFn: () => fetchMyTenants(userId) });
}
