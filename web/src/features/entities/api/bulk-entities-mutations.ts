import type { Json } from "@flexoffice/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { GridRow } from "./entities-page-query.ts";
import { type EntityRecord, toEntityRecord } from "./entity-query.ts";
import { afterGridWrite, dropGridRows, markGridsStale, refreshAroundGrids } from "./grid-cache-writes.ts";
import { entityKeys } from "./keys.ts";

/**
 * Moves the selected entities to the trash in one call: all or none (a refusal names the row
 * that stopped it, e.g. one another entity still refers to). Answers how many went.
 */
export async function deleteEntities(ids: string[]): Promise<number> {
  const answer = (await callRpc("delete_entities", { p_ids: ids })) as { entities?: unknown[] } | null;
  return answer?.entities?.length ?? 0;
}

/**
 * Sets one field to the same value on every selected entity, each with the version the
 * person saw: all or none, and a row changed meanwhile refuses the whole batch (409 stale).
 */
export async function updateEntitiesField(rows: GridRow[], field: string, value: Json | null): Promise<EntityRecord[]> {
  const answer = (await callRpc("update_entities", {
    p_updates: rows.map((row) => ({ id: row.id, expected_version: row.version, changes: { [field]: value } })),
  })) as { entities?: unknown[] } | null;
  return (answer?.entities ?? []).map(toEntityRecord);
}

export function useBulkDeleteMutation(blueprintId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteEntities,
    onSuccess: (_count, ids) => {
      dropGridRows(queryClient, blueprintId, new Set(ids));
      for (const id of ids) void queryClient.invalidateQueries({ queryKey: entityKeys.entity(id) });
      markGridsStale(queryClient, blueprintId);
      refreshAroundGrids(queryClient, blueprintId);
    },
  });
}

export function useBulkUpdateMutation(blueprintId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ rows, field, value }: { rows: GridRow[]; field: string; value: Json | null }) =>
      updateEntitiesField(rows, field, value),
    onSuccess: (entities) => {
      for (const entity of entities) afterGridWrite(queryClient, blueprintId, entity);
    },
  });
}
