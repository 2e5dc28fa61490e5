import { type FieldDefinition, type FlowTransition, isUuid } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { ApiError, throwOnError, toApiError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import type { FlowDesign } from "../lib/draft.ts";
import { flowKeys } from "./keys.ts";

/**
 * A blueprint at its latest version, its flow and the tenant's roles: what the designer
 * edits. A blueprint that is gone, in the trash or not visible reads as not found.
 */
export async function fetchFlowDesign(blueprintId: string): Promise<FlowDesign> {
  const notFound = new ApiError({
    code: "FONF0",
    status: 404,
    serverMessage: "No such blueprint.",
    field: "blueprint_id",
    rule: "exists",
  });
  if (!isUuid(blueprintId)) throw notFound;
  const found = await supabase
    .from("blueprints")
    .select("id, tenant_id, name, version, deleted_at")
    .eq("id", blueprintId)
    .maybeSingle();
  if (found.error) throw toApiError(found.error, found.status);
  const blueprint = found.data;
  if (!blueprint || blueprint.deleted_at) throw notFound;
  const [version, flow, roles] = await Promise.all([
    supabase
      .from("blueprint_versions")
      .select("fields")
      .eq("blueprint_id", blueprint.id)
      .eq("version", blueprint.version)
      .single()
      .then(throwOnError),
    supabase
      .from("flows")
      .select("version, states, transitions")
      .eq("blueprint_id", blueprint.id)
      .maybeSingle()
      .then(throwOnError),
    supabase
      .from("roles")
      .select("id, key, name, builtin")
      .eq("tenant_id", blueprint.tenant_id)
      .order("builtin", { ascending: false })
      .order("name")
      .then(throwOnError),
  ]);
  const fields = version.fields as FieldDefinition[];
  return {
    blueprint: { id: blueprint.id, tenantId: blueprint.tenant_id, name: blueprint.name, version: blueprint.version },
    fields,
    statusField: fields.find((field) => field.type === "status") ?? null,
    flow: flow
      ? {
          version: flow.version,
          states: flow.states as { key: string; x?: number; y?: number }[],
          transitions: flow.transitions as FlowTransition[],
        }
      : null,
    roles: roles.map(({ id, key, name }) => ({ id, key, name })),
  };
}

/**
 * Loaded once per visit: the designer keeps the version it was loaded at as the base of
 * its draft, so a background refetch never moves the ground under unsaved edits.
 */
export function useFlowDesignQuery(blueprintId: string) {
  return useQuery({
    queryKey: flowKeys.design(blueprintId),
    queryFn: () => fetchFlowDesign(blueprintId),
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: (count, error) => !(error instanceof ApiError && error.code === "FONF0") && count < 2,
  });
}
