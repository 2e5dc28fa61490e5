import type { FieldDefinition, FlowState, FlowTransition, Tables } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { ApiError, throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { entityKeys } from "./keys.ts";

export type BlueprintRow = Tables<"blueprints">;

/** A blueprint's flow as stored: states in the field's option order, transitions as saved. */
export type FlowDefinition = {
  id: string;
  version: number;
  stateField: string;
  states: FlowState[];
  transitions: FlowTransition[];
};

/** What every records page needs first: the blueprint, its latest fields and its flow (if any). */
export type BlueprintContext = {
  blueprint: BlueprintRow;
  fields: FieldDefinition[];
  flow: FlowDefinition | null;
};

export function toFlowDefinition(row: Tables<"flows">): FlowDefinition {
  return {
    id: row.id,
    version: row.version,
    stateField: row.state_field,
    states: (row.states ?? []) as FlowState[],
    transitions: (row.transitions ?? []) as FlowTransition[],
  };
}

/**
 * Finds a live blueprint by its key in the tenant (RLS: members only). An unknown or trashed
 * key is a 404, so the page says "not found" rather than failing.
 */
export async function fetchBlueprintByKey(tenantId: string, key: string): Promise<BlueprintContext> {
  const blueprint = await supabase
    .from("blueprints")
    .select("*")
    .eq("tenant_id", tenantId)
    .eq("key", key)
    .is("deleted_at", null)
    .maybeSingle()
    .then(throwOnError);
  if (!blueprint) {
    throw new ApiError({ code: "FONF0", status: 404, serverMessage: "No such blueprint.", field: "blueprint", rule: "exists" });
  }
  const [version, flow] = await Promise.all([
    supabase
      .from("blueprint_versions")
      .select("fields")
      .eq("blueprint_id", blueprint.id)
      .eq("version", blueprint.version)
      .single()
      .then(throwOnError),
    supabase.from("flows").select("*").eq("blueprint_id", blueprint.id).maybeSingle().then(throwOnError),
  ]);
  return {
    blueprint,
    fields: (version.fields ?? []) as FieldDefinition[],
    flow: flow ? toFlowDefinition(flow) : null,
  };
}

export function useBlueprintQuery(tenantId: string, key: string) {
  return useQuery({
    queryKey: entityKeys.blueprint(tenantId, key),
    queryFn: () => fetchBlueprintByKey(tenantId, key),
    retry: (count, error) => !(error instanceof ApiError && error.code === "FONF0") && count < 2,
  });
}
