// `npm run stack -- <verb>`: the devstack's Supabase-CLI-like command line.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDeps, runTs } from "./lib/ensure-deps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureDeps(root);
process.exit(await runTs(root, "packages/devstack/src/cli.ts", process.argv.slice(2)));
