import { defineConfig } from "vitest/config";

/**
 * One run, one stack: the global setup starts a throwaway devstack on free ports; test
 * files run in parallel, each creating its own tenants, users and names.
 */
export default defineConfig({
  test: {
    include: [
      "packages/*/test/**/*.test.ts",
      "supabase/tests/**/*.test.ts",
      "supabase/functions/**/*.test.ts",
      "web/src/**/*.test.ts",
      "web/e2e/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**"],
    globalSetup: ["packages/devstack/src/testing/global-setup.ts"],
    pool: "forks",
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ["default"],
  },
});
