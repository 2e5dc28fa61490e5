import { describe, expect, test } from "vitest";
import { attemptsLeftIn, functionErrorFrom, retryAfterSecondsOf } from "./function-error.ts";

describe("attemptsLeftIn", () => {
  test.each([
    { name: "several", message: "The code is wrong or has expired. 4 attempts left before a 15-minute lockout.", left: 4 },
    { name: "one", message: "The code is wrong or has expired. 1 attempt left before a 15-minute lockout.", left: 1 },
    { name: "lockout started", message: "The code is wrong. Too many wrong codes: try again in 15 minutes.", left: null },
    { name: "no count", message: "2FA code required", left: null },
  ])("$name", ({ message, left }) => {
    expect(attemptsLeftIn(message)).toBe(left);
  });
});

describe("retryAfterSecondsOf", () => {
  test.each([
    { name: "header wins", header: "840", message: "try again in 15 minutes", seconds: 840 },
    { name: "message when no header", header: null, message: "Too many wrong codes: try again in 15 minutes.", seconds: 900 },
    { name: "one minute", header: null, message: "try again in 1 minute", seconds: 60 },
    { name: "garbage header", header: "soon", message: "nothing", seconds: null },
    { name: "neither", header: null, message: "The code is wrong.", seconds: null },
  ])("$name", ({ header, message, seconds }) => {
    expect(retryAfterSecondsOf(header, message)).toBe(seconds);
  });
});

describe("functionErrorFrom", () => {
  test.each([
    {
      name: "wrong code with attempts left",
      status: 422,
      body: {
        error: { code: "INVALID_CODE", message: "The code is wrong or has expired. 2 attempts left before a 15-minute lockout." },
      },
      retryAfter: null,
      expected: { code: "INVALID_CODE", status: 422, attemptsLeft: 2, retryAfterSeconds: null },
    },
    {
      name: "lockout",
      status: 429,
      body: { error: { code: "TOO_MANY_ATTEMPTS", message: "Too many wrong codes: try again in 14 minutes." } },
      retryAfter: "820",
      expected: { code: "TOO_MANY_ATTEMPTS", status: 429, attemptsLeft: null, retryAfterSeconds: 820 },
    },
    {
      name: "body without the shared shape",
      status: 500,
      body: "Internal Server Error",
      retryAfter: null,
      expected: { code: "unknown", status: 500, attemptsLeft: null, retryAfterSeconds: null },
    },
    {
      name: "no body",
      status: 502,
      body: null,
      retryAfter: null,
      expected: { code: "unknown", status: 502, attemptsLeft: null, retryAfterSeconds: null },
    },
  ])("$name", ({ status, body, retryAfter, expected }) => {
    const error = functionErrorFrom(status, body, retryAfter);
    expect({
      code: error.code,
      status: error.status,
      attemptsLeft: error.attemptsLeft,
      retryAfterSeconds: error.retryAfterSeconds,
    }).toEqual(expected);
  });
});
