import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { tenantKeys } from "../../tenants/api/keys.ts";
import type { AttributeValue } from "../lib/attributes.ts";
import { memberKeys } from "./keys.ts";

/**
 * Changes to memberships. Each refreshes the member list; those that can change the
 * signed-in user's own roles also refresh their workspaces (the sidebar follows).
 */

export type SetRolesInput = { tenantId: string; userId: string; roleIds: string[]; self: boolean };

/** Replaces a member's roles. Stepping down yourself: the token is refreshed so its claims drop the role. */
export async function setMemberRoles({ tenantId, userId, roleIds, self }: SetRolesInput): Promise<void> {
  await callRpc("set_member_roles", { p_tenant_id: tenantId, p_user_id: userId, p_role_ids: roleIds });
  if (self) await supabase.auth.refreshSession();
}

export function useSetMemberRolesMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setMemberRoles,
    onSettled: async (_data, _error, input) => {
      await queryClient.invalidateQueries({ queryKey: memberKeys.list(input.tenantId) });
      if (input.self) await queryClient.invalidateQueries({ queryKey: tenantKeys.all });
    },
  });
}

export async function removeMember(input: { tenantId: string; userId: string }): Promise<void> {
  await callRpc("remove_member", { p_tenant_id: input.tenantId, p_user_id: input.userId });
}

export function useRemoveMemberMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeMember,
    onSettled: (_data, _error, input) => queryClient.invalidateQueries({ queryKey: memberKeys.list(input.tenantId) }),
  });
}

/** Leaves the workspace; the session is refreshed so the token no longer names it. */
export async function leaveTenant(tenantId: string): Promise<void> {
  await callRpc("leave_tenant", { p_tenant_id: tenantId });
  await supabase.auth.refreshSession();
}

export function useLeaveTenantMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: leaveTenant,
    onSuccess: (_data, tenantId) => {
      queryClient.removeQueries({ queryKey: memberKeys.tenant(tenantId) });
      return queryClient.invalidateQueries({ queryKey: tenantKeys.all });
    },
  });
}

export type SetAttributesInput = { tenantId: string; userId: string; attributes: Record<string, AttributeValue> };

export async function setMemberAttributes({ tenantId, userId, attributes }: SetAttributesInput): Promise<void> {
  await callRpc("set_member_attributes", { p_tenant_id: tenantId, p_user_id: userId, p_attributes: attributes });
}

export function useSetMemberAttributesMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setMemberAttributes,
    onSettled: (_data, _error, input) => queryClient.invalidateQueries({ queryKey: memberKeys.list(input.tenantId) }),
  });
}
