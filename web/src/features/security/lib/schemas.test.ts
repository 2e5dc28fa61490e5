import { describe, expect, test } from "vitest";
import { deleteAccountSchema, SecondFactorSchema, secondFactorBody, TotpCodeSchema } from "./schemas.ts";

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : (result.error?.issues ?? []).map((issue) => `${issue.path.join(".")}:${issue.message}`);

describe("TotpCodeSchema", () => {
  test.each([
    { name: "six digits", code: "123456", expected: [] },
    { name: "as apps group them", code: "123 456", expected: [] },
    { name: "empty", code: "  ", expected: ["code:codeRequired"] },
    { name: "five digits", code: "12345", expected: ["code:codeFormat"] },
    { name: "letters", code: "12345a", expected: ["code:codeFormat"] },
  ])("$name", ({ code, expected }) => {
    expect(issues(TotpCodeSchema.safeParse({ code }))).toEqual(expected);
  });
});

describe("SecondFactorSchema", () => {
  test.each([
    { name: "app code", value: { method: "totp", code: "123456", recoveryCode: "" }, expected: [] },
    { name: "recovery code", value: { method: "recovery", code: "", recoveryCode: "wy1r2-n8w30" }, expected: [] },
    {
      name: "recovery code without hyphen, upper case",
      value: { method: "recovery", code: "x", recoveryCode: "WY1R2N8W30" },
      expected: [],
    },
    {
      name: "missing app code",
      value: { method: "totp", code: "", recoveryCode: "wy1r2-n8w30" },
      expected: ["code:codeRequired"],
    },
    {
      name: "missing recovery code",
      value: { method: "recovery", code: "123456", recoveryCode: "" },
      expected: ["recoveryCode:recoveryCodeRequired"],
    },
    {
      name: "short recovery code",
      value: { method: "recovery", code: "", recoveryCode: "wy1r2" },
      expected: ["recoveryCode:recoveryCodeFormat"],
    },
  ])("$name", ({ value, expected }) => {
    expect(issues(SecondFactorSchema.safeParse(value))).toEqual(expected);
  });
});

describe("secondFactorBody", () => {
  test.each([
    {
      name: "app code without spaces",
      value: { method: "totp", code: "123 456", recoveryCode: "ignored" },
      expected: { code: "123456" },
    },
    {
      name: "recovery code trimmed",
      value: { method: "recovery", code: "1", recoveryCode: " wy1r2-n8w30 " },
      expected: { recovery_code: "wy1r2-n8w30" },
    },
  ] as const)("$name", ({ value, expected }) => {
    expect(secondFactorBody(value)).toEqual(expected);
  });
});

describe("deleteAccountSchema", () => {
  const base = { password: "secret", acknowledged: true, method: "totp", code: "", recoveryCode: "" } as const;
  test.each([
    { name: "password is enough without 2FA", requiresCode: false, value: base, expected: [] },
    { name: "2FA needs the code", requiresCode: true, value: base, expected: ["code:codeRequired"] },
    { name: "with the code", requiresCode: true, value: { ...base, code: "654321" }, expected: [] },
    { name: "password missing", requiresCode: false, value: { ...base, password: "" }, expected: ["password:passwordRequired"] },
    {
      name: "not acknowledged",
      requiresCode: false,
      value: { ...base, acknowledged: false },
      expected: ["acknowledged:acknowledgeRequired"],
    },
  ])("$name", ({ requiresCode, value, expected }) => {
    expect(issues(deleteAccountSchema(requiresCode).safeParse(value))).toEqual(expected);
  });
});
