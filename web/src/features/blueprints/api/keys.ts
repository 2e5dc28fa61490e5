/** Query keys of the blueprints feature; everything starts with `blueprintKeys.all`. */
export const blueprintKeys = {
  all: ["blueprints"] as const,
  /** The tenant's live blueprints with their field counts. */
  list: (tenantId: string) => [...blueprintKeys.all, "list", tenantId] as const,
  /** One blueprint with the fields of its latest version. */
  detail: (blueprintId: string) => [...blueprintKeys.all, "detail", blueprintId] as const,
  /** Every version of a blueprint, newest first. */
  versions: (blueprintId: string) => [...blueprintKeys.all, "versions", blueprintId] as const,
  /** How many live entities a blueprint has (for the delete confirmation and the migration hint). */
  entityCount: (blueprintId: string) => [...blueprintKeys.all, "entity-count", blueprintId] as const,
  /** A background migration's progress. */
  migrationJob: (jobId: string) => [...blueprintKeys.all, "migration-job", jobId] as const,
  /** Names of people (version authors). */
  people: (ids: readonly string[]) => [...blueprintKeys.all, "people", ids] as const,
};

/** The entities feature's root key: its caches hold blueprint fields too, so a new version refreshes them. */
export const ENTITIES_ROOT_KEY = ["entities"] as const;
