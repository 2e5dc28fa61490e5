import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { afterEntityWrite } from "./after-entity-write.ts";
import { type EntityData, type EntityRecord, toEntityRecord } from "./entity-query.ts";

export type UpdateEntityInput = { entityId: string; expectedVersion: number; changes: EntityData };

/**
 * Patches the given fields (null clears). The version the person edited goes along, so a
 * change someone else saved meanwhile is refused (409 stale) instead of overwritten.
 */
export async function updateEntity({ entityId, expectedVersion, changes }: UpdateEntityInput): Promise<EntityRecord> {
  return toEntityRecord(
    await callRpc("update_entity", { p_entity_id: entityId, p_expected_version: expectedVersion, p_changes: changes }),
  );
}

export function useUpdateEntityMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateEntity,
    onSuccess: (entity) => afterEntityWrite(queryClient, entity),
  });
}
