import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { TrashItem } from "../lib/trash-items.ts";
import { trashKeys } from "./keys.ts";

/**
 * Deletes the items for good in one call (Admins only; audited per object). A blueprint
 * takes the entities that went to the trash with it.
 */
export async function purgeItems(tenantId: string, items: readonly TrashItem[]): Promise<number> {
  const blueprintIds = items.filter((i) => i.kind === "blueprint").map((i) => i.id);
  const entityIds = items.filter((i) => i.kind === "entity" && !blueprintIds.includes(i.blueprintId)).map((i) => i.id);
  const result = (await callRpc("purge_trash", {
    p_tenant_id: tenantId,
    ...(blueprintIds.length ? { p_blueprint_ids: blueprintIds } : {}),
    ...(entityIds.length ? { p_entity_ids: entityIds } : {}),
  })) as { entities_purged: number };
  return result.entities_purged;
}

export function usePurgeMutation(tenantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: readonly TrashItem[]) => purgeItems(tenantId, items),
    onSettled: () => queryClient.invalidateQueries({ queryKey: trashKeys.list(tenantId) }),
  });
}
