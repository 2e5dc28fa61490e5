import { queryOptions, useQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { type MfaRequirement, parseMfaRequirement } from "../lib/mfa-policy.ts";
import { useCurrentSessionIds } from "./current-session.ts";
import { securityKeys } from "./keys.ts";

/** The session's 2FA state as the database decides it right now (ok, prompt, enroll, challenge). */
export async function fetchMfaRequirement(): Promise<MfaRequirement> {
  return parseMfaRequirement(await callRpc("get_mfa_requirement"));
}

export function useMfaRequirementQuery() {
  const { userId, sessionId, signedIn } = useCurrentSessionIds();
  return useQuery({ ...mfaRequirementQueryOptions(userId, sessionId), enabled: signedIn });
}

export function mfaRequirementQueryOptions(userId: string, sessionId: string) {
  return queryOptions({ queryKey: securityKeys.requirement(userId, sessionId), queryFn: fetchMfaRequirement });
}
