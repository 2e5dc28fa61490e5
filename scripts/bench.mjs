// `npm run bench:<name>`: runs a benchmark script from bench/ with its dependencies installed.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDeps, runTs } from "./lib/ensure-deps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureDeps(root);
const [script, ...args] = process.argv.slice(2);
process.exit(await runTs(root, script, args));
