import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { stackEnv } from "../../packages/devstack/src/testing/index.ts";
import type { StackTarget } from "./fixtures.ts";
import { JOURNEYS, runJourneys, type ServedApp, serveApp } from "./run.ts";

/**
 * The SPA's journeys in Debian's Chromium, as a new user would take them, against the
 * run's shared stack. The app is built once for all of them; they run one after another
 * (each in a fresh browser profile). Screenshots land in test-artifacts/web/<journey>/.
 */
describe("web journeys", () => {
  let target: StackTarget;
  let app: ServedApp;

  beforeAll(async () => {
    const env = stackEnv();
    target = { supabaseUrl: env.apiUrl, anonKey: env.anonKey, serviceRoleKey: env.serviceRoleKey, inboxUrl: env.inboxUrl };
    app = await serveApp(target);
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  test.each(JOURNEYS.map((journey) => ({ name: journey.name, journey })))(
    "$name",
    async ({ journey }) => {
      const screenshots = await runJourneys(target, [journey], { app });
      expect(screenshots.length).toBeGreaterThan(0);
    },
    300_000,
  );
});
