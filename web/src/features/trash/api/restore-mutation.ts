import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { TrashItem } from "../lib/trash-items.ts";
import { trashKeys } from "./keys.ts";

export type RestoreOutcome = {
  restored: TrashItem[];
  failed: { item: TrashItem; error: unknown }[];
};

/**
 * Brings items back one by one: each restore is its own decision in the database (a unique
 * value taken meanwhile refuses that one only), so one refusal does not hold up the rest.
 * Blueprints go first, so their entities are not tried on their own.
 */
export async function restoreItems(items: readonly TrashItem[]): Promise<RestoreOutcome> {
  const outcome: RestoreOutcome = { restored: [], failed: [] };
  const ordered = [...items].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "blueprint" ? -1 : 1));
  const revivedBlueprints = new Set<string>();
  for (const item of ordered) {
    if (item.kind === "entity" && item.withBlueprint && revivedBlueprints.has(item.blueprintId)) {
      outcome.restored.push(item);
      continue;
    }
    try {
      if (item.kind === "blueprint") {
        await callRpc("restore_blueprint", { p_blueprint_id: item.id });
        revivedBlueprints.add(item.id);
      } else {
        await callRpc("restore_entity", { p_entity_id: item.id });
      }
      outcome.restored.push(item);
    } catch (error) {
      outcome.failed.push({ item, error });
    }
  }
  return outcome;
}

export function useRestoreMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: restoreItems,
    onSettled: () => queryClient.invalidateQueries({ queryKey: trashKeys.list(tenantId) }),
  });
}
