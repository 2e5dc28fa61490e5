import { existsSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const isNativeBinary = (path: string) => existsSync(path) && !/\.(c|m)?js$/.test(realpathSync(path));

/**
 * Finds the real Deno executable shipped by the npm package `deno`. The package's `bin`
 * can be a Node wrapper that spawns Deno; running that would put an unguarded
 * grandchild between us and Deno, so only the native binary is accepted.
 */
export function resolveDenoBinary(projectRoot: string): string {
  const candidates = [join(projectRoot, "node_modules", ".bin", "deno")];
  for (const from of [join(projectRoot, "package.json"), import.meta.url]) {
    try {
      const require = createRequire(from);
      const pkgDir = dirname(require.resolve("deno/package.json"));
      candidates.push(join(pkgDir, "deno"));
      const libc = process.platform === "linux" ? "-glibc" : "";
      const platformPkg = `@deno/${process.platform}-${process.arch}${libc}/package.json`;
      candidates.push(join(dirname(createRequire(join(pkgDir, "package.json")).resolve(platformPkg)), "deno"));
    } catch {
      // not resolvable from here; try the next place
    }
  }
  const found = candidates.find(isNativeBinary);
  if (!found)
    throw new Error(`Deno not found (looked in ${candidates.join(", ")}); run \`npm install\` to install the npm package "deno"`);
  return found;
}
