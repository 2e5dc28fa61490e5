import type { SupabaseClient } from "@supabase/supabase-js";
import { decodeJwt } from "jose";
import postgres from "postgres";
import { createTestClient, stackEnv, uniqueName } from "../../packages/devstack/src/testing/index.ts";

/**
 * Shared fixtures for the project's integration tests (identity, tenants, sessions):
 * confirmed users made with the admin API, signed-in clients, and a superuser SQL
 * connection for time travel and inspection.
 */
export const PASSWORD = "correct-horse-battery-9";

export type SignedInUser = { id: string; email: string; client: SupabaseClient; accessToken: string; sessionId: string };

export const adminSql = () => postgres(stackEnv().adminDbUrl, { max: 2, onnotice: () => {} });

export async function createConfirmedUser(prefix = "user"): Promise<{ id: string; email: string }> {
  const email = `${uniqueName(prefix)}@example.test`.toLowerCase();
  const admin = createTestClient(stackEnv().serviceRoleKey);
  const { data, error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
  if (error || !data.user) throw new Error(`could not create ${email}: ${error?.message}`);
  return { id: data.user.id, email };
}

export async function signIn(email: string): Promise<SignedInUser> {
  const client = createTestClient(stackEnv().anonKey);
  const { data, error } = await client.auth.signInWithPassword({ email, password: PASSWORD });
  if (error || !data.session) throw new Error(`could not sign in ${email}: ${error?.message}`);
  const claims = decodeJwt(data.session.access_token);
  return { id: data.user.id, email, client, accessToken: data.session.access_token, sessionId: String(claims.session_id) };
}

export async function newSignedInUser(prefix = "user"): Promise<SignedInUser> {
  const user = await createConfirmedUser(prefix);
  return signIn(user.email);
}

/** Creates a tenant as the user (who becomes its Admin) and returns its id. */
export async function createTenant(user: SignedInUser, name = uniqueName("Tenant")): Promise<string> {
  const { data, error } = await user.client.rpc("create_tenant", { p_name: name });
  if (error) throw new Error(`create_tenant failed: ${error.message}`);
  return (data as { id: string }).id;
}
