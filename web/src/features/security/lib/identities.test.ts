import { describe, expect, test } from "vitest";
import { sortIdentities, unlinkBlocker, unlinkedProviders } from "./identities.ts";

const id = (provider: string, created_at = "2026-11-21T10:00:00Z") => ({ provider, created_at });

describe("unlinkBlocker", () => {
  test.each([
    { name: "Google next to the email", identity: id("google"), all: [id("email"), id("google")], expected: null },
    {
      name: "the email identity carries the password",
      identity: id("email"),
      all: [id("email"), id("google")],
      expected: "primary",
    },
    { name: "the only way in", identity: id("google"), all: [id("google")], expected: "last" },
    { name: "one of two providers", identity: id("facebook"), all: [id("google"), id("facebook")], expected: null },
  ])("$name", ({ identity, all, expected }) => {
    expect(unlinkBlocker(identity, all)).toBe(expected);
  });
});

describe("unlinkedProviders", () => {
  test.each([
    { name: "email only", identities: [id("email")], expected: ["google", "facebook"] },
    { name: "Google linked", identities: [id("email"), id("google")], expected: ["facebook"] },
    { name: "both linked", identities: [id("facebook"), id("google")], expected: [] },
  ])("$name", ({ identities, expected }) => {
    expect(unlinkedProviders(identities)).toEqual(expected);
  });
});

describe("sortIdentities", () => {
  test.each([
    {
      name: "email first, then by provider",
      identities: [id("google"), id("facebook"), id("email")],
      expected: ["email", "facebook", "google"],
    },
  ])("$name", ({ identities, expected }) => {
    expect(sortIdentities(identities).map((identity) => identity.provider)).toEqual(expected);
  });
});
