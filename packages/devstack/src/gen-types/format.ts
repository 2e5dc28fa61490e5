import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const BIOME = fileURLToPath(new URL("../../../../node_modules/.bin/biome", import.meta.url));

/**
 * Prettier's defaults with `semi: false`, the settings postgres-meta formats its output
 * with, spelled out for Biome (whose output matches Prettier's for this code). Every
 * option is given so neither the repository's biome.json (which leaves the generated
 * file alone) nor a user's config changes the result.
 */
const PRETTIER_LIKE = [
  "--indent-style=space",
  "--indent-width=2",
  "--line-width=80",
  "--line-ending=lf",
  "--javascript-formatter-quote-style=double",
  "--quote-properties=as-needed",
  "--trailing-commas=all",
  "--semicolons=as-needed",
  "--arrow-parentheses=always",
  "--bracket-spacing=true",
  "--bracket-same-line=false",
  "--expand=auto",
];

/** Formats generated TypeScript so the committed file is byte-stable and reads like Supabase's. */
export function formatTypeScript(source: string): Promise<string> {
  if (!existsSync(BIOME)) return Promise.reject(new Error(`biome is not installed (${BIOME}); run npm ci`));
  return new Promise((resolve, reject) => {
    // Outside the repository, so no biome.json is discovered; stdin, so no ignore list applies.
    const child = spawn(BIOME, ["format", ...PRETTIER_LIKE, "--stdin-file-path=database.types.ts"], {
      cwd: tmpdir(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      out += c;
    });
    child.stderr.setEncoding("utf8").on("data", (c: string) => {
      err += c;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0 && out.length > 0) resolve(out);
      else reject(new Error(`biome could not format the generated types (exit ${code}):\n${err || out}`));
    });
    child.stdin.end(source);
  });
}
