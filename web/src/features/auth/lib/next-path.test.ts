import { describe, expect, test } from "vitest";
import { appUrl, callbackUrl, safeNextPath, signInPathFor } from "./next-path.ts";

describe("safeNextPath", () => {
  test.each([
    { name: "plain path", next: "/settings", expected: "/settings" },
    { name: "path with query", next: "/?tab=2", expected: "/?tab=2" },
    { name: "missing", next: null, expected: "/" },
    { name: "empty", next: "", expected: "/" },
    { name: "absolute URL", next: "https://evil.example/", expected: "/" },
    { name: "protocol-relative", next: "//evil.example", expected: "/" },
    { name: "backslash trick", next: "/\\evil.example", expected: "/" },
    { name: "relative path", next: "settings", expected: "/" },
    { name: "javascript scheme", next: "javascript:alert(1)", expected: "/" },
    { name: "control character", next: "/\u0009/evil.example", expected: "/" },
  ])("$name", ({ next, expected }) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});

describe("signInPathFor", () => {
  test.each([
    { name: "start page needs no next", path: "/", expected: "/sign-in" },
    { name: "deep link is kept", path: "/a?b=1", expected: "/sign-in?next=%2Fa%3Fb%3D1" },
    { name: "unsafe path is dropped", path: "//evil", expected: "/sign-in" },
  ])("$name", ({ path, expected }) => {
    expect(signInPathFor(path)).toBe(expected);
  });
});

test("appUrl stays on the given origin", () => {
  expect(appUrl("/auth/callback?next=%2Fx", "http://127.0.0.1:5173")).toBe("http://127.0.0.1:5173/auth/callback?next=%2Fx");
});

describe("callbackUrl", () => {
  const origin = "http://127.0.0.1:5173";
  test("continues to where the person was going after the link signs them in", () => {
    expect(callbackUrl("/invitations/accept?token=abc", origin)).toBe(
      "http://127.0.0.1:5173/auth/callback?next=%2Finvitations%2Faccept%3Ftoken%3Dabc",
    );
  });
  test("the start page needs no next, and an off-site next is dropped", () => {
    expect(callbackUrl("/", origin)).toBe("http://127.0.0.1:5173/auth/callback");
    expect(callbackUrl("//evil.example", origin)).toBe("http://127.0.0.1:5173/auth/callback");
  });
});
