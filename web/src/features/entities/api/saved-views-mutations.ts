import type { Json } from "@flexoffice/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { GridState } from "../components/grid/grid-state.ts";
import { toViewConfig } from "../components/grid/view-config.ts";
import { gridKeys } from "./grid-keys.ts";
import { type SavedView, toSavedView } from "./saved-views-query.ts";

export type SaveViewInput = {
  blueprintId: string;
  name: string;
  shared: boolean;
  state: GridState;
  /** The view changed, with the version the person saw; absent: a new view. */
  existing?: { id: string; version: number };
};

/**
 * Saves a view through save_view, which checks the filter and sort as a query would (a field
 * that does not exist, or one the person cannot read, is refused) and refuses a change based
 * on an older version of the view (409 stale).
 */
export async function saveView(input: SaveViewInput): Promise<SavedView> {
  const row = await callRpc("save_view", {
    p_blueprint_id: input.blueprintId,
    p_name: input.name,
    p_config: toViewConfig(input.state) as Json,
    p_shared: input.shared,
    ...(input.existing ? { p_view_id: input.existing.id, p_expected_version: input.existing.version } : {}),
  });
  return toSavedView(row as Parameters<typeof toSavedView>[0]);
}

export function useSaveViewMutation(blueprintId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveView,
    onSuccess: (view) => {
      queryClient.setQueryData<SavedView[]>(gridKeys.views(blueprintId, userId), (views) =>
        [...(views ?? []).filter((v) => v.id !== view.id), view].sort((a, b) => a.name.localeCompare(b.name)),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: gridKeys.views(blueprintId, userId) }),
  });
}

/** Deletes a view (its owner or an Admin; the database refuses anyone else with an audited 403). */
export function useDeleteViewMutation(blueprintId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (viewId: string) => callRpc("delete_view", { p_view_id: viewId }),
    onSuccess: (_answer, viewId) => {
      queryClient.setQueryData<SavedView[]>(gridKeys.views(blueprintId, userId), (views) =>
        views?.filter((v) => v.id !== viewId),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: gridKeys.views(blueprintId, userId) }),
  });
}
