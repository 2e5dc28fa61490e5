import type { Json } from "@flexoffice/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { afterEntityWrite } from "./after-entity-write.ts";
import { type EntityRecord, toEntityRecord } from "./entity-query.ts";
import { entityKeys } from "./keys.ts";

export type TransitionEntityInput = {
  entityId: string;
  transition: string;
  expectedVersion: number;
  input?: Record<string, Json>;
};

/** Runs one transition atomically: state, updates (started_at = now, ...) and history in one write. */
export async function transitionEntity({
  entityId,
  transition,
  expectedVersion,
  input,
}: TransitionEntityInput): Promise<EntityRecord> {
  return toEntityRecord(
    await callRpc("transition_entity", {
      p_entity_id: entityId,
      p_transition: transition,
      p_expected_version: expectedVersion,
      ...(input && Object.keys(input).length > 0 ? { p_input: input } : {}),
    }),
  );
}

export function useTransitionEntityMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: transitionEntity,
    onSuccess: (entity) => afterEntityWrite(queryClient, entity),
    // A refusal (stale version, guard) means the record is not what the screen shows: look again,
    // on its page and on the lists and boards it appears on.
    onError: (_error, { entityId }) => {
      void queryClient.invalidateQueries({ queryKey: entityKeys.entity(entityId) });
      void queryClient.invalidateQueries({ queryKey: entityKeys.all, predicate: (query) => query.queryKey[1] === "data" });
    },
  });
}
