import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { tenantKeys } from "../../tenants/api/keys.ts";
import { parseInvitation } from "../lib/answers.ts";
import { memberKeys } from "./keys.ts";

export type { InvitationState, InvitationView } from "../lib/answers.ts";

export function useInvitationQuery(userId: string | null, token: string) {
  return useQuery({
    queryKey: memberKeys.invitation(userId ?? "", token),
    queryFn: async () => parseInvitation(await callRpc("get_invitation", { p_token: token })),
    enabled: userId !== null && token !== "",
    retry: false,
  });
}

export type AcceptInput = { token: string; password?: string };

/**
 * Accepts: a new account (it came through GoTrue's invite link and has no password) sets
 * its password first, then joins; the token is refreshed so its claims name the workspace.
 */
export async function acceptInvitation({ token, password }: AcceptInput): Promise<{ slug: string; name: string }> {
  if (password) {
    const { error } = await supabase.auth.updateUser({ password });
    if (error) throw error;
  }
  const answer = (await callRpc("accept_invitation", { p_token: token })) as { tenant: { slug: string; name: string } };
  await supabase.auth.refreshSession();
  return answer.tenant;
}

export function useAcceptInvitationMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tenantKeys.all }),
  });
}

export function useDeclineInvitationMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (token: string) => {
      await callRpc("decline_invitation", { p_token: token });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...memberKeys.all, "invitation"] }),
  });
}
