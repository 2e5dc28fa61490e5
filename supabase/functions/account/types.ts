/**
 * The contract between the `account` handler and its dependencies. The SQL functions in
 * supabase/migrations/20261121105200_create_account_deletion.sql (and the 2FA attempt pair
 * of 20261121102200_create_mfa_functions.sql) answer these shapes.
 */
import type { AttemptContext, AttemptMethod, AttemptOutcome, RequestContext } from "../_shared/second-factor/types.ts";

export type { AttemptContext, AttemptOutcome, RequestContext };

/** `private.check_account_deletion`: the password check and the plan's blockers. */
export type DeletionCheck =
  | { result: "ready"; mfa_required: boolean }
  | {
      result: "invalid_password";
      attempts_left: number;
      locked_until: string | null;
      retry_after_seconds: number | null;
    }
  | { result: "locked"; locked_until: string; retry_after_seconds: number }
  | { result: "no_password" }
  | { result: "no_user" }
  | { result: "blocked"; rule: "last_admin" | "super_admin"; message: string; blockers: unknown[] };

export type DeletedTenant = { id: string; name: string; slug: string; rows: Record<string, number>; total_rows: number };

/** `private.delete_user_account`: what was deleted, kept and reassigned. */
export type DeletionSummary = {
  deleted: true;
  user_id: string;
  via: "self" | "admin";
  tenants_deleted: DeletedTenant[];
  tenants_kept: { id: string; name: string; slug: string; member_count: number }[];
  personal_rows: Record<string, number>;
  reassigned_rows: Record<string, number>;
  leftover_rows: Record<string, number>;
  audit_entries_anonymized: number;
};

export type SecondFactor = { method: AttemptMethod; totpStep: number | null; recoveryCode: string | null };

/** One transaction: everything recorded before a refusal commits; the deletion commits with it. */
export type DeletionTx = {
  check(password: string): Promise<DeletionCheck>;
  /** `private.mfa_attempt_context(user, 'confirm')`: the TOTP secret, unless locked out. */
  mfaContext(): Promise<AttemptContext>;
  /** `private.mfa_complete_attempt(...)`: records the attempt (lockout, replay) and its outcome. */
  mfaComplete(input: SecondFactor): Promise<AttemptOutcome>;
  deleteAccount(): Promise<DeletionSummary>;
};

export type AccountStore = {
  deletion<T>(ctx: RequestContext, run: (tx: DeletionTx) => Promise<T>): Promise<T>;
};
