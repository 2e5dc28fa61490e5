import type { QueryClient } from "@tanstack/react-query";
import type { EntityRecord } from "./entity-query.ts";
import { entityKeys } from "./keys.ts";

/**
 * After any write to an entity: its answer is the new truth for the record page at once; its
 * history, the transitions now possible, and every list and board of its blueprint refetch.
 */
export function afterEntityWrite(queryClient: QueryClient, entity: EntityRecord): void {
  queryClient.setQueryData(entityKeys.entity(entity.id), entity);
  void queryClient.invalidateQueries({ queryKey: entityKeys.history(entity.id) });
  void queryClient.invalidateQueries({ queryKey: entityKeys.transitions(entity.id) });
  void queryClient.invalidateQueries({ queryKey: entityKeys.blueprintData(entity.blueprint_id) });
}
