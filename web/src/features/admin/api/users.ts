import type { Json } from "@flexoffice/shared";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { AdminPage, AdminUserChanges, AdminUserDetail, AdminUserSummary } from "../lib/admin-types.ts";
import { ADMIN_PAGE_SIZE } from "../lib/paging.ts";
import { adminKeys } from "./keys.ts";

export async function listUsers(search: string, offset: number): Promise<AdminPage<AdminUserSummary>> {
  return (await callRpc("admin_list_users", {
    p_search: search,
    p_limit: ADMIN_PAGE_SIZE,
    p_offset: offset,
  })) as unknown as AdminPage<AdminUserSummary>;
}

/** A page of every user (email or name contains the search), newest first. */
export function useAdminUsersQuery(search: string, offset: number) {
  return useQuery({
    queryKey: adminKeys.users(search, offset),
    queryFn: () => listUsers(search, offset),
    placeholderData: keepPreviousData,
  });
}

export async function getUser(userId: string): Promise<AdminUserDetail> {
  return (await callRpc("admin_get_user", { p_user_id: userId })) as unknown as AdminUserDetail;
}

export function useAdminUserQuery(userId: string) {
  return useQuery({ queryKey: adminKeys.user(userId), queryFn: () => getUser(userId) });
}

/** Name, ban (forever, ending every session) or unban, email verified or not; audited in the platform log. */
export function useAdminUpdateUserMutation(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (changes: AdminUserChanges) =>
      (await callRpc("admin_update_user", { p_user_id: userId, p_changes: changes as Json })) as unknown as AdminUserDetail & {
        sessions_ended: number;
      },
    onSuccess: (detail) => {
      queryClient.setQueryData(adminKeys.user(userId), detail);
      return queryClient.invalidateQueries({ queryKey: [...adminKeys.all, "users"] });
    },
  });
}

/** The owner's own account deletion, done by platform staff (no password); refused for super admins and last Admins. */
export function useAdminDeleteUserMutation(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await callRpc("admin_delete_user", { p_user_id: userId });
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: adminKeys.user(userId) });
      return queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
}
