import type { FieldDefinition, FlowState, FlowTransition, Tables } from "@flexoffice/shared";
import { queryOptions, useQuery } from "@tanstack/react-query";
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
 * Finds a live blueprint by its key in the tenant of `slug` (RLS: members only), with its
 * latest fields and its flow, in one request: it needs no tenant id, so it can start before
 * the membership list arrives. An unknown or trashed key is a 404, so the page says "not
 * found" rather than failing.
 */
export async function fetchBlueprintByKey(slug: string, key: string): Promise<BlueprintContext> {
  const row = await supabase
    .from("blueprints")
    .select("*, tenants!inner(slug), flows(*), blueprint_versions(version, fields)")
    .eq("tenants.slug", slug)
    .eq("key", key)
    .is("deleted_at", null)
    .order("version", { referencedTable: "blueprint_versions", ascending: false })
    .limit(1, { referencedTable: "blueprint_versions" })
    .maybeSingle()
    .then(throwOnError);
  if (!row) {
    throw new ApiError({ code: "FONF0", status: 404, serverMessage: "No such blueprint.", field: "blueprint", rule: "exists" });
  }
  const { tenants: _tenant, flows, blueprint_versions: versions, ...blueprint } = row;
  // One statement reads both, and every version change writes its version row in the same transaction.
  const latest = versions[0];
  if (!latest || latest.version !== blueprint.version)
    throw new Error(`blueprint ${blueprint.id} lacks version ${blueprint.version}`);
  const flow = flows[0];
  return {
    blueprint,
    fields: (latest.fields ?? []) as FieldDefinition[],
    flow: flow ? toFlowDefinition(flow) : null,
  };
}

/** The records pages' blueprint: `slug` is the tenant's, as in the address. */
export function useBlueprintQuery(slug: string, key: string) {
  return useQuery(blueprintQueryOptions(slug, key));
}

export function blueprintQueryOptions(slug: string, key: string) {
  return queryOptions({
    queryKey: entityKeys.blueprint(slug, key),
    queryFn: () => fetchBlueprintByKey(slug, key),
    retry: (count, error) => !(error instanceof ApiError && error.code === "FONF0") && count < 2,
  });
}
