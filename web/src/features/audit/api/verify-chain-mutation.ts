import { useMutation } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { ChainCheck } from "../lib/audit-entries.ts";

/** Recomputes the tenant's hash chain from its anchor to its head (on demand: it reads every entry). */
export async function verifyAuditChain(tenantId: string): Promise<ChainCheck> {
  return (await callRpc("verify_audit_chain", { p_tenant_id: tenantId })) as unknown as ChainCheck;
}

export function useVerifyChainMutation(tenantId: string) {
  return useMutation({ mutationFn: () => verifyAuditChain(tenantId) });
}
