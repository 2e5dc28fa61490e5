import type { FieldDefinition } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { ApiError, throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { asFields, type BlueprintRow } from "./blueprints-query.ts";
import { blueprintKeys } from "./keys.ts";

/** A live blueprint and the fields of its latest version: what the designer edits. */
export type BlueprintWithFields = { blueprint: BlueprintRow; fields: FieldDefinition[] };

/** The blueprint if the member can see it and it is not in the trash; a 404 otherwise. */
export async function fetchBlueprint(blueprintId: string): Promise<BlueprintWithFields> {
  const blueprint = await supabase.from("blueprints").select("*").eq("id", blueprintId).maybeSingle().then(throwOnError);
  if (!blueprint || blueprint.deleted_at) {
    throw new ApiError({
      code: "FONF0",
      status: 404,
      serverMessage: "No such blueprint.",
      field: "blueprint_id",
      rule: "exists",
    });
  }
  const version = await supabase
    .from("blueprint_versions")
    .select("fields")
    .eq("blueprint_id", blueprintId)
    .eq("version", blueprint.version)
    .single()
    .then(throwOnError);
  return { blueprint, fields: asFields(version.fields) };
}

export function useBlueprintQuery(blueprintId: string) {
  return useQuery({
    queryKey: blueprintKeys.detail(blueprintId),
    queryFn: () => fetchBlueprint(blueprintId),
    retry: (count, error) => !(error instanceof ApiError && error.code === "FONF0") && count < 2,
  });
}
