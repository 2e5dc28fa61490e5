import { describe, expect, test } from "vitest";
import { compactKey, keyGroups } from "./manual-key.ts";

describe("keyGroups", () => {
  test.each([
    { name: "already grouped", key: "F5QA SILC CNLD UV2R", expected: ["F5QA", "SILC", "CNLD", "UV2R"] },
    { name: "compact", key: "f5qasilccn", expected: ["F5QA", "SILC", "CN"] },
    { name: "empty", key: "", expected: [] },
  ])("$name", ({ key, expected }) => {
    expect(keyGroups(key)).toEqual(expected);
  });
});

describe("compactKey", () => {
  test.each([{ name: "spaces and case", key: " f5qa SILC\tcnld ", expected: "F5QASILCCNLD" }])("$name", ({ key, expected }) => {
    expect(compactKey(key)).toBe(expected);
  });
});
