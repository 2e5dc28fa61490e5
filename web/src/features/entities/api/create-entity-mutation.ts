import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { afterEntityWrite } from "./after-entity-write.ts";
import { type EntityData, type EntityRecord, toEntityRecord } from "./entity-query.ts";

export type CreateEntityInput = { blueprintId: string; data: EntityData };

/** Creates an entity of the blueprint's latest version; absent fields take their defaults. */
export async function createEntity({ blueprintId, data }: CreateEntityInput): Promise<EntityRecord> {
  return toEntityRecord(await callRpc("create_entity", { p_blueprint_id: blueprintId, p_data: data }));
}

export function useCreateEntityMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEntity,
    onSuccess: (entity) => afterEntityWrite(queryClient, entity),
  });
}
