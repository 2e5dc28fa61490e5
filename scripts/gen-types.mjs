// `npm run gen:types`: writes packages/shared/src/database.types.ts from the database
// schema, in `supabase gen types typescript --local` format (the Supabase CLI needs Docker).
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDeps, runTs } from "./lib/ensure-deps.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
ensureDeps(root);
process.exit(await runTs(root, "packages/devstack/src/gen-types/cli.ts", process.argv.slice(2)));
