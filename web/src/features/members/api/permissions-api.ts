import { type Json, type PermissionGrant, PermissionGrantsSchema } from "@flexoffice/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { callRpc, throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { memberKeys } from "./keys.ts";

/** A role's saved grants on a blueprint; `grants: null` when nothing is saved and the default applies. */
export type PermissionSet = { grants: PermissionGrant[] | null; updatedAt: string | null };

/** Read through RLS (those who manage roles). Saved grants that this build cannot parse are shown as saved, unparsed. */
export async function fetchPermissionSet(roleId: string, blueprintId: string): Promise<PermissionSet> {
  const row = await supabase
    .from("permission_sets")
    .select("grants, updated_at")
    .eq("role_id", roleId)
    .eq("blueprint_id", blueprintId)
    .maybeSingle()
    .then(throwOnError);
  if (!row) return { grants: null, updatedAt: null };
  const parsed = PermissionGrantsSchema.safeParse(row.grants);
  return { grants: parsed.success ? parsed.data : (row.grants as PermissionGrant[]), updatedAt: row.updated_at };
}

export function usePermissionSetQuery(tenantId: string, roleId: string, blueprintId: string | null) {
  return useQuery({
    queryKey: memberKeys.permissionSet(tenantId, roleId, blueprintId ?? ""),
    queryFn: () => fetchPermissionSet(roleId, blueprintId ?? ""),
    enabled: blueprintId !== null,
  });
}

export type SavePermissionsInput = { roleId: string; blueprintId: string; grants: PermissionGrant[] | null };

/** Saves the grants (`set_role_permissions`), or with `grants: null` returns the role to its default. */
export async function savePermissions({ roleId, blueprintId, grants }: SavePermissionsInput): Promise<void> {
  if (grants === null) await callRpc("reset_role_permissions", { p_role_id: roleId, p_blueprint_id: blueprintId });
  else await callRpc("set_role_permissions", { p_role_id: roleId, p_blueprint_id: blueprintId, p_grants: grants as Json });
}

export function useSavePermissionsMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: savePermissions,
    onSuccess: (_data, input) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: memberKeys.permissionSet(tenantId, input.roleId, input.blueprintId) }),
        queryClient.invalidateQueries({ queryKey: [...memberKeys.tenant(tenantId), "explain"] }),
      ]),
  });
}
