import { existsSync, readFileSync } from "node:fs";
import { apiUrl, dbUrl, type StackConfig } from "../config/stack-config.ts";

export type EnvFile = { vars: Record<string, string>; warnings: string[] };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    const end = value.lastIndexOf('"');
    const inner = end > 0 ? value.slice(1, end) : value.slice(1);
    return inner.replace(/\\([nrt"\\])/g, (_, c: string) => ({ n: "\n", r: "\r", t: "\t", '"': '"', "\\": "\\" })[c] ?? c);
  }
  if (value.startsWith("'")) {
    const end = value.lastIndexOf("'");
    return end > 0 ? value.slice(1, end) : value.slice(1);
  }
  // Unquoted: a ` #` starts a comment, as in dotenv files the Supabase CLI reads.
  const hash = value.search(/\s#/);
  return (hash >= 0 ? value.slice(0, hash) : value).trim();
}

/**
 * Parses `supabase/functions/.env` the way dotenv files are commonly written (`KEY=value`,
 * `export KEY=value`, quotes, comments). Multi-line values are not supported; bad lines
 * are reported rather than silently dropped.
 */
export function parseEnvFile(text: string): EnvFile {
  const vars: Record<string, string> = {};
  const warnings: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const body = trimmed.replace(/^export\s+/, "");
    const eq = body.indexOf("=");
    const name = eq > 0 ? body.slice(0, eq).trim() : "";
    if (!NAME.test(name)) {
      warnings.push(`line ${index + 1}: expected NAME=value`);
      return;
    }
    vars[name] = unquote(body.slice(eq + 1));
  });
  return { vars, warnings };
}

/** Host variables a Deno process needs to run and to download npm packages, and nothing else. */
const HOST_BASICS = [
  "PATH",
  "HOME",
  "USER",
  "LANG",
  "LC_ALL",
  "TZ",
  "TMPDIR",
  "XDG_CACHE_HOME",
  "DENO_DIR",
  "DENO_CERT",
  "DENO_TLS_CA_STORE",
  "SSL_CERT_FILE",
  "NODE_EXTRA_CA_CERTS",
  "SSL_CERT_DIR",
  "NPM_CONFIG_REGISTRY",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
] as const;

export type FunctionEnvInput = {
  config: StackConfig;
  /** Variables from `supabase/functions/.env`. */
  fileVars: Record<string, string>;
  hostEnv: NodeJS.ProcessEnv;
  port: number;
};

/**
 * Secrets production sets with `supabase secrets set`, given local values: mail goes to the
 * stack's inbox (as Supabase's local stack routes Auth mail to its mail catcher) and links
 * point at the configured site URL. `.env` overrides them.
 */
export function localSecretDefaults(config: StackConfig): Record<string, string> {
  return {
    SITE_URL: config.supabase.auth.site_url,
    SMTP_HOST: config.host,
    SMTP_PORT: String(config.ports.smtp),
    SMTP_USER: "",
    SMTP_PASS: "",
    SMTP_SENDER: "FlexOffice <noreply@flexoffice.local>",
  };
}

/**
 * The environment of one function process: the platform contract (SUPABASE_URL, keys,
 * DB URL), local values of secrets (mail, site URL), the user's `.env`, and host basics. Names starting with
 * SUPABASE_ are the platform's, as on hosted Supabase, so `.env` cannot override them.
 */
export function buildFunctionEnv({ config, fileVars, hostEnv, port }: FunctionEnvInput): {
  env: Record<string, string>;
  ignored: string[];
} {
  const env: Record<string, string> = {};
  for (const name of HOST_BASICS) {
    const value = hostEnv[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, localSecretDefaults(config));
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(fileVars)) {
    if (name.startsWith("SUPABASE_") || name === "DENO_SERVE_ADDRESS") ignored.push(name);
    else env[name] = value;
  }
  Object.assign(env, {
    SUPABASE_URL: apiUrl(config),
    SUPABASE_ANON_KEY: config.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: config.serviceRoleKey,
    SUPABASE_DB_URL: dbUrl(config),
    DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}`,
    NO_COLOR: "1",
  });
  return { env, ignored };
}

/** Reads `.env` fresh on every process start, so edits apply on the next reload. */
export function readEnvFile(path: string): EnvFile {
  return existsSync(path) ? parseEnvFile(readFileSync(path, "utf8")) : { vars: {}, warnings: [] };
}
