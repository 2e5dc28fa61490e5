import type { Tables } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { gridKeys } from "./grid-keys.ts";

export type RecordBlueprint = Pick<Tables<"blueprints">, "id" | "key" | "name" | "description" | "icon" | "updated_at">;

/** The tenant's live blueprints by name (RLS: members see their tenant's), for the Records index. */
export async function fetchRecordBlueprints(tenantId: string): Promise<RecordBlueprint[]> {
  return supabase
    .from("blueprints")
    .select("id, key, name, description, icon, updated_at")
    .eq("tenant_id", tenantId)
    .is("deleted_at", null)
    .order("name")
    .then(throwOnError);
}

export function useRecordBlueprintsQuery(tenantId: string) {
  return useQuery({ queryKey: gridKeys.blueprints(tenantId), queryFn: () => fetchRecordBlueprints(tenantId) });
}
