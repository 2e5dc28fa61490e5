/** How hook outputs are decoded: Go's encoding/json rules as GoTrue applies them, in tables. */
import { describe, expect, test } from "vitest";
import { ApiError } from "../../src/auth/errors.ts";
import { hookError, passwordVerificationOutput } from "../../src/auth/hook.ts";

describe("hookError (GoTrue's hookserrors.Check)", () => {
  test.each([
    { name: "code and message", output: { error: { http_code: 403, message: "No" } }, status: 403, message: "No" },
    { name: "no code is a 500", output: { error: { message: "Broken" } }, status: 500, message: "Broken" },
    { name: "code 0 is a 500", output: { error: { http_code: 0, message: "Zero" } }, status: 500, message: "Zero" },
    {
      name: "keys match case-insensitively",
      output: { Error: { HTTP_Code: 429, Message: "Slow" } },
      status: 429,
      message: "Slow",
    },
  ])("$name", ({ output, status, message }) => {
    const err = hookError(output);
    expect(err).toBeInstanceOf(ApiError);
    expect(err?.status).toBe(status);
    expect(err?.message).toBe(message);
    expect(err?.errorCode).toBeUndefined();
  });

  test.each([
    { name: "no error member", output: { decision: "continue" } },
    { name: "null error", output: { error: null } },
    { name: "empty message", output: { error: { http_code: 400, message: "" } } },
    { name: "error is a string (Go fails to decode, so no error)", output: { error: "nope" } },
    { name: "fractional code", output: { error: { http_code: 403.5, message: "x" } } },
    { name: "code as a string", output: { error: { http_code: "403", message: "x" } } },
    { name: "message not a string", output: { error: { message: 7 } } },
    { name: "an array", output: [{ error: { message: "x" } }] },
    { name: "null", output: null },
  ])("$name is not an error", ({ output }) => {
    expect(hookError(output)).toBeNull();
  });
});

describe("passwordVerificationOutput (json.Unmarshal into PasswordVerificationAttemptOutput)", () => {
  test.each([
    { name: "null output", output: null, decision: "", message: "", logout: false },
    { name: "empty object", output: {}, decision: "", message: "", logout: false },
    { name: "continue", output: { decision: "continue" }, decision: "continue", message: "", logout: false },
    {
      name: "reject with everything",
      output: { decision: "reject", message: "Locked", should_logout_user: true },
      decision: "reject",
      message: "Locked",
      logout: true,
    },
    {
      name: "null members are ignored",
      output: { decision: null, message: null, should_logout_user: null },
      decision: "",
      message: "",
      logout: false,
    },
    {
      name: "keys match case-insensitively",
      output: { Decision: "reject", SHOULD_LOGOUT_USER: true },
      decision: "reject",
      message: "",
      logout: true,
    },
    {
      name: "the last matching key wins",
      output: { DECISION: "continue", decision: "reject" },
      decision: "reject",
      message: "",
      logout: false,
    },
    {
      name: "unknown members are ignored",
      output: { decision: "reject", extra: [1] },
      decision: "reject",
      message: "",
      logout: false,
    },
    { name: "the decision is case-sensitive", output: { decision: "REJECT" }, decision: "REJECT", message: "", logout: false },
  ])("$name", ({ output, decision, message, logout }) => {
    expect(passwordVerificationOutput(output)).toEqual({ decision, message, shouldLogoutUser: logout });
  });

  test.each([
    { name: "an array", output: [] },
    { name: "a string", output: "reject" },
    { name: "a number", output: 1 },
    { name: "a boolean", output: true },
    { name: "decision not a string", output: { decision: 1 } },
    { name: "message not a string", output: { decision: "reject", message: { text: "x" } } },
    { name: "should_logout_user as a string", output: { decision: "reject", should_logout_user: "true" } },
    { name: "a wrongly typed key even when a later one fits", output: { Decision: 1, decision: "reject" } },
  ])("$name fails like Go's decoding", ({ output }) => {
    expect(() => passwordVerificationOutput(output)).toThrow("Error unmarshaling JSON output.");
  });
});
