import type { FieldDefinition, Json } from "@flexoffice/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { BlueprintChange } from "../lib/draft.ts";
import type { BlueprintRow } from "./blueprints-query.ts";
import { blueprintKeys, ENTITIES_ROOT_KEY } from "./keys.ts";

/** What create_blueprint and update_blueprint answer: the blueprint row and its latest fields. */
export type SavedBlueprint = BlueprintRow & { fields: FieldDefinition[] };

export type CreateBlueprintInput = {
  tenantId: string;
  name: string;
  key: string;
  description: string;
  icon: string | null;
  fields: FieldDefinition[];
};

/** Version 1 of a new blueprint; an empty key lets the database derive one from the name. */
export async function createBlueprint(input: CreateBlueprintInput): Promise<SavedBlueprint> {
  return (await callRpc("create_blueprint", {
    p_tenant_id: input.tenantId,
    p_name: input.name.trim(),
    p_fields: input.fields as unknown as Json,
    ...(input.key.trim() ? { p_key: input.key.trim() } : {}),
    ...(input.description.trim() ? { p_description: input.description.trim() } : {}),
    ...(input.icon ? { p_icon: input.icon } : {}),
  })) as unknown as SavedBlueprint;
}

export type UpdateBlueprintInput = { blueprintId: string; expectedVersion: number; changes: BlueprintChange[] };

/** A new version from the declared changes; refused (409 stale) when someone saved a newer one meanwhile. */
export async function updateBlueprint(input: UpdateBlueprintInput): Promise<SavedBlueprint> {
  return (await callRpc("update_blueprint", {
    p_blueprint_id: input.blueprintId,
    p_expected_version: input.expectedVersion,
    p_changes: input.changes as unknown as Json,
  })) as unknown as SavedBlueprint;
}

/** Refreshes every cached view of blueprints, and the records screens that hold their fields. */
function useInvalidateBlueprints() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: blueprintKeys.all }),
      queryClient.invalidateQueries({ queryKey: ENTITIES_ROOT_KEY }),
    ]);
}

export function useCreateBlueprintMutation() {
  const invalidate = useInvalidateBlueprints();
  return useMutation({ mutationFn: createBlueprint, onSuccess: invalidate });
}

export function useUpdateBlueprintMutation() {
  const invalidate = useInvalidateBlueprints();
  return useMutation({ mutationFn: updateBlueprint, onSuccess: invalidate });
}

/** Moves the blueprint and its live entities to the trash; the answer says how many entities went with it. */
export async function deleteBlueprint(blueprintId: string): Promise<{ entitiesTrashed: number }> {
  const answer = (await callRpc("delete_blueprint", { p_blueprint_id: blueprintId })) as { entities_trashed?: number } | null;
  return { entitiesTrashed: answer?.entities_trashed ?? 0 };
}

/**
 * Marks every cached view stale without refetching now: the page showing the deleted
 * blueprint is still on screen until the caller navigates away, and a refetch would turn it
 * into "not found" (and unmount the caller) first. Views refetch when they are shown again.
 */
export function useDeleteBlueprintMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBlueprint,
    onSuccess: () =>
      Promise.all(
        [blueprintKeys.all, ENTITIES_ROOT_KEY, ["trash"]].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey, refetchType: "none" }),
        ),
      ),
  });
}
