import { describe, expect, test } from "vitest";
import { classifyChange } from "../../src/functions/watcher.ts";

describe("classifyChange", () => {
  test.each([
    { name: "a function's entrypoint", path: "health/index.ts", scope: { kind: "function", name: "health" } },
    { name: "a nested file of a function", path: "export-csv/lib/format.ts", scope: { kind: "function", name: "export-csv" } },
    { name: "a new function folder", path: "new-fn", scope: { kind: "function", name: "new-fn" } },
    { name: "shared code", path: "_shared/http.ts", scope: { kind: "all" } },
    { name: "the shared folder itself", path: "_shared", scope: { kind: "all" } },
    { name: "the functions .env", path: ".env", scope: { kind: "all" } },
    { name: "a root import map", path: "import_map.json", scope: { kind: "all" } },
    { name: "unknown event path", path: "", scope: { kind: "all" } },
    { name: "a lockfile", path: "health/deno.lock", scope: { kind: "ignore" } },
    { name: "a vim swap file", path: "health/.index.ts.swp", scope: { kind: "ignore" } },
    { name: "a vim probe file", path: "health/4913", scope: { kind: "ignore" } },
    { name: "an emacs lock", path: "health/.#index.ts", scope: { kind: "ignore" } },
    { name: "a backup file", path: "health/index.ts~", scope: { kind: "ignore" } },
    { name: "node_modules content", path: "health/node_modules/x/index.js", scope: { kind: "ignore" } },
  ])("$name", ({ path, scope }) => {
    expect(classifyChange(path)).toEqual(scope);
  });
});
