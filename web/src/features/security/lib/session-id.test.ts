import { describe, expect, test } from "vitest";
import { sessionIdOf, tokenClaims } from "./session-id.ts";

const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const token = (claims: unknown) => `${encode({ alg: "HS256" })}.${encode(claims)}.signature`;

describe("sessionIdOf", () => {
  test.each([
    {
      name: "a token with a session",
      input: token({ sub: "u", session_id: "0b6f6a1e-1d5c-4c4e-9a53-0f8d8e0f2c11" }),
      expected: "0b6f6a1e-1d5c-4c4e-9a53-0f8d8e0f2c11",
    },
    { name: "url-safe characters in the payload", input: token({ session_id: "s", name: "??>>>~~~" }), expected: "s" },
    { name: "no session claim", input: token({ sub: "u" }), expected: null },
    { name: "empty session claim", input: token({ session_id: "" }), expected: null },
    { name: "not a token", input: "garbage", expected: null },
    { name: "undecodable payload", input: "a.%%%.c", expected: null },
    { name: "no token", input: null, expected: null },
  ])("$name", ({ input, expected }) => {
    expect(sessionIdOf(input)).toBe(expected);
  });
});

describe("tokenClaims", () => {
  test.each([
    { name: "the payload", input: token({ super_admin: true }), expected: { super_admin: true } },
    { name: "an array is no claims", input: token([1]), expected: null },
    { name: "nothing", input: undefined, expected: null },
  ])("$name", ({ input, expected }) => {
    expect(tokenClaims(input)).toEqual(expected);
  });
});
