import { type QueryClient, useMutation, useQueryClient } from "@tanstack/react-query";
import { type SecondFactor, secondFactorBody } from "../lib/schemas.ts";
import { invokeFunction } from "./invoke-function.ts";
import { securityKeys } from "./keys.ts";

/** `POST /mfa/enroll`: a new (pending) secret; the only time it reaches the browser. */
export type Enrollment = {
  otpauth_uri: string;
  qr_svg: string;
  manual_key: string;
  issuer: string;
  account: string;
  algorithm: string;
  digits: number;
  period: number;
  replaced: boolean;
};

export type Activation = { active: true; session_verified: boolean; recovery_codes: string[] };
export type ChallengeResult = { session_verified: boolean; method: "totp" | "recovery"; recovery_codes_left: number };

export const enrollMfa = () => invokeFunction<Enrollment>("mfa/enroll");
export const activateMfa = (code: string) =>
  invokeFunction<Activation>("mfa/activate", { body: { code: code.replace(/\s/g, "") } });
export const challengeMfa = (input: SecondFactor) =>
  invokeFunction<ChallengeResult>("mfa/challenge", { body: secondFactorBody(input) });
export const disableMfa = (input: SecondFactor) =>
  invokeFunction<{ disabled: true; method: string }>("mfa/disable", { body: secondFactorBody(input) });
export const regenerateRecoveryCodes = (code: string) =>
  invokeFunction<{ recovery_codes: string[] }>("mfa/recovery-codes", { body: { code: code.replace(/\s/g, "") } });

/**
 * After the session became trusted (activation, a passed challenge) every other cached answer
 * was computed for an untrusted session (RLS gave nothing): drop them so pages load afresh,
 * and refetch the security state in place (pages showing it stay mounted).
 */
export async function refreshAfterTrustChange(queryClient: QueryClient): Promise<void> {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== securityKeys.all[0] });
  await queryClient.invalidateQueries({ queryKey: securityKeys.all });
}

/** Security answers changed (factor off, codes replaced): refetch them. */
function useInvalidateSecurity() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: securityKeys.all });
}

export function useEnrollMfaMutation() {
  return useMutation({ mutationFn: enrollMfa });
}

export function useActivateMfaMutation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: activateMfa, onSuccess: () => refreshAfterTrustChange(queryClient) });
}

export function useChallengeMfaMutation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: challengeMfa, onSuccess: () => refreshAfterTrustChange(queryClient) });
}

/**
 * `onDisabled` runs before the refetch: the dialog that asked lives inside the "2FA is on"
 * view, which the refetched state replaces (and unmounts).
 */
export function useDisableMfaMutation(onDisabled?: () => void) {
  const invalidate = useInvalidateSecurity();
  return useMutation({
    mutationFn: disableMfa,
    onSuccess: () => {
      onDisabled?.();
      return invalidate();
    },
  });
}

export function useRegenerateRecoveryCodesMutation() {
  const invalidate = useInvalidateSecurity();
  return useMutation({ mutationFn: regenerateRecoveryCodes, onSuccess: invalidate });
}
