/** Query keys of the platform console; everything under "admin" is dropped when the user changes. */
export const adminKeys = {
  all: ["admin"] as const,
  status: (userId: string) => [...adminKeys.all, "status", userId] as const,
  tenants: (search: string, offset: number) => [...adminKeys.all, "tenants", search, offset] as const,
  tenant: (tenantId: string) => [...adminKeys.all, "tenant", tenantId] as const,
  objects: (tenantId: string, table: string, offset: number) => [...adminKeys.all, "objects", tenantId, table, offset] as const,
  users: (search: string, offset: number) => [...adminKeys.all, "users", search, offset] as const,
  user: (userId: string) => [...adminKeys.all, "user", userId] as const,
};
