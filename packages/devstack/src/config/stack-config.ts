import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { freePort } from "../process/free-port.ts";
import { DEFAULT_JWT_SECRET, signApiKey } from "./keys.ts";
import { loadSupabaseConfig, type SupabaseConfig } from "./supabase-config.ts";

/** Where each part listens. Public ports mirror the Supabase CLI; internal ones are free ports. */
export type StackPorts = {
  api: number;
  db: number;
  inbox: number;
  smtp: number;
  postgrest: number;
  auth: number;
  realtime: number;
  functions: number;
};

export type StackConfig = {
  /** Folder holding `supabase/` (config.toml, migrations, functions, seed.sql). */
  projectRoot: string;
  /** State folder: Postgres data, logs, pid file. Gitignored. */
  workdir: string;
  supabase: SupabaseConfig;
  ports: StackPorts;
  host: string;
  jwtSecret: string;
  anonKey: string;
  serviceRoleKey: string;
  /** Throwaway stacks (tests) trade durability for speed. */
  ephemeral: boolean;
  /** Watch function sources and reload on change. */
  watch: boolean;
  /** Overrides applied on top of config.toml (kept so a background start passes them on). */
  overrides: Record<string, string>;
};

export type StackOptions = {
  projectRoot?: string;
  workdir?: string;
  ports?: Partial<StackPorts>;
  /** Pick free ports for everything not given explicitly (tests). */
  randomPorts?: boolean;
  jwtSecret?: string;
  ephemeral?: boolean;
  watch?: boolean;
  env?: NodeJS.ProcessEnv;
  /** config.toml values to override, as `section.key` -> value (JSON or string). */
  overrides?: Record<string, string>;
};

/** Walks up from `start` to the folder that has `supabase/config.toml`. */
export function findProjectRoot(start = process.cwd()): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "supabase", "config.toml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no supabase/config.toml found in ${start} or any parent folder`);
    dir = parent;
  }
}

export async function resolveStackConfig(options: StackOptions = {}): Promise<StackConfig> {
  const env = options.env ?? process.env;
  const projectRoot = options.projectRoot ?? findProjectRoot();
  const supabase = loadSupabaseConfig(join(projectRoot, "supabase", "config.toml"), env, options.overrides);
  const pick = async (given: number | undefined, fallback: number) =>
    given ?? (options.randomPorts ? await freePort() : fallback);
  const p = options.ports ?? {};
  const ports: StackPorts = {
    api: await pick(p.api, supabase.api.port),
    db: await pick(p.db, supabase.db.port),
    inbox: await pick(p.inbox, supabase.inbucket.port),
    smtp: await pick(p.smtp, supabase.inbucket.smtp_port),
    postgrest: p.postgrest ?? (await freePort()),
    auth: p.auth ?? (await freePort()),
    realtime: p.realtime ?? (await freePort()),
    functions: p.functions ?? (await freePort()),
  };
  const jwtSecret = options.jwtSecret ?? env.JWT_SECRET ?? DEFAULT_JWT_SECRET;
  if (jwtSecret.length < 32) throw new Error("the JWT secret must be at least 32 characters long");
  return {
    projectRoot,
    workdir: resolve(options.workdir ?? join(projectRoot, ".devstack")),
    supabase,
    ports,
    host: "127.0.0.1",
    jwtSecret,
    anonKey: await signApiKey("anon", jwtSecret),
    serviceRoleKey: await signApiKey("service_role", jwtSecret),
    ephemeral: options.ephemeral ?? false,
    watch: options.watch ?? false,
    overrides: options.overrides ?? {},
  };
}

export const apiUrl = (c: StackConfig) => `http://${c.host}:${c.ports.api}`;
export const inboxUrl = (c: StackConfig) => `http://${c.host}:${c.ports.inbox}`;
/** The connection string users and edge functions get (`postgres` role, like `supabase status`). */
export const dbUrl = (c: StackConfig, user = "postgres") => `postgresql://${user}:postgres@${c.host}:${c.ports.db}/postgres`;
