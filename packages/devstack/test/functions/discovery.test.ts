import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { resolveStackConfig } from "../../src/config/stack-config.ts";
import { denoArgs, listFunctions, resolveFunction } from "../../src/functions/discovery.ts";
import { endToEndHeaders, endToEndRawHeaders } from "../../src/functions/proxy.ts";

const root = mkdtempSync(join(tmpdir(), "fn-discovery-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const write = (path: string, text = "Deno.serve(() => new Response());\n") => {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
};

write(
  "supabase/config.toml",
  `[functions.open]\nverify_jwt = false\n[functions.off]\nenabled = false\n[functions.custom]\nentrypoint = "./functions/custom/main.ts"\nimport_map = "./functions/custom/imports.json"\n`,
);
write("supabase/functions/_shared/http.ts", "export {};\n");
write("supabase/functions/health/index.ts");
write("supabase/functions/open/index.ts");
write("supabase/functions/off/index.ts");
write("supabase/functions/no-entry/readme.md", "no code");
write("supabase/functions/custom/main.ts");
write("supabase/functions/with-config/index.ts");
write("supabase/functions/with-config/deno.json", "{}");
const config = await resolveStackConfig({ projectRoot: root, workdir: join(root, ".devstack"), randomPorts: true });
const fns = join(root, "supabase", "functions");

describe("resolveFunction", () => {
  test.each([
    { name: "default: verify_jwt on", fn: "health", found: true, verifyJwt: true },
    { name: "verify_jwt = false in config.toml", fn: "open", found: true, verifyJwt: false },
    { name: "enabled = false", fn: "off", found: false },
    { name: "folder without entrypoint", fn: "no-entry", found: false },
    { name: "shared folder", fn: "_shared", found: false },
    { name: "missing folder", fn: "ghost", found: false },
    { name: "path traversal", fn: "..", found: false },
    { name: "custom entrypoint", fn: "custom", found: true, verifyJwt: true },
  ])("$name", ({ fn, found, verifyJwt }) => {
    const spec = resolveFunction(config, fn);
    expect(spec !== undefined).toBe(found);
    if (spec) expect(spec.verifyJwt).toBe(verifyJwt);
  });

  test("lists servable functions only, sorted", () => {
    expect(listFunctions(config).map((f) => f.name)).toEqual(["custom", "health", "open", "with-config"]);
  });
});

describe("denoArgs", () => {
  test.each([
    {
      name: "plain function: no config discovery, no lockfile, edge permissions",
      fn: "health",
      has: [
        "--no-config",
        "--no-lock",
        "--node-modules-dir=none",
        "--allow-net",
        "--allow-env",
        "--allow-read",
        "--allow-sys",
        "--no-prompt",
      ],
      last: join(fns, "health", "index.ts"),
    },
    {
      name: "per-function deno.json",
      fn: "with-config",
      has: [`--config=${join(fns, "with-config", "deno.json")}`],
      last: join(fns, "with-config", "index.ts"),
    },
    {
      name: "config.toml entrypoint and import map",
      fn: "custom",
      has: [`--import-map=${join(fns, "custom", "imports.json")}`],
      last: join(fns, "custom", "main.ts"),
    },
  ])("$name", ({ fn, has, last }) => {
    const spec = resolveFunction(config, fn);
    if (!spec) throw new Error(`${fn} not found`);
    const args = denoArgs(spec);
    expect(args).toEqual(expect.arrayContaining(has));
    expect(args.at(-1)).toBe(last);
    for (const forbidden of ["--allow-write", "--allow-run", "--allow-all", "-A", "--allow-ffi"])
      expect(args).not.toContain(forbidden);
  });
});

describe("proxy header filtering", () => {
  test.each([
    {
      name: "drops hop-by-hop",
      input: { connection: "keep-alive", "keep-alive": "timeout=5", host: "h", "x-a": "1" },
      kept: ["host", "x-a"],
    },
    {
      name: "drops headers named in Connection",
      input: { connection: "x-private", "x-private": "1", accept: "*/*" },
      kept: ["accept"],
    },
    {
      name: "keeps auth and content headers",
      input: { authorization: "Bearer t", "content-length": "3", apikey: "k" },
      kept: ["authorization", "content-length", "apikey"],
    },
  ])("$name", ({ input, kept }) => {
    expect(Object.keys(endToEndHeaders(input)).sort()).toEqual([...kept].sort());
  });

  test("raw response headers keep repeated Set-Cookie and drop Transfer-Encoding", () => {
    const raw = ["Set-Cookie", "a=1", "Transfer-Encoding", "chunked", "Set-Cookie", "b=2", "Content-Type", "text/plain"];
    expect(endToEndRawHeaders(raw)).toEqual(["Set-Cookie", "a=1", "Set-Cookie", "b=2", "Content-Type", "text/plain"]);
  });
});
