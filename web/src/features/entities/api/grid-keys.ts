import type { Filter, SortKey } from "@flexoffice/shared";
import { entityKeys } from "./keys.ts";

/** What a grid asks query_entities for; every part is in the query key. */
export type GridQueryParams = { filter: Filter | null; sort: SortKey[]; search: string };

/**
 * Query keys of the grid workspace. Pages of a grid live under the blueprint's data key
 * (entityKeys.blueprintData), so a write made on the record page refreshes the grid too.
 */
export const gridKeys = {
  /** The tenant's live blueprints, for the Records index. */
  blueprints: (tenantId: string) => [...entityKeys.all, "blueprint-list", tenantId] as const,
  /** Every grid of a blueprint, whatever its filter. */
  grids: (blueprintId: string) => [...entityKeys.blueprintData(blueprintId), "grid"] as const,
  pages: (blueprintId: string, params: GridQueryParams) => [...gridKeys.grids(blueprintId), params] as const,
  /** The count of a grid's query: apart from its pages, so it refetches after every write of the blueprint. */
  count: (blueprintId: string, params: GridQueryParams) =>
    [...entityKeys.blueprintData(blueprintId), "grid-count", params] as const,
  /** The saved views of a blueprint the user may see. */
  views: (blueprintId: string, userId: string) => [...entityKeys.all, "saved-views", blueprintId, userId] as const,
  /** Names of the tenant's members, for member columns. */
  memberNames: (tenantId: string) => [...entityKeys.all, "member-names", tenantId] as const,
  /** Titles of referenced entities, by target blueprint and a chunk of ids. */
  referenceTitles: (blueprintId: string, ids: readonly string[]) =>
    [...entityKeys.all, "reference-titles", blueprintId, ids] as const,
};
