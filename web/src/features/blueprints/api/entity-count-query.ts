import { useQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { blueprintKeys } from "./keys.ts";

export type EntityCount = { value: number; exact: boolean };

/**
 * How many live entities the blueprint has, counted by query_entities (exact up to 10,000,
 * estimated beyond): said in the delete confirmation and used to offer a migration.
 */
export async function fetchEntityCount(blueprintId: string): Promise<EntityCount> {
  const answer = (await callRpc("query_entities", {
    p_blueprint_id: blueprintId,
    p_limit: 1,
    p_count: true,
    p_count_cap: 10_000,
  })) as { count?: number | { value?: number; exact?: boolean } } | null;
  const count = answer?.count;
  if (typeof count === "number") return { value: count, exact: true };
  return { value: count?.value ?? 0, exact: count?.exact ?? true };
}

export function useEntityCountQuery(blueprintId: string, enabled = true) {
  return useQuery({ queryKey: blueprintKeys.entityCount(blueprintId), queryFn: () => fetchEntityCount(blueprintId), enabled });
}
