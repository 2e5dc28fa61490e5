import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { afterEntityWrite } from "./after-entity-write.ts";
import { type EntityRecord, toEntityRecord } from "./entity-query.ts";

/** Moves an entity to the trash (restorable until the trash is emptied). */
export async function deleteEntity(entityId: string): Promise<EntityRecord> {
  return toEntityRecord(await callRpc("delete_entity", { p_entity_id: entityId }));
}

/** Brings it back from the trash: the "Undo" of a delete. */
export async function restoreEntity(entityId: string): Promise<EntityRecord> {
  return toEntityRecord(await callRpc("restore_entity", { p_entity_id: entityId }));
}

function useEntityWrite(write: (entityId: string) => Promise<EntityRecord>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (entity) => afterEntityWrite(queryClient, entity),
  });
}

export function useDeleteEntityMutation() {
  return useEntityWrite(deleteEntity);
}

export function useRestoreEntityMutation() {
  return useEntityWrite(restoreEntity);
}
