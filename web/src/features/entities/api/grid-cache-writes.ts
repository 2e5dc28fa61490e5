import type { QueryClient } from "@tanstack/react-query";
import type { GridRow } from "./entities-page-query.ts";
import type { EntityRecord } from "./entity-query.ts";
import { type GridData, removeRows, replaceRow } from "./grid-cache.ts";
import { gridKeys } from "./grid-keys.ts";
import { entityKeys } from "./keys.ts";

/** A write's answer (an entity) as a grid row. */
export function toGridRow(entity: EntityRecord): GridRow {
  const { deleted_at: _deleted, blueprint_id: _blueprint, ...row } = entity;
  return row;
}

/**
 * Puts a fresh copy of a row in place in every loaded grid of the blueprint, so an edit or a
 * live change shows without refetching every page scrolled through.
 */
export function patchGridRows(queryClient: QueryClient, blueprintId: string, row: GridRow): void {
  queryClient.setQueriesData<GridData>({ queryKey: gridKeys.grids(blueprintId) }, (data) => replaceRow(data, row));
}

/** Takes rows out of every loaded grid of the blueprint (trashed, or no longer readable). */
export function dropGridRows(queryClient: QueryClient, blueprintId: string, ids: ReadonlySet<string>): void {
  queryClient.setQueriesData<GridData>({ queryKey: gridKeys.grids(blueprintId) }, (data) => removeRows(data, ids));
}

/**
 * Marks every grid of the blueprint out of date without refetching now: the rows on screen are
 * already in place, but another filter's cached pages (and counts) may not be, so they refetch
 * when next shown.
 */
export function markGridsStale(queryClient: QueryClient, blueprintId: string): void {
  void queryClient.invalidateQueries({ queryKey: gridKeys.grids(blueprintId), refetchType: "none" });
}

/** Everything of the blueprint but its grids (whose rows the caller already put in place) refetches: record pages, boards. */
export function refreshAroundGrids(queryClient: QueryClient, blueprintId: string): void {
  void queryClient.invalidateQueries({
    queryKey: entityKeys.blueprintData(blueprintId),
    predicate: (query) => query.queryKey[3] !== "grid",
  });
}

/** After a write answered with the entity: grids patched, its record page fresh, the rest of the blueprint refetched. */
export function afterGridWrite(queryClient: QueryClient, blueprintId: string, entity: EntityRecord): void {
  patchGridRows(queryClient, blueprintId, toGridRow(entity));
  queryClient.setQueryData(entityKeys.entity(entity.id), entity);
  void queryClient.invalidateQueries({ queryKey: entityKeys.entity(entity.id) });
  markGridsStale(queryClient, blueprintId);
  refreshAroundGrids(queryClient, blueprintId);
}
