import { useMutation, useQuery } from "@tanstack/react-query";
import { toApiError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { type DeletionPreview, DeletionPreviewSchema } from "../lib/deletion-preview.ts";
import { type DeleteAccount, secondFactorBody } from "../lib/schemas.ts";
import { useCurrentSessionIds } from "./current-session.ts";
import { invokeFunction } from "./invoke-function.ts";
import { securityKeys } from "./keys.ts";

/** What deleting the account would do, computed by the same plan the deletion runs (read-only: GET). */
export async function fetchDeletionPreview(): Promise<DeletionPreview> {
  const { data, error, status } = await supabase.rpc("get_account_deletion_preview", undefined, { get: true });
  if (error) throw toApiError(error, status);
  return DeletionPreviewSchema.parse(data);
}

export function useDeletionPreviewQuery() {
  const { userId, sessionId, signedIn } = useCurrentSessionIds();
  return useQuery({
    queryKey: securityKeys.deletionPreview(userId, sessionId),
    queryFn: fetchDeletionPreview,
    enabled: signedIn,
    // Always the current plan: a workspace may have gained a member since the last look.
    staleTime: 0,
  });
}

/** What the `account` function answers after deleting (a summary of the same plan). */
export type DeletionSummary = {
  deleted: boolean;
  tenants_deleted: { id: string; name: string }[];
  tenants_kept: { id: string; name: string }[];
};

/** `POST /account/delete` with the password and, when 2FA is on, a code (docs/account-deletion.md). */
export async function deleteAccount(input: { values: DeleteAccount; withCode: boolean }): Promise<DeletionSummary> {
  const body = { password: input.values.password, ...(input.withCode ? secondFactorBody(input.values) : {}) };
  return invokeFunction<DeletionSummary>("account/delete", { body });
}

export function useDeleteAccountMutation() {
  return useMutation({ mutationFn: deleteAccount });
}
