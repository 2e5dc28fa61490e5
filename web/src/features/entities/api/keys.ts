/**
 * Query keys of the entities feature (grid, records, board). Everything starts with
 * `entityKeys.all`, so a write can refresh every list, record and board of a blueprint at once
 * with `entityKeys.blueprintData(blueprintId)`.
 */
export const entityKeys = {
  all: ["entities"] as const,
  /** A blueprint looked up by its key in a tenant (by the tenant's slug), with its latest fields and its flow. */
  blueprint: (slug: string, key: string) => [...entityKeys.all, "blueprint", slug, key] as const,
  /** The fields of one version of a blueprint (an entity keeps the version it was written with). */
  blueprintVersion: (blueprintId: string, version: number) =>
    [...entityKeys.all, "blueprint-version", blueprintId, version] as const,
  /** What the signed-in member may do with a blueprint's entities (and, with an id, with that entity). */
  access: (blueprintId: string, userId: string, entityId?: string) =>
    [...entityKeys.all, "access", blueprintId, userId, entityId ?? null] as const,
  /** Lists, boards and records of one blueprint: invalidated together after a write. */
  blueprintData: (blueprintId: string) => [...entityKeys.all, "data", blueprintId] as const,
  board: (blueprintId: string, stateField: string, states: readonly string[]) =>
    [...entityKeys.blueprintData(blueprintId), "board", stateField, states] as const,
  referenceOptions: (blueprintId: string, search: string) =>
    [...entityKeys.all, "reference-options", blueprintId, search] as const,
  referenceLabels: (blueprintId: string, ids: readonly string[]) =>
    [...entityKeys.all, "reference-labels", blueprintId, ids] as const,
  /** One entity and what hangs off it (history, transitions). */
  entity: (entityId: string) => [...entityKeys.all, "entity", entityId] as const,
  history: (entityId: string) => [...entityKeys.entity(entityId), "history"] as const,
  transitions: (entityId: string) => [...entityKeys.entity(entityId), "transitions"] as const,
};
