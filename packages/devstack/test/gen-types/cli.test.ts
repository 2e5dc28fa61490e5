import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, expect, test } from "vitest";
import { resolveStackConfig } from "../../src/config/stack-config.ts";
import { staleMigrations } from "../../src/gen-types/cli.ts";
import { stackEnv } from "../../src/testing/index.ts";

const root = mkdtempSync(join(tmpdir(), "gen-types-project-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test("a stack that misses a migration or ran an older version of one is reported before reading it", async () => {
  const env = stackEnv();
  const sql = postgres(env.dbUrl, { max: 1, onnotice: () => {} });
  const applied = await sql<{ version: string; name: string; statements: string[] }[]>`
    select version, name, statements from supabase_migrations.schema_migrations order by version`;
  await sql.end();
  expect(applied.length).toBeGreaterThan(1);

  // A project whose migration files are exactly what the stack applied ...
  mkdirSync(join(root, "supabase", "migrations"), { recursive: true });
  copyFileSync(join(env.projectRoot, "supabase", "config.toml"), join(root, "supabase", "config.toml"));
  const file = (m: { version: string; name: string }) => join(root, "supabase", "migrations", `${m.version}_${m.name}.sql`);
  for (const m of applied) writeFileSync(file(m), m.statements.join(""));
  const config = await resolveStackConfig({ projectRoot: root, workdir: join(root, ".devstack") });
  expect(await staleMigrations(env.dbUrl, config)).toEqual([]);

  // ... then one edited after it was applied, and one the stack has never seen.
  const edited = applied[0] as (typeof applied)[number];
  writeFileSync(file(edited), `${edited.statements.join("")}\n-- edited\n`);
  writeFileSync(join(root, "supabase", "migrations", "29991231000000_create_later_things.sql"), "select 1;\n");
  expect(await staleMigrations(env.dbUrl, config)).toEqual([
    `${edited.version}_${edited.name}.sql (changed since applied)`,
    "29991231000000_create_later_things.sql (not applied)",
  ]);
});
