import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { stackEnv } from "../../packages/devstack/src/testing/index.ts";
import type { StackTarget } from "./fixtures.ts";
import { buildAppOnce, JOURNEYS, runJourneys, type ServedApp, serveApp } from "./run.ts";

/**
 * One journey as a vitest test file (web/e2e/journeys/<name>.test.ts), so journeys run in
 * parallel with each other and the rest of the suite. The app is built once per run (next to
 * the run's stack) and each file serves that build on its own port.
 */
export function journeyTest(name: string): void {
  const journey = JOURNEYS.find((candidate) => candidate.name === name);
  if (!journey) throw new Error(`no journey named ${name} in web/e2e/run.ts`);
  let target: StackTarget;
  let app: ServedApp;

  beforeAll(async () => {
    const env = stackEnv();
    target = { supabaseUrl: env.apiUrl, anonKey: env.anonKey, serviceRoleKey: env.serviceRoleKey, inboxUrl: env.inboxUrl };
    const builtDir = join(env.workdir, "web-build");
    await buildAppOnce(target, builtDir);
    app = await serveApp(target, builtDir);
  }, 600_000);

  afterAll(async () => {
    await app?.close();
  });

  // One retry, with new users and workspaces: on 2 busy cores a browser step can miss its moment;
  // a journey that fails twice fails the run (vitest reports the retry either way).
  test(`journey ${journey.name}: ${journey.title}`, { timeout: 600_000, retry: 1 }, async () => {
    const screenshots = await runJourneys(target, [journey], { app });
    expect(screenshots.length).toBeGreaterThan(0);
  });
}
