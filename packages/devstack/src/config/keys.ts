import { SignJWT } from "jose";

/** The JWT secret the Supabase CLI uses for local stacks; override with `--jwt-secret` or JWT_SECRET. */
export const DEFAULT_JWT_SECRET = "super-secret-jwt-token-with-at-least-32-characters-long";

/** Fixed issue and expiry times make the printed keys stable across restarts, like the CLI's. */
const ISSUED_AT = 1_700_000_000;
const EXPIRES_AT = ISSUED_AT + 10 * 365 * 24 * 3600;

export async function signApiKey(role: "anon" | "service_role", secret: string): Promise<string> {
  return new SignJWT({ iss: "supabase-demo", role })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(ISSUED_AT)
    .setExpirationTime(EXPIRES_AT)
    .sign(new TextEncoder().encode(secret));
}
