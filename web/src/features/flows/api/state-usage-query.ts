import { useQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { flowKeys } from "./keys.ts";

export type StateUsage = { count: number; exact: boolean };

/** How many live entities are in a state now (what deleting the state would strand). */
export async function fetchStateUsage(blueprintId: string, field: string, state: string): Promise<StateUsage> {
  const result = (await callRpc("query_entities", {
    p_blueprint_id: blueprintId,
    p_filter: { field, op: "eq", value: state },
    p_limit: 1,
    p_count: true,
  })) as { count?: { value: number; exact: boolean } | null };
  return { count: result.count?.value ?? 0, exact: result.count?.exact ?? true };
}

export function useStateUsageQuery(blueprintId: string, field: string, state: string | null) {
  return useQuery({
    queryKey: flowKeys.stateUsage(blueprintId, field, state ?? ""),
    queryFn: () => fetchStateUsage(blueprintId, field, state ?? ""),
    enabled: state !== null,
    staleTime: 10_000,
  });
}
