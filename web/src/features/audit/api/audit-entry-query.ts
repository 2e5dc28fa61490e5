import { useQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { AuditEntry } from "../lib/audit-entries.ts";
import { auditKeys } from "./keys.ts";

/** The whole entry: before/after (without the fields the reader may not see), details, user agent. */
export async function fetchAuditEntry(tenantId: string, id: number): Promise<AuditEntry> {
  return (await callRpc("get_audit_entry", { p_tenant_id: tenantId, p_id: id })) as unknown as AuditEntry;
}

export function useAuditEntryQuery(tenantId: string, id: number | null) {
  return useQuery({
    queryKey: auditKeys.entry(tenantId, id ?? 0),
    queryFn: () => fetchAuditEntry(tenantId, id ?? 0),
    enabled: id !== null,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
