/** Query keys of the trash; per tenant, so two workspaces never share a list. */
export const trashKeys = {
  all: ["trash"] as const,
  list: (tenantId: string) => [...trashKeys.all, "list", tenantId] as const,
};
