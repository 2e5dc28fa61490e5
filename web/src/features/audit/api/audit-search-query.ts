import { useInfiniteQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { AuditPage } from "../lib/audit-entries.ts";
import type { AuditSearchArgs } from "../lib/audit-filters.ts";
import { auditKeys } from "./keys.ts";

export const AUDIT_PAGE_SIZE = 50;

/** One page of summaries, newest first, before the entry `beforeId` (keyset). */
export async function searchAuditLog(tenantId: string, args: AuditSearchArgs, beforeId: number | null): Promise<AuditPage> {
  return (await callRpc("search_audit_log", {
    p_tenant_id: tenantId,
    ...args,
    p_limit: AUDIT_PAGE_SIZE,
    ...(beforeId !== null ? { p_before_id: beforeId } : {}),
  })) as unknown as AuditPage;
}

/** The search, page after page as the admin asks for older entries. */
export function useAuditSearchQuery(tenantId: string, args: AuditSearchArgs) {
  return useInfiniteQuery({
    queryKey: auditKeys.search(tenantId, args),
    queryFn: ({ pageParam }) => searchAuditLog(tenantId, args, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.next_before_id,
    // Every search is itself audited: no background refetches that would add entries unasked.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}
