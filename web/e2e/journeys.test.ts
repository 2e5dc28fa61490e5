import { describe, expect, test } from "vitest";
import { stackEnv } from "../../packages/devstack/src/testing/index.ts";
import { JOURNEYS, runJourneys } from "./run.ts";

/**
 * The SPA's journeys in Debian's Chromium, as a new user would take them, against the
 * run's shared stack. Screenshots land in test-artifacts/web/<journey>/.
 */
describe("web journeys", () => {
  test.each(JOURNEYS.map((journey) => ({ name: journey.name, journey })))(
    "$name",
    async ({ journey }) => {
      const env = stackEnv();
      const screenshots = await runJourneys({ supabaseUrl: env.apiUrl, anonKey: env.anonKey, inboxUrl: env.inboxUrl }, [journey]);
      expect(screenshots.length).toBeGreaterThan(0);
    },
    300_000,
  );
});
