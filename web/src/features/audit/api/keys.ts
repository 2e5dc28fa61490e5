import type { AuditSearchArgs } from "../lib/audit-filters.ts";

/** Query keys of the audit log, per tenant. */
export const auditKeys = {
  all: ["audit"] as const,
  search: (tenantId: string, args: AuditSearchArgs) => [...auditKeys.all, "search", tenantId, args] as const,
  entry: (tenantId: string, id: number) => [...auditKeys.all, "entry", tenantId, id] as const,
  actors: (tenantId: string) => [...auditKeys.all, "actors", tenantId] as const,
};
