import { BlueprintFieldsSchema, type FieldDefinition, type Tables } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { memberKeys } from "./keys.ts";

export type BlueprintSummary = Pick<Tables<"blueprints">, "id" | "key" | "name" | "version">;

/** The tenant's live blueprints, for choosing which one's permissions to edit or explain. */
export async function fetchBlueprints(tenantId: string): Promise<BlueprintSummary[]> {
  return supabase
    .from("blueprints")
    .select("id, key, name, version")
    .eq("tenant_id", tenantId)
    .is("deleted_at", null)
    .order("name")
    .then(throwOnError);
}

export function useBlueprintsQuery(tenantId: string) {
  return useQuery({ queryKey: memberKeys.blueprints(tenantId), queryFn: () => fetchBlueprints(tenantId) });
}

/** What grants can name on a blueprint: the fields of its current version and its flow's transitions. */
export type BlueprintSchema = {
  fields: FieldDefinition[];
  transitions: { key: string; name: string }[];
};

function parseTransitions(json: unknown): { key: string; name: string }[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((item: unknown) => {
    const transition = item as { key?: unknown; name?: unknown };
    return typeof transition.key === "string"
      ? [{ key: transition.key, name: typeof transition.name === "string" ? transition.name : transition.key }]
      : [];
  });
}

export async function fetchBlueprintSchema(tenantId: string, blueprintId: string): Promise<BlueprintSchema> {
  const blueprint = await supabase
    .from("blueprints")
    .select("id, version")
    .eq("tenant_id", tenantId)
    .eq("id", blueprintId)
    .single()
    .then(throwOnError);
  const [version, flow] = await Promise.all([
    supabase
      .from("blueprint_versions")
      .select("fields")
      .eq("blueprint_id", blueprintId)
      .eq("version", blueprint.version)
      .single()
      .then(throwOnError),
    supabase.from("flows").select("transitions").eq("blueprint_id", blueprintId).maybeSingle().then(throwOnError),
  ]);
  const parsed = BlueprintFieldsSchema.safeParse(version.fields);
  // The database validated the fields when they were saved; a shape this build does not know yet is shown as no fields.
  const fields = parsed.success ? parsed.data : Array.isArray(version.fields) ? (version.fields as FieldDefinition[]) : [];
  return { fields, transitions: parseTransitions(flow?.transitions) };
}

export function useBlueprintSchemaQuery(tenantId: string, blueprintId: string | null) {
  return useQuery({
    queryKey: memberKeys.blueprintSchema(tenantId, blueprintId ?? ""),
    queryFn: () => fetchBlueprintSchema(tenantId, blueprintId ?? ""),
    enabled: blueprintId !== null,
  });
}
