// `npm run dev`: installs what is missing, then runs the whole of FlexOffice locally.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDeps, runTs } from "./lib/ensure-deps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureDeps(root);
process.exit(await runTs(root, "packages/devstack/src/dev.ts", process.argv.slice(2)));
