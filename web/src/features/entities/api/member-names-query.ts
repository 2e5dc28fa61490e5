import { queryOptions, useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { gridKeys } from "./grid-keys.ts";

/** Every member's name (or email) by user id: members of a tenant are few, so one request serves every member column. */
export async function fetchMemberNames(tenantId: string): Promise<Map<string, string>> {
  const members = await supabase.from("tenant_members").select("user_id").eq("tenant_id", tenantId).then(throwOnError);
  const ids = members.map((member) => member.user_id);
  if (ids.length === 0) return new Map();
  const profiles = await supabase.from("profiles").select("id, full_name, email").in("id", ids).then(throwOnError);
  return new Map(profiles.map((p) => [p.id, p.full_name || p.email || p.id]));
}

export function memberNamesQueryOptions(tenantId: string) {
  return queryOptions({
    queryKey: gridKeys.memberNames(tenantId),
    queryFn: () => fetchMemberNames(tenantId),
    staleTime: 60_000,
  });
}

/** The tenant's members by name, for member columns and the filter's member choices. */
export function useMemberNamesQuery(tenantId: string, enabled = true) {
  return useQuery({ ...memberNamesQueryOptions(tenantId), enabled });
}
