import type { SupabaseClient } from "@supabase/supabase-js";
import { decodeJwt } from "jose";
import { createInboxClient, extractLinks, type MailpitMessage } from "../../../packages/devstack/src/mail/client.ts";
import { createTestClient, stackEnv, uniqueName } from "../../../packages/devstack/src/testing/index.ts";
import { createConfirmedUser, PASSWORD } from "../helpers.ts";

export { adminSql, createTenant, PASSWORD } from "../helpers.ts";

/**
 * Fixtures of the members-and-roles integration tests, on top of ../helpers.ts: sessions
 * with their refresh tokens, role ids, members added through the real invitation flow,
 * and the inbox.
 */

/** The app page invitation links point to (on the origin of the stack's auth site URL, SITE_URL). */
export const ACCEPT_URL = "http://127.0.0.1:5173/invitations/accept";

export type SignedIn = {
  id: string;
  email: string;
  client: SupabaseClient;
  accessToken: string;
  refreshToken: string;
  sessionId: string;
};

export const inbox = () => createInboxClient(stackEnv().inboxUrl);

export const newEmail = (prefix: string) => `${uniqueName(prefix)}@example.test`.toLowerCase();

/** A new client signed in with the password: every call makes a new session. */
export async function signIn(email: string, password = PASSWORD): Promise<SignedIn> {
  const client = createTestClient(stackEnv().anonKey);
  const { data, error } = await client.auth.signInWithPassword({ email, password });
  if (error || !data.session) throw new Error(`could not sign in ${email}: ${error?.message}`);
  return signedIn(client, data.session.access_token, data.session.refresh_token, email);
}

export function signedIn(client: SupabaseClient, accessToken: string, refreshToken: string, email: string): SignedIn {
  const claims = decodeJwt(accessToken);
  return { id: String(claims.sub), email, client, accessToken, refreshToken, sessionId: String(claims.session_id) };
}

export async function newSignedInUser(prefix: string): Promise<SignedIn> {
  return signIn((await createConfirmedUser(prefix)).email);
}

/**
 * A client that keeps sending exactly this access token (no session handling), as a tab
 * would until its token expires.
 */
export function withToken(accessToken: string): SupabaseClient {
  return createTestClient(stackEnv().anonKey, { accessToken });
}

export async function roleId(user: SignedIn, tenantId: string, key: string): Promise<string> {
  const { data, error } = await user.client.from("roles").select("id").eq("tenant_id", tenantId).eq("key", key).single();
  if (error) throw new Error(`role ${key} not found: ${error.message}`);
  return (data as { id: string }).id;
}

/** Adds a user to the tenant with one role the way the app does: invitation, mail, acceptance. */
export async function addMember(admin: SignedIn, tenantId: string, member: SignedIn, roleKey: string): Promise<void> {
  const invited = await admin.client.rpc("invite_member", {
    p_tenant_id: tenantId,
    p_email: member.email,
    p_role_ids: [await roleId(admin, tenantId, roleKey)],
    p_redirect_to: ACCEPT_URL,
  });
  if (invited.error) throw new Error(`invite_member failed: ${invited.error.message}`);
  const since = new Date(Date.now() - 1000);
  await sendInvitation(admin, (invited.data as { id: string }).id);
  const token = invitationTokenOf(await inbox().waitForMessage({ to: member.email, subject: "invited you", since }));
  const accepted = await member.client.rpc("accept_invitation", { p_token: token });
  if (accepted.error) throw new Error(`accept_invitation failed: ${accepted.error.message}`);
}

/** Calls the `invitations` function as the SPA does; returns its status and body. */
export async function sendInvitation(
  user: SignedIn,
  invitationId: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${stackEnv().apiUrl}/functions/v1/invitations`, {
    method: "POST",
    headers: { Authorization: `Bearer ${user.accessToken}`, apikey: stackEnv().anonKey, "Content-Type": "application/json" },
    body: JSON.stringify({ invitation_id: invitationId }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The accept link in an invitation mail, and the token it carries. */
export function invitationLinkOf(message: MailpitMessage): URL {
  const link = extractLinks(message).find((l) => l.startsWith(ACCEPT_URL));
  if (!link) throw new Error(`no link to ${ACCEPT_URL} in: ${extractLinks(message).join(", ")}`);
  return new URL(link);
}

export function invitationTokenOf(message: MailpitMessage): string {
  const token = invitationLinkOf(message).searchParams.get("token");
  if (!token) throw new Error("the invitation link has no token");
  return token;
}

/** The tenants claim of an access token: { "<tenant id>": { r: [role keys], c: mask } }. */
export function tenantClaims(accessToken: string): Record<string, { r: string[]; c: number }> {
  return (decodeJwt(accessToken).tenants ?? {}) as Record<string, { r: string[]; c: number }>;
}
