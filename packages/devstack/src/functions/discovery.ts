import { existsSync, readdirSync, statSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import type { StackConfig } from "../config/stack-config.ts";

/** One servable function: where its code is and how the platform treats it. */
export type FunctionSpec = {
  name: string;
  dir: string;
  entrypoint: string;
  verifyJwt: boolean;
  /** A per-function `deno.json(c)`, which Deno then uses for imports and compiler options. */
  denoConfig?: string;
  /** `[functions.<name>] import_map` from config.toml. */
  importMap?: string;
};

/** Function names the Supabase CLI accepts; folders starting with `_` (shared code) never match. */
const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

export const isFunctionName = (name: string) => FUNCTION_NAME.test(name);

export const functionsDir = (config: StackConfig) => join(config.projectRoot, "supabase", "functions");

type FunctionSettings = { verify_jwt?: unknown; enabled?: unknown; entrypoint?: unknown; import_map?: unknown };

function settingsOf(config: StackConfig, name: string): FunctionSettings {
  return (config.supabase.functions[name] as FunctionSettings | undefined) ?? {};
}

/** config.toml paths are relative to the `supabase/` folder, as for the Supabase CLI. */
function supabasePath(config: StackConfig, value: unknown): string | undefined {
  if (typeof value !== "string" || !value) return undefined;
  return isAbsolute(value) ? value : resolve(config.projectRoot, "supabase", value);
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/**
 * Looks a function up on disk at request time, so functions added while the stack runs
 * are served without a restart. `undefined` means "404": no such folder, no entrypoint,
 * or disabled in config.toml.
 */
export function resolveFunction(config: StackConfig, name: string): FunctionSpec | undefined {
  if (!isFunctionName(name)) return undefined;
  const settings = settingsOf(config, name);
  if (settings.enabled === false) return undefined;
  const dir = join(functionsDir(config), name);
  const entrypoint = supabasePath(config, settings.entrypoint) ?? join(dir, "index.ts");
  if (!isFile(entrypoint)) return undefined;
  const denoConfig = ["deno.json", "deno.jsonc"].map((f) => join(dir, f)).find(isFile);
  const importMap = supabasePath(config, settings.import_map);
  return {
    name,
    dir,
    entrypoint,
    verifyJwt: settings.verify_jwt !== false,
    ...(denoConfig ? { denoConfig } : {}),
    ...(importMap ? { importMap } : {}),
  };
}

/** Every function servable right now (for pre-warming and the start banner). */
export function listFunctions(config: StackConfig): FunctionSpec[] {
  const dir = functionsDir(config);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => resolveFunction(config, entry.name))
    .filter((spec): spec is FunctionSpec => spec !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Deno command-line arguments for one function: edge-runtime-like permissions, no prompts. */
export function denoArgs(spec: FunctionSpec, preloadPath?: string): string[] {
  const args = ["run", "--no-prompt", "--allow-net", "--allow-env", "--allow-read", "--allow-sys"];
  // The repository's package.json must not turn npm: specifiers into node_modules lookups
  // (nor make Deno write a lockfile at the project root): functions resolve npm packages
  // from the shared Deno cache, like the edge runtime.
  args.push("--node-modules-dir=none");
  if (spec.denoConfig) args.push(`--config=${spec.denoConfig}`);
  else args.push("--no-config", "--no-lock");
  if (spec.importMap) args.push(`--import-map=${spec.importMap}`);
  if (preloadPath) args.push(`--preload=${preloadPath}`);
  args.push(spec.entrypoint);
  return args;
}
