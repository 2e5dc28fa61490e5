import { useQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { type Explanation, parseExplanation } from "../lib/answers.ts";
import { memberKeys } from "./keys.ts";

export type { ExplainedAction, ExplainedRole, Explanation, GrantSource } from "../lib/answers.ts";

/** What a member may do with a blueprint's entities and why (those who manage roles, or the member about themselves). */
export async function fetchExplanation(tenantId: string, userId: string, blueprintId: string): Promise<Explanation> {
  const raw = await callRpc("explain_permissions", { p_tenant_id: tenantId, p_user_id: userId, p_blueprint_id: blueprintId });
  return parseExplanation(raw);
}

export function useExplanationQuery(tenantId: string, userId: string | null, blueprintId: string | null) {
  return useQuery({
    queryKey: memberKeys.explain(tenantId, userId ?? "", blueprintId ?? ""),
    queryFn: () => fetchExplanation(tenantId, userId ?? "", blueprintId ?? ""),
    enabled: userId !== null && blueprintId !== null,
  });
}
