import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { memberKeys } from "./keys.ts";
import { type Delivery, sendInvitation } from "./send-invitation.ts";

export type InviteInput = { tenantId: string; emails: string[]; roleIds: string[] };

/** Per address: invited and mailed, invited but the mail failed (it can be sent again), or refused. */
export type InviteOutcome =
  | { email: string; result: "sent"; delivery: Delivery }
  | { email: string; result: "not_sent"; error: unknown }
  | { email: string; result: "refused"; error: unknown };

/**
 * Invites each address with the roles, then mails the link. The accept page is the
 * server's default (SITE_URL + /invitations/accept): the function only links to the app's
 * configured origins, and this app is served there.
 */
export async function inviteMembers({ tenantId, emails, roleIds }: InviteInput): Promise<InviteOutcome[]> {
  const outcomes: InviteOutcome[] = [];
  for (const email of emails) {
    let invitationId: string;
    try {
      const invitation = (await callRpc("invite_member", { p_tenant_id: tenantId, p_email: email, p_role_ids: roleIds })) as {
        id: string;
      };
      invitationId = invitation.id;
    } catch (error) {
      outcomes.push({ email, result: "refused", error });
      continue;
    }
    try {
      outcomes.push({ email, result: "sent", delivery: await sendInvitation(invitationId) });
    } catch (error) {
      outcomes.push({ email, result: "not_sent", error });
    }
  }
  return outcomes;
}

export function useInviteMembersMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: inviteMembers,
    onSettled: (_data, _error, input) => queryClient.invalidateQueries({ queryKey: memberKeys.invitations(input.tenantId) }),
  });
}
