import { queryOptions, useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import type { GridState } from "../components/grid/grid-state.ts";
import { fromViewConfig } from "../components/grid/view-config.ts";
import { gridKeys } from "./grid-keys.ts";

/** A saved grid view the user may see: their own, and those shared with readers of the blueprint. */
export type SavedView = {
  id: string;
  name: string;
  shared: boolean;
  ownerId: string;
  version: number;
  state: GridState;
};

type SavedViewRow = { id: string; name: string; shared: boolean; owner_id: string; version: number; config: unknown };

export function toSavedView(row: SavedViewRow): SavedView {
  return {
    id: row.id,
    name: row.name,
    shared: row.shared,
    ownerId: row.owner_id,
    version: row.version,
    state: fromViewConfig(row.config),
  };
}

/** The blueprint's views by name (RLS decides which: own views, and shared ones of a blueprint the user reads). */
export async function fetchSavedViews(blueprintId: string): Promise<SavedView[]> {
  const rows = await supabase
    .from("saved_views")
    .select("id, name, shared, owner_id, version, config")
    .eq("blueprint_id", blueprintId)
    .order("name")
    .then(throwOnError);
  return rows.map(toSavedView);
}

export function useSavedViewsQuery(blueprintId: string | undefined, userId: string) {
  return useQuery(savedViewsQueryOptions(blueprintId, userId));
}

export function savedViewsQueryOptions(blueprintId: string | undefined, userId: string) {
  return queryOptions({
    queryKey: gridKeys.views(blueprintId ?? "", userId),
    queryFn: () => fetchSavedViews(blueprintId ?? ""),
    enabled: Boolean(blueprintId),
  });
}
