import { useQuery } from "@tanstack/react-query";
import type { MfaRequirement } from "../lib/mfa-policy.ts";
import { useCurrentSessionIds } from "./current-session.ts";
import { invokeFunction } from "./invoke-function.ts";
import { securityKeys } from "./keys.ts";

/** `GET /mfa/status`: everything about the user's factor except secrets (docs/two-factor.md). */
export type MfaStatus = {
  factor: "none" | "pending" | "active";
  enrolled: boolean;
  active: boolean;
  enrolled_at: string | null;
  activated_at: string | null;
  session_verified: boolean;
  recovery_codes_left: number;
  failed_attempts: number;
  max_failed_attempts: number;
  locked_until: string | null;
  policy: MfaRequirement;
};

export async function fetchMfaStatus(): Promise<MfaStatus> {
  return invokeFunction<MfaStatus>("mfa/status", { method: "GET" });
}

export function useMfaStatusQuery() {
  const { userId, sessionId, signedIn } = useCurrentSessionIds();
  return useQuery({ queryKey: securityKeys.status(userId, sessionId), queryFn: fetchMfaStatus, enabled: signedIn });
}
