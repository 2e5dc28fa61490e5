import { expect, test } from "vitest";
import { homePath } from "./last-tenant.ts";

test.each([
  { name: "no workspace yet", slugs: [], last: null, expected: "/tenants/new" },
  { name: "last one still a member", slugs: ["a", "b"], last: "b", expected: "/t/b" },
  { name: "last one gone", slugs: ["a", "b"], last: "c", expected: "/t/a" },
  { name: "nothing remembered", slugs: ["a"], last: null, expected: "/t/a" },
])("$name", ({ slugs, last, expected }) => {
  expect(homePath(slugs, last)).toBe(expected);
});
