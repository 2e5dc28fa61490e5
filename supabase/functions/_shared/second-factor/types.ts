/**
 * The second-factor contract shared by the `mfa` and `account` functions: the request
 * context, the attempt pair of supabase/migrations/20261121102200_create_mfa_functions.sql
 * (`private.mfa_attempt_context`, `private.mfa_complete_attempt`) and the TOTP engine.
 */

/** What the database needs to act for the caller (and to audit who and from where). */
export type RequestContext = {
  userId: string;
  sessionId: string | null;
  /** The caller's JWT claims, set as `request.jwt.claims` so `auth.uid()` names the actor. */
  claims: Record<string, unknown>;
  /** Request headers the audit log reads (user agent, forwarded client address). */
  headers: Record<string, string>;
};

/** `confirm` is a step-up check for another action (e.g. account deletion); it changes nothing itself. */
export type AttemptPurpose = "activate" | "challenge" | "disable" | "regenerate" | "confirm";
export type AttemptMethod = "totp" | "recovery";

/** A factor that does not fit the purpose (nothing is recorded). */
export type FactorProblem = "no_factor" | "already_active" | "not_active";

export type Locked = { result: "locked"; locked_until: string; retry_after_seconds: number };

/** `private.mfa_attempt_context`: what the TOTP check needs, or why it cannot run. */
export type AttemptContext =
  | { result: "ready"; secret: string; status: "pending" | "active" }
  | Locked
  | { result: FactorProblem };

/** `private.mfa_complete_attempt`: the recorded outcome of one attempt. */
export type AttemptOutcome =
  | {
      result: "ok";
      method: AttemptMethod;
      session_verified: boolean;
      recovery_codes: string[] | null;
      recovery_codes_left: number;
    }
  | {
      result: "invalid";
      reason: "wrong_code" | "code_already_used" | "wrong_recovery_code";
      attempts_left: number;
      locked_until: string | null;
      retry_after_seconds: number | null;
    }
  | Locked
  | { result: FactorProblem | "no_session" };

export type CompleteInput = {
  purpose: AttemptPurpose;
  method: AttemptMethod;
  /** The 30-second step the submitted code matched, or null when it matched none. */
  totpStep: number | null;
  recoveryCode: string | null;
};

/** One transaction holding the user's factor locked: context, then complete. */
export type AttemptTx = {
  context(purpose: AttemptPurpose): Promise<AttemptContext>;
  complete(input: CompleteInput): Promise<AttemptOutcome>;
};

/** TOTP as FlexOffice uses it: SHA-1, 6 digits, 30-second steps, one step of drift either way. */
export type TotpEngine = {
  /** A new random secret, base32 (32 characters, 160 bits). */
  generateSecret(): string;
  /** The otpauth:// URI authenticator apps import. */
  keyUri(account: string, issuer: string, secret: string): string;
  /** The time step (unix seconds / 30) whose code equals `code` within ±1 step of `at`, or null. */
  matchStep(secret: string, code: string, at: Date): number | null;
};
