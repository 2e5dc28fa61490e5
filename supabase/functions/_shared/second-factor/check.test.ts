import { describe, expect, test } from "vitest";
import { checkSecondFactor } from "./check.ts";
import type { CodeInput } from "./input.ts";
import type { AttemptContext, AttemptOutcome, AttemptTx, CompleteInput, TotpEngine } from "./types.ts";

const NOW = new Date("2030-01-02T03:04:05.000Z");
const STEP = Math.floor(NOW.getTime() / 30_000);

const totp: TotpEngine = {
  generateSecret: () => "unused",
  keyUri: () => "unused",
  matchStep: (secret, code, at) => (secret === "S3CRET" && code === "654321" ? Math.floor(at.getTime() / 30_000) + 1 : null),
};

function tx(context: AttemptContext) {
  const seen: { contexts: string[]; completes: CompleteInput[] } = { contexts: [], completes: [] };
  const outcome: AttemptOutcome = {
    result: "ok",
    method: "totp",
    session_verified: false,
    recovery_codes: null,
    recovery_codes_left: 4,
  };
  const t: AttemptTx = {
    context: async (purpose) => {
      seen.contexts.push(purpose);
      return context;
    },
    complete: async (input) => {
      seen.completes.push(input);
      return outcome;
    },
  };
  return { t, seen };
}

const ready: AttemptContext = { result: "ready", secret: "S3CRET", status: "active" };

describe("checkSecondFactor (step-up confirmation, e.g. before deleting an account)", () => {
  test.each([
    {
      name: "the right app code records its step",
      input: { method: "totp", code: "654321" },
      context: ready,
      contexts: ["confirm"],
      completes: [{ purpose: "confirm", method: "totp", totpStep: STEP + 1, recoveryCode: null }],
    },
    {
      name: "a wrong app code records a null step",
      input: { method: "totp", code: "111111" },
      context: ready,
      contexts: ["confirm"],
      completes: [{ purpose: "confirm", method: "totp", totpStep: null, recoveryCode: null }],
    },
    {
      name: "a locked-out user is recorded without a check",
      input: { method: "totp", code: "654321" },
      context: { result: "locked", locked_until: "2030-01-02T03:19:05Z", retry_after_seconds: 900 },
      contexts: ["confirm"],
      completes: [{ purpose: "confirm", method: "totp", totpStep: null, recoveryCode: null }],
    },
    {
      name: "a recovery code goes straight to the database",
      input: { method: "recovery", recoveryCode: "abcde-12345" },
      context: ready,
      contexts: [],
      completes: [{ purpose: "confirm", method: "recovery", totpStep: null, recoveryCode: "abcde-12345" }],
    },
    {
      name: "no active factor: nothing is recorded",
      input: { method: "totp", code: "654321" },
      context: { result: "not_active" },
      contexts: ["confirm"],
      completes: [],
    },
  ] as { name: string; input: CodeInput; context: AttemptContext; contexts: string[]; completes: CompleteInput[] }[])(
    "$name",
    async ({ input, context, contexts, completes }) => {
      const { t, seen } = tx(context);
      const outcome = await checkSecondFactor(t, "confirm", input, totp, NOW);
      expect(seen.contexts).toEqual(contexts);
      expect(seen.completes).toEqual(completes);
      expect(outcome.result).toBe(completes.length ? "ok" : context.result);
    },
  );
});
