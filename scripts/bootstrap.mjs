// `npm run bootstrap` (also run by `npm run dev`): creates the platform super admin from the
// environment, idempotently, with the Auth admin API and the service-role-only RPC
// public.register_super_admin. Environment:
//   SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY   the project (required)
//   SUPER_ADMIN_EMAIL      default admin@flexoffice.local
//   SUPER_ADMIN_PASSWORD   the initial password; when unset, a random one is generated and
//                          printed once, when the user is created
// The new account's email is unconfirmed and a confirmation mail is sent; before any admin
// RPC works the super admin must confirm it, replace the initial password and enable 2FA
// (enforced by the database; see docs/super-admin.md). Re-running changes nothing.
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { createClient } from "@supabase/supabase-js";
import ws from "ws";

export const DEFAULT_SUPER_ADMIN_EMAIL = "admin@flexoffice.local";
const MIN_PASSWORD_LENGTH = 8;

const STEP_TEXT = {
  verify_email: "confirm the email address (link in the mail)",
  change_password: "replace the initial password",
  enable_2fa: "enable two-factor authentication",
};

/** Reads and checks the settings; throws one message naming every problem. */
export function readSettings(env) {
  const problems = [];
  const url = env.SUPABASE_URL?.trim() ?? "";
  const serviceRoleKey = env.SUPABASE_SERVICE_ROLE_KEY?.trim() ?? "";
  const email = (env.SUPER_ADMIN_EMAIL?.trim() || DEFAULT_SUPER_ADMIN_EMAIL).toLowerCase();
  const password = env.SUPER_ADMIN_PASSWORD || null;
  if (!/^https?:\/\/\S+$/.test(url)) problems.push("SUPABASE_URL must be the project URL (http or https)");
  if (!serviceRoleKey) problems.push("SUPABASE_SERVICE_ROLE_KEY is not set");
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) problems.push(`SUPER_ADMIN_EMAIL "${email}" is not an email address`);
  if (password !== null && (password.length < MIN_PASSWORD_LENGTH || Buffer.byteLength(password) > 72)) {
    problems.push(`SUPER_ADMIN_PASSWORD must be ${MIN_PASSWORD_LENGTH} to 72 bytes long`);
  }
  if (problems.length > 0) throw new Error(`bootstrap: ${problems.join("; ")}`);
  return { url, serviceRoleKey, email, password };
}

/** 120 random bits, URL-safe: a printable initial password. */
export const randomPassword = () => randomBytes(15).toString("base64url");

async function register(admin, email) {
  const { data, error } = await admin.rpc("register_super_admin", { p_email: email });
  if (error) throw new Error(`bootstrap: register_super_admin failed: ${error.message}`);
  return data;
}

/**
 * Ensures the super admin exists and is registered. Returns what happened:
 * { userId, created, registered, generatedPassword, remaining }.
 */
export async function bootstrapSuperAdmin(settings, log = console.log) {
  const admin = createClient(settings.url, settings.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: ws },
  });

  let result = await register(admin, settings.email);
  let created = false;
  let generatedPassword = null;
  if (result.result === "no_user") {
    const password = settings.password ?? randomPassword();
    generatedPassword = settings.password ? null : password;
    const { error } = await admin.auth.admin.createUser({
      email: settings.email,
      password,
      email_confirm: false,
      user_metadata: { full_name: "Super admin" },
    });
    if (error && error.code !== "email_exists")
      throw new Error(`bootstrap: could not create ${settings.email}: ${error.message}`);
    created = !error;
    if (created) {
      const sent = await admin.auth.resend({ type: "signup", email: settings.email });
      if (sent.error) log(`bootstrap: the confirmation mail could not be sent (${sent.error.message}); use "resend" at sign-in`);
    }
    result = await register(admin, settings.email);
    if (result.result !== "registered") throw new Error(`bootstrap: ${settings.email} could not be registered as super admin`);
  }

  const remaining = result.remaining ?? [];
  if (created) {
    log(`Super admin ${settings.email} created and registered.`);
    log(
      generatedPassword
        ? `  Initial password (shown once): ${generatedPassword}`
        : "  Initial password: the value of SUPER_ADMIN_PASSWORD",
    );
    log(`  A confirmation mail was sent to ${settings.email}.`);
  } else {
    log(`Super admin ${settings.email} ${result.created ? "registered" : "already registered"} (user ${result.user_id}).`);
  }
  if (remaining.length > 0) {
    log(`  Before any admin action: ${remaining.map((s) => STEP_TEXT[s] ?? s).join(", then ")}.`);
  }
  return { userId: result.user_id, created, registered: result.created, generatedPassword, remaining };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    await bootstrapSuperAdmin(readSettings(process.env));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
