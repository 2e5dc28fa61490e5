import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { entityKeys } from "../../api/keys.ts";
import { subscribeEntityChanges } from "../../hooks/entity-changes-channel.ts";

/**
 * Keeps an open record current: when the database says it changed (someone else saved, ran a
 * transition, trashed it), the record, its history and its transitions are fetched again.
 * The message carries no values; what comes back is what the member may read.
 */
export function useRecordLiveUpdates(userId: string, entityId: string, version: number | undefined): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!userId || !entityId) return;
    return subscribeEntityChanges(userId, {
      onChange: (change) => {
        if (change.entity_id !== entityId || (version !== undefined && change.version <= version)) return;
        void queryClient.invalidateQueries({ queryKey: entityKeys.entity(entityId) });
      },
      onStatus: () => undefined,
    });
  }, [queryClient, userId, entityId, version]);
}
