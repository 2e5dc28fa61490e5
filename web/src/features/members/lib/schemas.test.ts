import { describe, expect, test } from "vitest";
import { firstInvalidEmail, InviteSchema, RoleFormSchema, splitEmails } from "./schemas.ts";

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

describe("invite form", () => {
  test("addresses split on commas, semicolons, spaces and lines, lowercased, once each", () => {
    expect(splitEmails(" Ann@Example.com, bob@example.com;\nann@example.com  carl@example.com ")).toEqual([
      "ann@example.com",
      "bob@example.com",
      "carl@example.com",
    ]);
  });

  test.each([
    { name: "valid", input: { emails: "a@example.com", roleIds: ["r"] }, message: undefined },
    { name: "no address", input: { emails: " ", roleIds: ["r"] }, message: "invite.validation.emailsRequired" },
    {
      name: "not an address",
      input: { emails: "a@example.com nope", roleIds: ["r"] },
      message: "invite.validation.emailInvalid",
    },
    {
      name: "too many",
      input: { emails: Array.from({ length: 21 }, (_, i) => `p${i}@example.com`).join(","), roleIds: ["r"] },
      message: "invite.validation.tooMany",
    },
    { name: "no role", input: { emails: "a@example.com", roleIds: [] }, message: "invite.validation.rolesRequired" },
  ])("$name", ({ input, message }) => {
    expect(firstMessage(InviteSchema.safeParse(input))).toBe(message);
  });

  test("the message names the first address that is not one", () => {
    expect(firstInvalidEmail(["a@example.com", "nope", "b@"])).toBe("nope");
  });
});

describe("role form", () => {
  test.each([
    { name: "valid", input: { name: " Driver ", description: "", capabilities: [] }, message: undefined },
    { name: "blank name", input: { name: "  ", description: "", capabilities: [] }, message: "roleForm.validation.nameRequired" },
    {
      name: "long name",
      input: { name: "x".repeat(61), description: "", capabilities: [] },
      message: "roleForm.validation.nameMax",
    },
    {
      name: "long description",
      input: { name: "Driver", description: "x".repeat(501), capabilities: [] },
      message: "roleForm.validation.descriptionMax",
    },
  ])("$name", ({ input, message }) => {
    expect(firstMessage(RoleFormSchema.safeParse(input))).toBe(message);
  });
});
