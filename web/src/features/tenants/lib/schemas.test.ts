import { expect, test } from "vitest";
import { CreateTenantSchema, SLUG_PATTERN } from "./schemas.ts";

test.each([
  { name: "letters and digits", slug: "acme42", ok: true },
  { name: "single hyphens", slug: "x-delivery-system", ok: true },
  { name: "too short", slug: "ab", ok: false },
  { name: "48 characters", slug: "a".repeat(48), ok: true },
  { name: "49 characters", slug: "a".repeat(49), ok: false },
  { name: "double hyphen", slug: "a--b", ok: false },
  { name: "leading hyphen", slug: "-abc", ok: false },
  { name: "trailing hyphen", slug: "abc-", ok: false },
  { name: "uppercase", slug: "Acme", ok: false },
])("slug $name", ({ slug, ok }) => {
  expect(SLUG_PATTERN.test(slug)).toBe(ok);
});

test("a blank name is refused with its message key", () => {
  const result = CreateTenantSchema.safeParse({ name: "  ", slug: "acme", timezone: "UTC", language: "en" });
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.message).toBe("nameRequired");
});
