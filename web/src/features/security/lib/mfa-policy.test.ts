import { describe, expect, test } from "vitest";
import { daysUntil, gateDecision, type MfaRequirement, parseMfaRequirement, setupPathFor } from "./mfa-policy.ts";

const requirement = (state: MfaRequirement["state"]): MfaRequirement => ({
  state,
  deadline: null,
  factor: state === "ok" || state === "challenge_required" ? "active" : "none",
  session_verified: state === "ok",
  grace_days: 30,
});

describe("gateDecision", () => {
  test.each([
    { name: "ok passes", state: "ok", path: "/t/acme", expected: "pass" },
    { name: "prompt shows the reminder", state: "prompt", path: "/t/acme", expected: "prompt" },
    { name: "no reminder on the setup wizard", state: "prompt", path: "/account/security/two-factor", expected: "pass" },
    { name: "challenge everywhere", state: "challenge_required", path: "/account", expected: "challenge" },
    {
      name: "challenge even on the security page",
      state: "challenge_required",
      path: "/account/security",
      expected: "challenge",
    },
    { name: "enroll screen on workspace pages", state: "enroll_required", path: "/t/acme/members", expected: "enroll" },
    { name: "enroll screen on the account page", state: "enroll_required", path: "/account", expected: "enroll" },
    { name: "security page stays open", state: "enroll_required", path: "/account/security", expected: "pass" },
    { name: "setup wizard stays open", state: "enroll_required", path: "/account/security/two-factor", expected: "pass" },
    { name: "account deletion stays open", state: "enroll_required", path: "/account/delete", expected: "pass" },
    { name: "a look-alike path is not open", state: "enroll_required", path: "/account/security-x", expected: "enroll" },
  ] as const)("$name", ({ state, path, expected }) => {
    expect(gateDecision(requirement(state), path)).toBe(expected);
  });
});

describe("daysUntil", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  test.each([
    { name: "no deadline", deadline: null, expected: null },
    { name: "thirty days", deadline: "2026-12-21T12:00:00Z", expected: 30 },
    { name: "part of a day counts as one", deadline: "2026-11-21T13:00:00Z", expected: 1 },
    { name: "passed", deadline: "2026-11-20T12:00:00Z", expected: 0 },
    { name: "not a date", deadline: "soon", expected: null },
  ])("$name", ({ deadline, expected }) => {
    expect(daysUntil(deadline, now)).toBe(expected);
  });
});

describe("setupPathFor", () => {
  test.each([
    { name: "returns to the page", from: "/t/acme", expected: "/account/security/two-factor?next=%2Ft%2Facme" },
    { name: "no return address", from: null, expected: "/account/security/two-factor" },
    { name: "not to itself", from: "/account/security/two-factor", expected: "/account/security/two-factor" },
  ])("$name", ({ from, expected }) => {
    expect(setupPathFor(from)).toBe(expected);
  });
});

describe("parseMfaRequirement", () => {
  test.each([
    {
      name: "a prompt",
      value: { state: "prompt", factor: "none", deadline: "2026-12-21T13:04:34Z", grace_days: 30, session_verified: false },
      ok: true,
    },
    {
      name: "an api key",
      value: { state: "ok", factor: "none", deadline: null, grace_days: 30, session_verified: false, exempt: "api_key" },
      ok: true,
    },
    { name: "unknown state", value: { state: "maybe", factor: "none", deadline: null }, ok: false },
    { name: "unknown factor", value: { state: "ok", factor: "sms", deadline: null }, ok: false },
    { name: "not an object", value: null, ok: false },
  ])("$name", ({ value, ok }) => {
    if (ok) expect(parseMfaRequirement(value)).toMatchObject(value as object);
    else expect(() => parseMfaRequirement(value)).toThrow();
  });
});
