import type { FieldDefinition } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { entityKeys } from "./keys.ts";

/**
 * The fields of one version of a blueprint. An entity is read and edited with the version it
 * was written with, which may be older than the blueprint's latest.
 */
export async function fetchBlueprintVersionFields(blueprintId: string, version: number): Promise<FieldDefinition[]> {
  const row = await supabase
    .from("blueprint_versions")
    .select("fields")
    .eq("blueprint_id", blueprintId)
    .eq("version", version)
    .single()
    .then(throwOnError);
  return (row.fields ?? []) as FieldDefinition[];
}

/** Versions never change once saved, so they are cached for the session. */
export function useBlueprintVersionQuery(blueprintId: string | undefined, version: number | undefined) {
  return useQuery({
    queryKey: entityKeys.blueprintVersion(blueprintId ?? "", version ?? 0),
    queryFn: () => fetchBlueprintVersionFields(blueprintId ?? "", version ?? 0),
    enabled: Boolean(blueprintId) && version !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
