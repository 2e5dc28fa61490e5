import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { resolveStackConfig, type StackConfig } from "../config/stack-config.ts";
import { listMigrations } from "../postgres/bootstrap.ts";
import { isAlive } from "../process/alive.ts";
import { type StackProcess, spawnStack } from "../stack-process.ts";
import { type StackState, stateFile } from "../supervisor.ts";
import { DATABASE_TYPES_PATH, exposedSchemas, GEN_TYPES_COMMAND, generateDatabaseTypes } from "./generate.ts";

const USAGE = `Usage: ${GEN_TYPES_COMMAND} [-- options]

Writes ${DATABASE_TYPES_PATH} from the database schema, in the format of
\`supabase gen types typescript --local\`. Reads the running devstack (npm run stack -- start);
with none running, starts a throwaway one for the duration.

Options:
  --check            compare instead of writing; exit 1 when the file is out of date
  --db-url <url>     read this database instead of the devstack
  --workdir <dir>    the devstack's state folder (default: <project>/.devstack)`;

const say = (line: string) => process.stderr.write(`gen:types: ${line}\n`);

function runningStack(config: StackConfig): StackState | undefined {
  if (!existsSync(stateFile(config))) return undefined;
  const state = JSON.parse(readFileSync(stateFile(config), "utf8")) as StackState;
  return isAlive(state.pid) ? state : undefined;
}

/**
 * Migrations the running stack has not applied, or applied in another version: its
 * schema is not what the files describe, so types read from it would be wrong.
 */
export async function staleMigrations(dbUrl: string, config: StackConfig): Promise<string[]> {
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ version: string; statements: string[] | null }[]>`
      select version, statements from supabase_migrations.schema_migrations`;
    const applied = new Map(rows.map((r) => [r.version, r.statements?.join("") ?? null]));
    return listMigrations(config).flatMap((m) => {
      const text = applied.get(m.version);
      if (text === undefined) return [`${m.version}_${m.name}.sql (not applied)`];
      if (text !== null && text !== readFileSync(m.path, "utf8")) return [`${m.version}_${m.name}.sql (changed since applied)`];
      return [];
    });
  } finally {
    await sql.end();
  }
}

/** Generates from whichever database applies, starting and stopping a throwaway stack when needed. */
async function generate(config: StackConfig, dbUrlOption: string | undefined, schemas: string[]): Promise<string> {
  if (dbUrlOption) {
    say(`reading ${schemas.join(", ")} from --db-url`);
    return generateDatabaseTypes(dbUrlOption, schemas);
  }
  const running = runningStack(config);
  if (running) {
    const stale = await staleMigrations(running.DB_URL, config);
    if (stale.length > 0) {
      throw new Error(
        `the running devstack (pid ${running.pid}) does not match supabase/migrations:\n  ${stale.join("\n  ")}\n` +
          `Apply them with \`npm run stack -- stop && npm run stack -- start\` (new migrations) or \`npm run db:reset\` (changed ones), then run ${GEN_TYPES_COMMAND} again.`,
      );
    }
    say(`reading ${schemas.join(", ")} from the running devstack (pid ${running.pid})`);
    return generateDatabaseTypes(running.DB_URL, schemas);
  }
  say("no devstack is running: starting a throwaway one (bootstrap, migrations, seed)");
  const workdir = mkdtempSync(join(tmpdir(), "flexoffice-gen-types-"));
  let stack: StackProcess | undefined;
  // Ctrl-C: stop the throwaway stack (a stack still starting dies with this process) and remove its folder.
  const interrupt = () => {
    void (stack?.stop() ?? Promise.resolve()).finally(() => {
      rmSync(workdir, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  try {
    stack = await spawnStack(["--workdir", workdir, "--random-ports", "--ephemeral"], { projectRoot: config.projectRoot });
    say(`reading ${schemas.join(", ")}`);
    return await generateDatabaseTypes(stack.state.DB_URL, schemas);
  } finally {
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
    const code = await stack?.stop();
    if (stack && code !== 0) say(`the throwaway stack exited with code ${code}:\n${stack.output().slice(-2000)}`);
    rmSync(workdir, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: "boolean" },
      "db-url": { type: "string" },
      workdir: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = await resolveStackConfig({ workdir: values.workdir });
  const target = join(config.projectRoot, DATABASE_TYPES_PATH);
  const fresh = await generate(config, values["db-url"], exposedSchemas(config.supabase));
  const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
  if (values.check) {
    if (current === fresh) {
      say(`${DATABASE_TYPES_PATH} is up to date`);
      return 0;
    }
    say(`${DATABASE_TYPES_PATH} is out of date with the database schema: run ${GEN_TYPES_COMMAND} and commit the result`);
    return 1;
  }
  if (current === fresh) {
    say(`${DATABASE_TYPES_PATH} is up to date`);
  } else {
    writeFileSync(target, fresh);
    say(`wrote ${DATABASE_TYPES_PATH}`);
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: Error) => {
      say(`error: ${e.message}`);
      process.exit(1);
    },
  );
}
