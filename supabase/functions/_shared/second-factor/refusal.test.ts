import { describe, expect, test } from "vitest";
import { type AttemptRefused, attemptRefusal, attemptsLeft, minutes } from "./refusal.ts";

const answer = async (res: Response) => ({
  status: res.status,
  retryAfter: res.headers.get("Retry-After"),
  error: ((await res.json()) as { error: { code: string; message: string } }).error,
});

describe("attemptRefusal", () => {
  const locked: AttemptRefused = { result: "locked", locked_until: "2030-01-01T00:11:00Z", retry_after_seconds: 601 };
  const invalid = (reason: "wrong_code" | "code_already_used" | "wrong_recovery_code", attempts: number): AttemptRefused => ({
    result: "invalid",
    reason,
    attempts_left: attempts,
    locked_until: null,
    retry_after_seconds: null,
  });

  test.each([
    { noun: "code", message: "Too many wrong codes: try again in 11 minutes." },
    { noun: "2FA code", message: "Too many wrong 2FA codes: try again in 11 minutes." },
  ] as const)(
    "a lockout is 429 TOO_MANY_ATTEMPTS with Retry-After, in the caller's wording ($noun)",
    async ({ noun, message }) => {
      expect(await answer(attemptRefusal(locked, noun))).toEqual({
        status: 429,
        retryAfter: "601",
        error: { code: "TOO_MANY_ATTEMPTS", message },
      });
    },
  );

  test.each([
    { noun: "code", reason: "wrong_code", code: "INVALID_CODE", message: "The code is wrong or has expired." },
    { noun: "2FA code", reason: "wrong_code", code: "INVALID_CODE", message: "The 2FA code is wrong or has expired." },
    {
      noun: "code",
      reason: "code_already_used",
      code: "CODE_ALREADY_USED",
      message: "This code was already used; wait for the next one.",
    },
    {
      noun: "2FA code",
      reason: "code_already_used",
      code: "CODE_ALREADY_USED",
      message: "This 2FA code was already used; wait for the next one.",
    },
    {
      noun: "2FA code",
      reason: "wrong_recovery_code",
      code: "INVALID_RECOVERY_CODE",
      message: "The recovery code is wrong or was already used.",
    },
  ] as const)("$reason in the $noun wording is 422 $code with the attempts left", async ({ noun, reason, code, message }) => {
    expect(await answer(attemptRefusal(invalid(reason, 2), noun))).toEqual({
      status: 422,
      retryAfter: null,
      error: { code, message: `${message} 2 attempts left before a 15-minute lockout.` },
    });
  });

  test("the failure that causes a lockout says so and carries Retry-After", async () => {
    const outcome: AttemptRefused = { ...invalid("wrong_code", 0), retry_after_seconds: 900 };
    expect(await answer(attemptRefusal(outcome, "2FA code"))).toEqual({
      status: 422,
      retryAfter: "900",
      error: {
        code: "INVALID_CODE",
        message: "The 2FA code is wrong or has expired. Too many wrong codes: try again in 15 minutes.",
      },
    });
  });
});

describe("wording helpers", () => {
  test("minutes rounds up and never says 0", () => {
    expect([minutes(0), minutes(1), minutes(60), minutes(61), minutes(900)]).toEqual([1, 1, 1, 2, 15]);
  });

  test("attemptsLeft is singular for one", () => {
    expect([attemptsLeft(1), attemptsLeft(0), attemptsLeft(4)]).toEqual(["1 attempt", "0 attempts", "4 attempts"]);
  });
});
