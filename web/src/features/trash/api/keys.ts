/** Query keys of the trash; per tenant, so two workspaces never share a list. */
export const trashKeys = {
  all: ["trash"] as const,
  /** Every list of the tenant (all blueprints, or one: `blueprintId`) starts with `list(tenantId)`. */
  list: (tenantId: string, blueprintId?: string | null) =>
    blueprintId === undefined
      ? ([...trashKeys.all, "list", tenantId] as const)
      : ([...trashKeys.all, "list", tenantId, blueprintId] as const),
};
