import type { FieldDefinition } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { flowKeys } from "./keys.ts";

/** One row of the flows page: a live blueprint and what its flow holds. */
export type FlowSummary = {
  blueprintId: string;
  name: string;
  description: string | null;
  /** The label of the status field the flow drives; null when the blueprint has none. */
  statusLabel: string | null;
  states: number;
  transitions: number;
  /** null until a flow was saved for the blueprint. */
  flowUpdatedAt: string | null;
};

/**
 * The tenant's live blueprints with their status field and flow, read through RLS (members
 * see their tenant's blueprints, versions and flows).
 */
export async function fetchFlowList(tenantId: string): Promise<FlowSummary[]> {
  const blueprints = throwOnError(
    await supabase
      .from("blueprints")
      .select("id, name, description, version")
      .eq("tenant_id", tenantId)
      .is("deleted_at", null)
      .order("name"),
  );
  if (blueprints.length === 0) return [];
  const ids = blueprints.map((b) => b.id);
  const [versions, flows] = await Promise.all([
    supabase
      .from("blueprint_versions")
      .select("blueprint_id, version, fields")
      .in("blueprint_id", ids)
      .in("version", [...new Set(blueprints.map((b) => b.version))])
      .then(throwOnError),
    supabase.from("flows").select("blueprint_id, transitions, updated_at").in("blueprint_id", ids).then(throwOnError),
  ]);
  return blueprints.map((blueprint) => {
    const fields = (versions.find((v) => v.blueprint_id === blueprint.id && v.version === blueprint.version)?.fields ??
      []) as FieldDefinition[];
    const status = fields.find((field) => field.type === "status") ?? null;
    const flow = flows.find((f) => f.blueprint_id === blueprint.id) ?? null;
    return {
      blueprintId: blueprint.id,
      name: blueprint.name,
      description: blueprint.description,
      statusLabel: status?.label ?? null,
      states: status?.options?.length ?? 0,
      transitions: Array.isArray(flow?.transitions) ? flow.transitions.length : 0,
      flowUpdatedAt: flow?.updated_at ?? null,
    };
  });
}

export function useFlowListQuery(tenantId: string) {
  return useQuery({ queryKey: flowKeys.list(tenantId), queryFn: () => fetchFlowList(tenantId) });
}
