import { describe, expect, test } from "vitest";
import { recoveryCodesFileName, recoveryCodesText } from "./recovery-codes.ts";

describe("recoveryCodesText", () => {
  test.each([
    {
      name: "intro, account and date, then one code per line",
      codes: ["wy1r2-n8w30", "t4cgk-20vny"],
      expected: "Keep these.\nada@example.test · 2026-11-21\n\nwy1r2-n8w30\nt4cgk-20vny\n",
    },
    { name: "no codes", codes: [], expected: "Keep these.\nada@example.test · 2026-11-21\n\n" },
  ])("$name", ({ codes, expected }) => {
    const text = recoveryCodesText({
      codes,
      account: "ada@example.test",
      createdAt: new Date("2026-11-21T22:00:00Z"),
      intro: "Keep these.",
    });
    expect(text).toBe(expected);
  });
});

describe("recoveryCodesFileName", () => {
  test.each([{ name: "dated", date: new Date("2026-01-02T03:04:05Z"), expected: "flexoffice-recovery-codes-2026-01-02.txt" }])(
    "$name",
    ({ date, expected }) => {
      expect(recoveryCodesFileName(date)).toBe(expected);
    },
  );
});
