import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { tenantKeys } from "../../tenants/api/keys.ts";
import { memberKeys } from "./keys.ts";
import type { Role } from "./members-query.ts";

export type RoleInput = { name: string; description: string; capabilities: string[] };

/** Creates a custom role; its key is derived from the name by the database and never changes. */
export async function createRole(input: RoleInput & { tenantId: string }): Promise<Role> {
  return (await callRpc("create_role", {
    p_tenant_id: input.tenantId,
    p_name: input.name,
    p_description: input.description,
    p_capabilities: input.capabilities,
  })) as Role;
}

export async function updateRole(input: { roleId: string; changes: Partial<RoleInput> }): Promise<Role> {
  return (await callRpc("update_role", { p_role_id: input.roleId, p_changes: input.changes })) as Role;
}

export async function deleteRole(roleId: string): Promise<void> {
  await callRpc("delete_role", { p_role_id: roleId });
}

/** Role changes can change what the signed-in member holds, so their workspaces are refreshed too. */
function useRefresh(tenantId: string) {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: memberKeys.roles(tenantId) });
    await queryClient.invalidateQueries({ queryKey: tenantKeys.all });
  };
}

export function useCreateRoleMutation(tenantId: string) {
  const refresh = useRefresh(tenantId);
  return useMutation({ mutationFn: (input: RoleInput) => createRole({ ...input, tenantId }), onSettled: refresh });
}

export function useUpdateRoleMutation(tenantId: string) {
  const refresh = useRefresh(tenantId);
  return useMutation({ mutationFn: updateRole, onSettled: refresh });
}

export function useDeleteRoleMutation(tenantId: string) {
  const refresh = useRefresh(tenantId);
  return useMutation({ mutationFn: deleteRole, onSettled: refresh });
}
