import { defineConfig } from "vitest/config";

/** The web app's pure-logic unit tests: no stack, no browser (journeys live in e2e/ and run through e2e/run.ts). */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
