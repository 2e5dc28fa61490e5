import type { FieldDefinition, Tables } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { blueprintKeys } from "./keys.ts";

export type BlueprintRow = Tables<"blueprints">;

/** A row of the blueprints list: the blueprint and how many fields its latest version has. */
export type BlueprintSummary = BlueprintRow & { fieldCount: number };

/**
 * The tenant's live blueprints (RLS: members only), by name, each with the field count of
 * its latest version. Two reads instead of a join, since versions are keyed by (id, version).
 */
export async function fetchBlueprints(tenantId: string): Promise<BlueprintSummary[]> {
  const rows = await supabase
    .from("blueprints")
    .select("*")
    .eq("tenant_id", tenantId)
    .is("deleted_at", null)
    .order("name")
    .then(throwOnError);
  if (rows.length === 0) return [];
  const versions = await supabase
    .from("blueprint_versions")
    .select("blueprint_id, version, fields")
    .in(
      "blueprint_id",
      rows.map((row) => row.id),
    )
    .then(throwOnError);
  return rows.map((row) => {
    const latest = versions.find((v) => v.blueprint_id === row.id && v.version === row.version);
    return { ...row, fieldCount: Array.isArray(latest?.fields) ? latest.fields.length : 0 };
  });
}

export function useBlueprintsQuery(tenantId: string) {
  return useQuery({ queryKey: blueprintKeys.list(tenantId), queryFn: () => fetchBlueprints(tenantId) });
}

/** The fields of a stored version as the shared type (the database checked them on the way in). */
export function asFields(value: unknown): FieldDefinition[] {
  return Array.isArray(value) ? (value as FieldDefinition[]) : [];
}
