/** Query keys of the members feature, scoped by tenant so two workspaces never share cached rows. */
export const memberKeys = {
  all: ["members"] as const,
  tenant: (tenantId: string) => [...memberKeys.all, tenantId] as const,
  list: (tenantId: string) => [...memberKeys.tenant(tenantId), "list"] as const,
  roles: (tenantId: string) => [...memberKeys.tenant(tenantId), "roles"] as const,
  invitations: (tenantId: string) => [...memberKeys.tenant(tenantId), "invitations"] as const,
  blueprints: (tenantId: string) => [...memberKeys.tenant(tenantId), "blueprints"] as const,
  blueprintSchema: (tenantId: string, blueprintId: string) =>
    [...memberKeys.tenant(tenantId), "blueprint-schema", blueprintId] as const,
  permissionSet: (tenantId: string, roleId: string, blueprintId: string) =>
    [...memberKeys.tenant(tenantId), "permission-set", roleId, blueprintId] as const,
  explain: (tenantId: string, userId: string, blueprintId: string) =>
    [...memberKeys.tenant(tenantId), "explain", userId, blueprintId] as const,
  invitation: (userId: string, token: string) => [...memberKeys.all, "invitation", userId, token] as const,
};
