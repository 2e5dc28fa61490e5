import { readFileSync } from "node:fs";
import { parse } from "smol-toml";
import { z } from "zod";

/**
 * The subset of `supabase/config.toml` the devstack honours. Unknown keys are kept
 * (passthrough) so the file stays what the Supabase CLI accepts, not what we parse.
 */
const ExternalProviderSchema = z.looseObject({
  enabled: z.boolean().default(false),
  client_id: z.string().default(""),
  secret: z.string().default(""),
  redirect_uri: z.string().default(""),
  url: z.string().default(""),
  skip_nonce_check: z.boolean().default(false),
});

const HookSchema = z.looseObject({
  enabled: z.boolean().default(false),
  uri: z.string().default(""),
  secrets: z.string().optional(),
});

export const SupabaseConfigSchema = z.looseObject({
  project_id: z.string().default("local"),
  api: z
    .looseObject({
      port: z.number().int().default(54321),
      schemas: z.array(z.string()).default(["public"]),
      extra_search_path: z.array(z.string()).default(["public", "extensions"]),
      max_rows: z.number().int().default(1000),
    })
    .prefault({}),
  db: z
    .looseObject({
      port: z.number().int().default(54322),
      major_version: z.number().int().default(15),
      seed: z
        .looseObject({
          enabled: z.boolean().default(true),
          sql_paths: z.array(z.string()).default(["./seed.sql"]),
        })
        .prefault({}),
    })
    .prefault({}),
  inbucket: z
    .looseObject({
      enabled: z.boolean().default(true),
      port: z.number().int().default(54324),
      smtp_port: z.number().int().default(54325),
    })
    .prefault({}),
  auth: z
    .looseObject({
      site_url: z.string().default("http://127.0.0.1:3000"),
      additional_redirect_urls: z.array(z.string()).default([]),
      jwt_expiry: z.number().int().max(604800).default(3600),
      enable_refresh_token_rotation: z.boolean().default(true),
      refresh_token_reuse_interval: z.number().int().default(10),
      enable_signup: z.boolean().default(true),
      enable_anonymous_sign_ins: z.boolean().default(false),
      enable_manual_linking: z.boolean().default(false),
      minimum_password_length: z.number().int().default(6),
      rate_limit: z
        .looseObject({
          email_sent: z.number().int().default(2),
          sign_in_sign_ups: z.number().int().default(30),
          token_verifications: z.number().int().default(30),
          token_refresh: z.number().int().default(150),
        })
        .prefault({}),
      sessions: z
        .looseObject({
          timebox: z.string().optional(),
          inactivity_timeout: z.string().optional(),
        })
        .prefault({}),
      email: z
        .looseObject({
          enable_signup: z.boolean().default(true),
          double_confirm_changes: z.boolean().default(true),
          enable_confirmations: z.boolean().default(false),
          secure_password_change: z.boolean().default(false),
          max_frequency: z.string().default("1s"),
          otp_length: z.number().int().default(6),
          otp_expiry: z.number().int().default(3600),
        })
        .prefault({}),
      hook: z
        .looseObject({
          custom_access_token: HookSchema.optional(),
          password_verification_attempt: HookSchema.optional(),
        })
        .prefault({}),
      external: z.record(z.string(), ExternalProviderSchema).default({}),
    })
    .prefault({}),
  functions: z.record(z.string(), z.looseObject({ verify_jwt: z.boolean().default(true) })).default({}),
});

export type SupabaseConfig = z.infer<typeof SupabaseConfigSchema>;

/** Replaces `env(NAME)` values like the Supabase CLI does; unset variables become "". */
function substituteEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === "string") {
    const match = /^env\((\w+)\)$/.exec(value.trim());
    return match ? (env[match[1] as string] ?? "") : value;
  }
  if (Array.isArray(value)) return value.map((v) => substituteEnv(v, env));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteEnv(v, env)]));
  }
  return value;
}

/**
 * Applies `section.key=value` overrides (value parsed as JSON when it parses, else a
 * string), so a throwaway stack can differ from config.toml without a second file.
 */
export function applyOverrides(raw: Record<string, unknown>, overrides: Record<string, string>): Record<string, unknown> {
  for (const [path, text] of Object.entries(overrides)) {
    const keys = path.split(".");
    let node = raw;
    for (const key of keys.slice(0, -1)) {
      if (!node[key] || typeof node[key] !== "object") node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // a bare string
    }
    node[keys[keys.length - 1] as string] = value;
  }
  return raw;
}

export function loadSupabaseConfig(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
  overrides: Record<string, string> = {},
): SupabaseConfig {
  const raw = applyOverrides(parse(readFileSync(path, "utf8")) as Record<string, unknown>, overrides);
  const result = SupabaseConfigSchema.safeParse(substituteEnv(raw, env));
  if (!result.success) {
    const issues = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`${path} is invalid:\n${issues}`);
  }
  return result.data;
}
