import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { memberKeys } from "./keys.ts";
import { sendInvitation } from "./send-invitation.ts";

/** Sends a pending invitation again: a new link, valid 7 more days; the old link stops working. */
export function useResendInvitationMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => sendInvitation(invitationId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: memberKeys.invitations(tenantId) }),
  });
}

/** Withdraws a pending invitation; its link stops working. */
export async function revokeInvitation(invitationId: string): Promise<void> {
  await callRpc("revoke_invitation", { p_invitation_id: invitationId });
}

export function useRevokeInvitationMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeInvitation,
    onSettled: () => queryClient.invalidateQueries({ queryKey: memberKeys.invitations(tenantId) }),
  });
}
