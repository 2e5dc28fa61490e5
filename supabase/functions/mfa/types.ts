/**
 * The contract between the `mfa` handler and its dependencies. The SQL functions in
 * supabase/migrations/20261121102200_create_mfa_functions.sql answer these shapes; the
 * second-factor attempt types are shared with other functions (../_shared/second-factor/).
 */
import type { AttemptTx, RequestContext } from "../_shared/second-factor/types.ts";

export type {
  AttemptContext,
  AttemptMethod,
  AttemptOutcome,
  AttemptPurpose,
  AttemptTx,
  CompleteInput,
  FactorProblem,
  Locked,
  RequestContext,
  TotpEngine,
} from "../_shared/second-factor/types.ts";

export type EnrollOutcome = { result: "ok"; replaced: boolean; enrolled_at: string } | { result: "already_active" };

export type MfaPolicy = {
  state: "ok" | "prompt" | "enroll_required" | "challenge_required";
  deadline: string | null;
  factor: "none" | "pending" | "active";
  session_verified: boolean;
  grace_days: number;
};

/** `private.mfa_status`: everything about the caller's 2FA except secrets. */
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
  policy: MfaPolicy;
};

/** The database side of 2FA (see store.ts for the SQL implementation). */
export type MfaStore = {
  enroll(ctx: RequestContext, secret: string): Promise<EnrollOutcome>;
  status(ctx: RequestContext): Promise<MfaStatus>;
  /** Runs `run` in one transaction; everything it records commits together. */
  attempt<T>(ctx: RequestContext, run: (tx: AttemptTx) => Promise<T>): Promise<T>;
};
