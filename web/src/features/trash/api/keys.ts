/** Query keys of the trash; per tenant, so two workspaces never share a list. */
export const trashKeys = {
  all: ["trash"] as const,
  /** Every list of the tenant: invalidating it refreshes them all. */
  list: (tenantId: string) => [...trashKeys.all, "list", tenantId] as const,
  /** The list of every blueprint (null) or of one. */
  listOf: (tenantId: string, blueprintId: string | null) => [...trashKeys.list(tenantId), blueprintId] as const,
};
