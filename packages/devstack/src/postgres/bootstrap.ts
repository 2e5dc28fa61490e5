import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { dbUrl, type StackConfig } from "../config/stack-config.ts";
import type { Logger } from "../process/log.ts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Platform SQL in dependency order: roles, extensions, then each stand-in's schema
 * (the objects the platform contract names), then default privileges. Every file is
 * idempotent; the set is re-applied whenever its content changes.
 */
export const BOOTSTRAP_FILES = [
  here("./sql/roles.sql"),
  here("./sql/extensions.sql"),
  here("../auth/schema.sql"),
  here("../realtime/schema.sql"),
  here("../shims/net.sql"),
  here("../shims/vault.sql"),
  here("../shims/pgmq.sql"),
  here("./sql/privileges.sql"),
];

export type Sql = postgres.Sql;

export function connect(c: StackConfig, user = "supabase_admin", max = 1): Sql {
  return postgres(dbUrl(c, user), { max, onnotice: () => {}, connection: { application_name: "devstack" } });
}

export async function bootstrap(c: StackConfig, logger: Logger): Promise<boolean> {
  const parts = BOOTSTRAP_FILES.map((f) => ({ file: f, sql: readFileSync(f, "utf8") }));
  const hash = createHash("sha256")
    .update(parts.map((p) => p.sql).join("\0"))
    .digest("hex");
  const sql = connect(c);
  try {
    await sql.unsafe(`create schema if not exists devstack;
      create table if not exists devstack.bootstrap_state (id int primary key default 1 check (id = 1), hash text not null, applied_at timestamptz not null default now());`);
    const [state] = await sql`select hash from devstack.bootstrap_state`;
    if (state?.hash === hash) return false;
    logger.info(state ? "platform SQL changed: re-applying bootstrap" : "bootstrapping the platform contract");
    await sql.begin(async (tx) => {
      for (const part of parts) {
        try {
          await tx.unsafe(part.sql);
        } catch (e) {
          throw new Error(`bootstrap ${part.file} failed: ${(e as Error).message}`);
        }
      }
      await tx`insert into devstack.bootstrap_state (hash) values (${hash})
               on conflict (id) do update set hash = excluded.hash, applied_at = now()`;
    });
    return true;
  } finally {
    await sql.end();
  }
}

export type MigrationFile = { version: string; name: string; path: string };

/** `supabase/migrations/<version>_<name>.sql`, ordered by version like the Supabase CLI. */
export function listMigrations(c: StackConfig): MigrationFile[] {
  const dir = join(c.projectRoot, "supabase", "migrations");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const m = /^(\d+)_(.*)\.sql$/.exec(f);
      if (!m) throw new Error(`migration file name must be <timestamp>_<name>.sql: ${f}`);
      return { version: m[1] as string, name: m[2] as string, path: join(dir, f) };
    });
}

/** Applies every migration not yet recorded, each in its own transaction, as `postgres`. */
export async function migrate(c: StackConfig, logger: Logger): Promise<string[]> {
  const sql = connect(c, "postgres");
  const applied: string[] = [];
  try {
    const done = new Set((await sql`select version from supabase_migrations.schema_migrations`).map((r) => r.version as string));
    for (const m of listMigrations(c)) {
      if (done.has(m.version)) continue;
      const text = readFileSync(m.path, "utf8");
      try {
        await sql.begin(async (tx) => {
          await tx.unsafe(text);
          await tx`insert into supabase_migrations.schema_migrations (version, name, statements) values (${m.version}, ${m.name}, ${[text]})`;
        });
      } catch (e) {
        const err = e as Error & { position?: string };
        throw new Error(
          `migration ${m.version}_${m.name}.sql failed: ${err.message}${err.position ? ` (at character ${err.position})` : ""}`,
        );
      }
      logger.info(`applied migration ${m.version}_${m.name}`);
      applied.push(m.version);
    }
    if (applied.length > 0) await sql`notify pgrst, 'reload schema'`;
    return applied;
  } finally {
    await sql.end();
  }
}

/** Runs the seed files from config.toml (`[db.seed] sql_paths`) once, on a new database. */
export async function seed(c: StackConfig, logger: Logger): Promise<void> {
  if (!c.supabase.db.seed.enabled) return;
  const sql = connect(c, "postgres");
  try {
    for (const rel of c.supabase.db.seed.sql_paths) {
      const path = join(c.projectRoot, "supabase", rel);
      if (!existsSync(path)) continue;
      try {
        await sql.unsafe(readFileSync(path, "utf8"));
      } catch (e) {
        throw new Error(`seed ${rel} failed: ${(e as Error).message}`);
      }
      logger.info(`seeded ${rel}`);
    }
  } finally {
    await sql.end();
  }
}
