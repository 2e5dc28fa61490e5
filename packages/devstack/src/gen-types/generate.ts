import postgres from "postgres";
import type { SupabaseConfig } from "../config/supabase-config.ts";
import { readCatalog } from "./catalog.ts";
import { formatTypeScript } from "./format.ts";
import { renderDatabaseTypes } from "./render.ts";

/** The project's generated types, relative to the project root. */
export const DATABASE_TYPES_PATH = "packages/shared/src/database.types.ts";

/** The command that rewrites DATABASE_TYPES_PATH; named in every "out of date" message. */
export const GEN_TYPES_COMMAND = "npm run gen:types";

/** Like `supabase gen types`: `public` plus the API's exposed schemas from config.toml. */
export function exposedSchemas(config: SupabaseConfig): string[] {
  return [...new Set(["public", ...config.api.schemas])];
}

/**
 * Reads the catalog of `schemas` and renders formatted `database.types.ts` content.
 * One read-only snapshot, with hosted Supabase's search path for `postgres`, so type
 * names print as they do there (`todos`, not `public.todos`).
 */
export async function generateDatabaseTypes(dbUrl: string, schemas: string[]): Promise<string> {
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {}, connection: { application_name: "gen-types" } });
  try {
    const catalog = await sql.begin("isolation level repeatable read read only", async (tx) => {
      await tx`select set_config('search_path', '"$user", public, extensions', true)`;
      return readCatalog(tx, schemas);
    });
    return await formatTypeScript(renderDatabaseTypes(catalog));
  } finally {
    await sql.end();
  }
}
