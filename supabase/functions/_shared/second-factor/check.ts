import type { CodeInput } from "./input.ts";
import type { AttemptOutcome, AttemptPurpose, AttemptTx, TotpEngine } from "./types.ts";

/**
 * Checks one submitted second factor inside an attempt transaction and records the
 * outcome: the database hands out the secret (unless the user is locked out), otplib finds
 * the matching time step, the database decides (lockout, replay, recovery code) and audits.
 * Used by the `mfa` function for every purpose and by `account` for the "confirm" step-up
 * of a deletion: `store.attempt(ctx, (tx) => checkSecondFactor(tx, "confirm", input, totp, now))`;
 * answer a refused outcome with `attemptRefusal` (./refusal.ts).
 */
export async function checkSecondFactor(
  tx: AttemptTx,
  purpose: AttemptPurpose,
  input: CodeInput,
  totp: Pick<TotpEngine, "matchStep">,
  now: Date,
): Promise<AttemptOutcome> {
  let totpStep: number | null = null;
  if (input.method === "totp") {
    const context = await tx.context(purpose);
    if (context.result === "ready") totpStep = totp.matchStep(context.secret, input.code, now);
    else if (context.result !== "locked") return context;
    // Locked: complete() records the refused attempt without any code being checked.
  }
  return tx.complete({
    purpose,
    method: input.method,
    totpStep,
    recoveryCode: input.method === "recovery" ? input.recoveryCode : null,
  });
}
