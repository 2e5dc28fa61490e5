import { errorResponse } from "../errors.ts";
import type { AttemptOutcome } from "./types.ts";

/**
 * How a function names the codes it asks for in its answers: the `mfa` function says
 * "code" (2FA is its whole subject), `account` says "2FA code" (next to the password).
 */
export type CodeNoun = "code" | "2FA code";

/** A wait in whole minutes, at least 1 (a Retry-After of 30 seconds reads "1 minutes"). */
export const minutes = (seconds: number): number => Math.max(1, Math.ceil(seconds / 60));

/** "1 attempt" / "N attempts", for "... left before a 15-minute lockout." */
export const attemptsLeft = (n: number): string => (n === 1 ? "1 attempt" : `${n} attempts`);

/** The stable code and message of each reason `private.mfa_complete_attempt` refuses a code. */
export const INVALID_CODES = {
  wrong_code: { code: "INVALID_CODE", message: (noun: CodeNoun) => `The ${noun} is wrong or has expired.` },
  code_already_used: {
    code: "CODE_ALREADY_USED",
    message: (noun: CodeNoun) => `This ${noun} was already used; wait for the next one.`,
  },
  wrong_recovery_code: {
    code: "INVALID_RECOVERY_CODE",
    message: (_noun: CodeNoun) => "The recovery code is wrong or was already used.",
  },
} as const;

/** The outcomes every caller answers the same way: a lockout, or a code the database refused. */
export type AttemptRefused = Extract<AttemptOutcome, { result: "locked" | "invalid" }>;

/**
 * The HTTP answer to a locked-out or refused attempt: 429 TOO_MANY_ATTEMPTS with
 * Retry-After, or 422 with the reason's code, and either the lockout it just caused
 * (with Retry-After) or the attempts left. Other outcomes (factor problems, no session)
 * depend on the caller's context, so each function answers those itself.
 */
export function attemptRefusal(outcome: AttemptRefused, noun: CodeNoun): Response {
  if (outcome.result === "locked") {
    return errorResponse(
      429,
      "TOO_MANY_ATTEMPTS",
      `Too many wrong ${noun}s: try again in ${minutes(outcome.retry_after_seconds)} minutes.`,
      { headers: { "Retry-After": String(outcome.retry_after_seconds) } },
    );
  }
  const { code, message } = INVALID_CODES[outcome.reason];
  if (outcome.retry_after_seconds !== null) {
    return errorResponse(
      422,
      code,
      `${message(noun)} Too many wrong codes: try again in ${minutes(outcome.retry_after_seconds)} minutes.`,
      { headers: { "Retry-After": String(outcome.retry_after_seconds) } },
    );
  }
  return errorResponse(422, code, `${message(noun)} ${attemptsLeft(outcome.attempts_left)} left before a 15-minute lockout.`);
}
