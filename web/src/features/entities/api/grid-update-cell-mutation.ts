import type { Json } from "@flexoffice/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { GridRow } from "./entities-page-query.ts";
import { afterGridWrite } from "./grid-cache-writes.ts";
import { updateEntity } from "./update-entity-mutation.ts";

export type UpdateCellInput = { blueprintId: string; row: GridRow; field: string; value: Json | null };

/**
 * Saves one cell with the version the person saw, so a change saved meanwhile by someone else
 * is refused (409 stale) instead of overwritten. The answer replaces the row in every loaded
 * grid; the record page, its history and the boards of the blueprint refresh.
 */
export function useUpdateCellMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ row, field, value }: UpdateCellInput) =>
      updateEntity({ entityId: row.id, expectedVersion: row.version, changes: { [field]: value } }),
    onSuccess: (entity, { blueprintId }) => afterGridWrite(queryClient, blueprintId, entity),
  });
}
