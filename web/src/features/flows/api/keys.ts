/** Query keys of the flow designer; the tenant or blueprint id scopes each so two never share data. */
export const flowKeys = {
  all: ["flows"] as const,
  list: (tenantId: string) => [...flowKeys.all, "list", tenantId] as const,
  design: (blueprintId: string) => [...flowKeys.all, "design", blueprintId] as const,
  stateUsage: (blueprintId: string, field: string, state: string) =>
    [...flowKeys.all, "state-usage", blueprintId, field, state] as const,
};
