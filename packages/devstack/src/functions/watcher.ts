import { existsSync, type FSWatcher, watch } from "node:fs";
import { isFunctionName } from "./discovery.ts";

/** What a changed file means for the running functions. */
export type ChangeScope = { kind: "function"; name: string } | { kind: "all" } | { kind: "ignore" };

const isNoise = (base: string) =>
  base === "deno.lock" || base.endsWith("~") || base.startsWith(".#") || /\.sw[a-p]$/.test(base) || /^\d+$/.test(base);

/**
 * Maps a path relative to `supabase/functions` to the functions it affects: a function's
 * own folder reloads that function; `_shared/`, `.env`, import maps and other root files
 * reload all of them, since any function may depend on them.
 */
export function classifyChange(relativePath: string): ChangeScope {
  const segments = relativePath.split(/[\\/]+/).filter(Boolean);
  const base = segments.at(-1);
  if (!base) return { kind: "all" };
  if (isNoise(base) || segments.includes("node_modules")) return { kind: "ignore" };
  const first = segments[0] as string;
  return isFunctionName(first) ? { kind: "function", name: first } : { kind: "all" };
}

export type FunctionsWatcher = { close(): void };

/**
 * Watches the functions folder and reports, debounced, which functions to reload (editors
 * write files in bursts: save, rename, chmod).
 */
export function watchFunctions(
  dir: string,
  onChange: (scope: { all: boolean; names: Set<string>; files: string[] }) => void,
  onError: (error: Error) => void,
  debounceMs = 150,
): FunctionsWatcher {
  if (!existsSync(dir)) return { close() {} };
  let pending: { all: boolean; names: Set<string>; files: string[] } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true }, (_event, filename) => {
      const file = filename ? String(filename) : "";
      const scope = classifyChange(file);
      if (scope.kind === "ignore") return;
      pending ??= { all: false, names: new Set(), files: [] };
      if (scope.kind === "all") pending.all = true;
      else pending.names.add(scope.name);
      if (!pending.files.includes(file)) pending.files.push(file);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const batch = pending;
        pending = undefined;
        if (batch) onChange(batch);
      }, debounceMs);
    });
  } catch (error) {
    onError(error as Error);
    return { close() {} };
  }
  watcher.on("error", (error) => onError(error));
  return {
    close() {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
