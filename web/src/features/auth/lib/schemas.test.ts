import { describe, expect, test } from "vitest";
import { ResetPasswordSchema, SignInSchema, SignUpSchema } from "./schemas.ts";

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

describe("form schemas", () => {
  test.each([
    { name: "valid", input: { email: " ada@example.com ", password: "x" }, message: undefined },
    { name: "empty email", input: { email: "  ", password: "x" }, message: "validation.emailRequired" },
    { name: "malformed email", input: { email: "ada@", password: "x" }, message: "validation.emailInvalid" },
    { name: "empty password", input: { email: "ada@example.com", password: "" }, message: "validation.passwordRequired" },
  ])("sign in: $name", ({ input, message }) => {
    expect(firstMessage(SignInSchema.safeParse(input))).toBe(message);
  });

  test.each([
    { name: "8 characters", password: "12345678", message: undefined },
    { name: "7 characters", password: "1234567", message: "validation.passwordMin" },
    { name: "73 characters", password: "x".repeat(73), message: "validation.passwordMax" },
  ])("sign up: $name", ({ password, message }) => {
    expect(firstMessage(SignUpSchema.safeParse({ email: "ada@example.com", password }))).toBe(message);
  });

  test("sign in trims the email", () => {
    expect(SignInSchema.parse({ email: " ada@example.com ", password: "x" }).email).toBe("ada@example.com");
  });

  test.each([
    { name: "matching", confirm: "longenough", message: undefined },
    { name: "different", confirm: "longenougH", message: "validation.passwordsMismatch" },
  ])("reset: $name", ({ confirm, message }) => {
    expect(firstMessage(ResetPasswordSchema.safeParse({ password: "longenough", confirm }))).toBe(message);
  });
});
