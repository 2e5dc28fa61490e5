import type { FieldDefinition } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { asFields } from "./blueprints-query.ts";
import { blueprintKeys } from "./keys.ts";

export type BlueprintVersion = {
  version: number;
  fields: FieldDefinition[];
  /** The declared changes from the previous version, as the database stored them. */
  changes: unknown[];
  createdAt: string;
  createdBy: string | null;
};

/** Every version of a blueprint, newest first (versions are never edited). */
export async function fetchBlueprintVersions(blueprintId: string): Promise<BlueprintVersion[]> {
  const rows = await supabase
    .from("blueprint_versions")
    .select("version, fields, changes, created_at, created_by")
    .eq("blueprint_id", blueprintId)
    .order("version", { ascending: false })
    .then(throwOnError);
  return rows.map((row) => ({
    version: row.version,
    fields: asFields(row.fields),
    changes: Array.isArray(row.changes) ? row.changes : [],
    createdAt: row.created_at,
    createdBy: row.created_by,
  }));
}

export function useBlueprintVersionsQuery(blueprintId: string) {
  return useQuery({ queryKey: blueprintKeys.versions(blueprintId), queryFn: () => fetchBlueprintVersions(blueprintId) });
}
