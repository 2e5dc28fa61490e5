import { describe, expect, test } from "vitest";
import { neighbourPages, objectKey, objectKeyLabel, objectTitle, pageRange } from "./paging.ts";

describe("pageRange", () => {
  test.each([
    { name: "first page", offset: 0, shown: 25, total: 103, range: { from: 1, to: 25, total: 103 } },
    { name: "last, short page", offset: 100, shown: 3, total: 103, range: { from: 101, to: 103, total: 103 } },
    { name: "empty", offset: 0, shown: 0, total: 0, range: { from: 0, to: 0, total: 0 } },
  ])("$name", ({ offset, shown, total, range }) => {
    expect(pageRange(offset, shown, total)).toEqual(range);
  });
});

describe("neighbourPages", () => {
  test.each([
    { name: "first of several", offset: 0, total: 60, pages: { previous: null, next: 25 } },
    { name: "middle", offset: 25, total: 60, pages: { previous: 0, next: 50 } },
    { name: "last", offset: 50, total: 60, pages: { previous: 25, next: null } },
    { name: "exactly one page", offset: 0, total: 25, pages: { previous: null, next: null } },
    { name: "an offset past the end goes back", offset: 10, total: 5, pages: { previous: 0, next: null } },
  ])("$name", ({ offset, total, pages }) => {
    expect(neighbourPages(offset, 25, total)).toEqual(pages);
  });
});

describe("object rows", () => {
  test.each([
    { name: "one id column", row: { id: "a", name: "x" }, key: ["id"], result: { id: "a" } },
    { name: "a membership by user", row: { user_id: "u", tenant_id: "t" }, key: ["user_id"], result: { user_id: "u" } },
    {
      name: "two columns",
      row: { user_id: "u", role_id: "r" },
      key: ["user_id", "role_id"],
      result: { user_id: "u", role_id: "r" },
    },
    { name: "a missing key value", row: { name: "x" }, key: ["id"], result: null },
    { name: "no key columns", row: { id: "a" }, key: [], result: null },
  ])("$name", ({ row, key, result }) => {
    expect(objectKey(row, key)).toEqual(result);
  });

  test("labels and titles", () => {
    expect(objectKeyLabel({ user_id: "u", role_id: "r" }, ["user_id", "role_id"])).toBe("u / r");
    expect(objectTitle({ id: "1", key: "admin", name: "Admin" })).toBe("Admin");
    expect(objectTitle({ id: "1", data: {} })).toBeNull();
  });
});
