import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { loadSupabaseConfig } from "../../src/config/supabase-config.ts";
import { DATABASE_TYPES_PATH, exposedSchemas, GEN_TYPES_COMMAND, generateDatabaseTypes } from "../../src/gen-types/generate.ts";
import { stackEnv } from "../../src/testing/index.ts";

/** A migration committed without regenerated types fails the suite. */
test(`${DATABASE_TYPES_PATH} matches the migrated schema`, async () => {
  const env = stackEnv();
  const config = loadSupabaseConfig(join(env.projectRoot, "supabase", "config.toml"));
  const fresh = await generateDatabaseTypes(env.dbUrl, exposedSchemas(config));
  const committed = readFileSync(join(env.projectRoot, DATABASE_TYPES_PATH), "utf8");
  expect(
    committed,
    `${DATABASE_TYPES_PATH} is out of date with supabase/migrations: run \`${GEN_TYPES_COMMAND}\` and commit the result`,
  ).toBe(fresh);
});
