import type { Caller } from "../_shared/caller.ts";
import { errorResponse, HttpError, methodNotAllowed, toErrorResponse } from "../_shared/errors.ts";
import { json, preflight } from "../_shared/http.ts";
import { checkSecondFactor } from "../_shared/second-factor/check.ts";
import { type CodeInput, parseCodeInput, readJsonObject } from "../_shared/second-factor/input.ts";
import { attemptRefusal, attemptsLeft, minutes } from "../_shared/second-factor/refusal.ts";
import type { AttemptTx, TotpEngine } from "../_shared/second-factor/types.ts";
import type { AccountStore, AttemptOutcome, DeletionCheck, DeletionTx, RequestContext } from "./types.ts";

/** Everything the account function touches, injected so the handler runs under vitest with fakes. */
export type AccountDeps = {
  /** The signed-in caller behind an Authorization header, or null (see _shared/caller.ts). */
  authenticate(authorization: string | null): Promise<Caller | null>;
  store: AccountStore;
  totp: Pick<TotpEngine, "matchStep">;
  now(): Date;
};

/** What a deletion request carries: the password, and the second factor when 2FA is on. */
export type DeletionInput = { password: string; secondFactor: CodeInput | null };

/** Request headers the audit log records (never credentials). */
const AUDITED_HEADERS = ["user-agent", "x-forwarded-for", "x-real-ip"] as const;

const MAX_PASSWORD_BYTES = 72;

/**
 * Reads `{password, code?}` or `{password, recovery_code?}`. A malformed value is an input
 * error (422), not a counted attempt.
 */
export function parseDeletionInput(body: Record<string, unknown>): DeletionInput {
  const { password } = body;
  if (password === undefined || password === null || password === "") {
    throw new HttpError(422, "INVALID_INPUT", "password: required (your current password confirms the deletion)");
  }
  if (typeof password !== "string") throw new HttpError(422, "INVALID_INPUT", "password: must be text");
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES) {
    throw new HttpError(422, "INVALID_INPUT", `password: at most ${MAX_PASSWORD_BYTES} bytes`);
  }
  const hasFactor = (body.code ?? null) !== null || (body.recovery_code ?? null) !== null;
  return { password, secondFactor: hasFactor ? parseCodeInput(body, { allowRecovery: true }) : null };
}

/** The answer to a password check the database refused. */
function checkRefusal(check: Exclude<DeletionCheck, { result: "ready" }>): Response {
  switch (check.result) {
    case "invalid_password":
      if (check.retry_after_seconds !== null) {
        return errorResponse(
          422,
          "INVALID_PASSWORD",
          `The password is wrong. Too many wrong passwords: try again in ${minutes(check.retry_after_seconds)} minutes.`,
          { headers: { "Retry-After": String(check.retry_after_seconds) } },
        );
      }
      return errorResponse(
        422,
        "INVALID_PASSWORD",
        `The password is wrong. ${attemptsLeft(check.attempts_left)} left before a 15-minute lockout.`,
      );
    case "locked":
      return errorResponse(
        429,
        "TOO_MANY_ATTEMPTS",
        `Too many wrong passwords: try again in ${minutes(check.retry_after_seconds)} minutes.`,
        { headers: { "Retry-After": String(check.retry_after_seconds) } },
      );
    case "no_password":
      return errorResponse(
        409,
        "PASSWORD_NOT_SET",
        "Your account has no password (you sign in with a provider such as Google): set a password first, then confirm the deletion with it.",
      );
    case "blocked":
      return errorResponse(409, check.rule === "super_admin" ? "SUPER_ADMIN" : "LAST_ADMIN", check.message);
    case "no_user":
      return errorResponse(401, "UNAUTHORIZED", "This account no longer exists.");
  }
}

/** The answer to a second factor the database refused (same codes as the `mfa` function, "2FA code" wording). */
function factorRefusal(outcome: Exclude<AttemptOutcome, { result: "ok" }>): Response {
  switch (outcome.result) {
    case "locked":
    case "invalid":
      return attemptRefusal(outcome, "2FA code");
    case "no_session":
      return errorResponse(401, "SESSION_REQUIRED", "This token belongs to no live session; sign in again.");
    default:
      // The factor changed between the password check and the code (disabled meanwhile).
      return errorResponse(409, "MFA_CHANGED", "Your 2FA setup changed during the request; try again.");
  }
}

/**
 * The `account` edge function: self-service account deletion (POST /account/delete or
 * DELETE /account), confirmed by the password and, when 2FA is active, a current code
 * or a recovery code. The database decides everything else (lockouts, blockers, what is
 * deleted): see docs/account-deletion.md.
 */
export function createHandler(deps: AccountDeps): (req: Request) => Promise<Response> {
  /** Password, then second factor, then the deletion, all in one transaction. */
  const deleteAccount = (ctx: RequestContext, input: DeletionInput) =>
    deps.store.deletion(ctx, async (tx: DeletionTx) => {
      const check = await tx.check(input.password);
      if (check.result !== "ready") return checkRefusal(check);
      if (check.mfa_required) {
        const factor = input.secondFactor;
        if (!factor) {
          return errorResponse(
            403,
            "MFA_CODE_REQUIRED",
            "2FA code required: enter the code from your authenticator app (or a recovery code) to delete your account.",
          );
        }
        // The deletion transaction's attempt pair, always for purpose "confirm".
        const attempt: AttemptTx = {
          context: () => tx.mfaContext(),
          complete: ({ method, totpStep, recoveryCode }) => tx.mfaComplete({ method, totpStep, recoveryCode }),
        };
        const outcome = await checkSecondFactor(attempt, "confirm", factor, deps.totp, deps.now());
        if (outcome.result !== "ok") return factorRefusal(outcome);
      }
      return json(await tx.deleteAccount(), { status: 200, headers: { "Cache-Control": "no-store" } });
    });

  return async (req) => {
    try {
      const pre = preflight(req);
      if (pre) return pre;
      const segments = new URL(req.url).pathname.split("/").filter(Boolean);
      const action = (segments[0] === "account" ? segments.slice(1) : segments).join("/");
      const allowed = action === "delete" ? ["POST"] : action === "" ? ["DELETE"] : null;
      if (!allowed) {
        return errorResponse(404, "NOT_FOUND", `No such account action "${action}"; use POST /account/delete or DELETE /account`);
      }
      if (!allowed.includes(req.method)) return methodNotAllowed(allowed);

      const caller = await deps.authenticate(req.headers.get("authorization"));
      if (!caller)
        return errorResponse(401, "UNAUTHORIZED", "Sign in first: deleting an account needs its owner's session token.");
      const input = parseDeletionInput(await readJsonObject(req));
      const headers: Record<string, string> = {};
      for (const name of AUDITED_HEADERS) {
        const value = req.headers.get(name);
        if (value) headers[name] = value;
      }
      const ctx: RequestContext = { userId: caller.userId, sessionId: caller.sessionId, claims: caller.claims, headers };
      return await deleteAccount(ctx, input);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
