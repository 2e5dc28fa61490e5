import { afterAll, describe, expect, test } from "vitest";
import { extractLinks } from "../../../packages/devstack/src/mail/client.ts";
import { createTestClient, stackEnv } from "../../../packages/devstack/src/testing/index.ts";
import {
  ACCEPT_URL,
  addMember,
  adminSql,
  createTenant,
  inbox,
  invitationLinkOf,
  invitationTokenOf,
  newEmail,
  newSignedInUser,
  PASSWORD,
  roleId,
  sendInvitation,
  signedIn,
  signIn,
  tenantClaims,
} from "./fixtures.ts";

/**
 * The invitation flow end to end, as the SPA drives it: invite_member, then the
 * `invitations` function mails the link (SMTP for existing accounts, GoTrue's invite for
 * new addresses), the mail arrives in the stack's inbox, the invitee follows the link and
 * accepts. Denials answer 403 and leave an audit entry.
 */
const sql = adminSql();
afterAll(() => sql.end());

async function invite(admin: Awaited<ReturnType<typeof newSignedInUser>>, tenantId: string, email: string, roleKey: string) {
  const { data, error } = await admin.client.rpc("invite_member", {
    p_tenant_id: tenantId,
    p_email: email,
    p_role_ids: [await roleId(admin, tenantId, roleKey)],
    p_redirect_to: ACCEPT_URL,
  });
  expect(error).toBeNull();
  return data as { id: string; email: string; state: string };
}

describe("inviting someone who already has an account", () => {
  test("the mail names tenant, inviter and role; its link lets the invitee join once", async () => {
    const admin = await newSignedInUser("inv-admin");
    const tenantName = `Acme ${Date.now().toString(36)}`;
    const tenantId = await createTenant(admin, tenantName);
    const invitee = await newSignedInUser("inv-existing");

    const invitation = await invite(admin, tenantId, invitee.email.toUpperCase(), "editor");
    expect(invitation).toMatchObject({ email: invitee.email, state: "pending" });
    const since = new Date(Date.now() - 1000);
    const sent = await sendInvitation(admin, invitation.id);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ delivery: "invitation_mail", invitation: { id: invitation.id, send_count: 1 } });

    const message = await inbox().waitForMessage({ to: invitee.email, subject: "invited you", since });
    expect(message.Subject).toBe(`${admin.email} invited you to ${tenantName} on FlexOffice`);
    expect(message.Text).toContain(`invited you to join "${tenantName}" on FlexOffice as Editor.`);
    const token = invitationTokenOf(message);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const details = await invitee.client.rpc("get_invitation", { p_token: token });
    expect(details.error).toBeNull();
    expect(details.data).toMatchObject({
      email_matches: true,
      tenant: { id: tenantId, name: tenantName },
      roles: [{ key: "editor" }],
    });

    const accepted = await invitee.client.rpc("accept_invitation", { p_token: token });
    expect(accepted.error).toBeNull();
    expect(accepted.data).toMatchObject({
      tenant: { id: tenantId },
      member: { role_keys: ["editor"] },
      invitation: { state: "accepted" },
    });
    expect((await invitee.client.from("tenants").select("id").eq("id", tenantId)).data).toEqual([{ id: tenantId }]);

    const refreshed = await invitee.client.auth.refreshSession();
    expect(refreshed.error).toBeNull();
    expect(tenantClaims(refreshed.data.session?.access_token ?? "")[tenantId]?.r).toEqual(["editor"]);

    const again = await invitee.client.rpc("accept_invitation", { p_token: token });
    expect(again.status).toBe(409);
    expect(again.error?.code).toBe("FOCON");
    expect(again.error?.message).toBe("This invitation has already been accepted.");
  });

  test("sending again mails a new link; the earlier one stops working", async () => {
    const admin = await newSignedInUser("inv-resend-admin");
    const tenantId = await createTenant(admin);
    const invitee = await newSignedInUser("inv-resend");
    const invitation = await invite(admin, tenantId, invitee.email, "viewer");

    const firstSince = new Date(Date.now() - 1000);
    expect((await sendInvitation(admin, invitation.id)).status).toBe(200);
    const first = invitationTokenOf(
      await inbox().waitForMessage({ to: invitee.email, subject: "invited you", since: firstSince }),
    );
    await new Promise((r) => setTimeout(r, 1100));
    const secondSince = new Date();
    const resent = await sendInvitation(admin, invitation.id);
    expect(resent.body).toMatchObject({ invitation: { send_count: 2 } });
    const second = invitationTokenOf(
      await inbox().waitForMessage({ to: invitee.email, subject: "invited you", since: secondSince }),
    );
    expect(second).not.toBe(first);

    const stale = await invitee.client.rpc("accept_invitation", { p_token: first });
    expect(stale.status).toBe(404);
    expect(stale.error?.code).toBe("FONF0");
    expect((await invitee.client.rpc("accept_invitation", { p_token: second })).error).toBeNull();
  });
});

describe("inviting an address without an account", () => {
  test("GoTrue's invite creates the account; its link signs the newcomer in and carries the token", async () => {
    const admin = await newSignedInUser("inv-new-admin");
    const tenantName = `Newco ${Date.now().toString(36)}`;
    const tenantId = await createTenant(admin, tenantName);
    const email = newEmail("newcomer");

    const invitation = await invite(admin, tenantId, email, "viewer");
    const sent = await sendInvitation(admin, invitation.id);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ delivery: "account_invite" });

    const message = await inbox().waitForMessage({ to: email, subject: "invited" });
    const verify = extractLinks(message).find((l) => l.startsWith(`${stackEnv().apiUrl}/auth/v1/verify`));
    expect(verify, extractLinks(message).join(", ")).toBeDefined();
    const followed = await fetch(verify as string, { redirect: "manual" });
    expect(followed.status).toBeGreaterThanOrEqual(300);
    const landing = new URL(followed.headers.get("location") ?? "");
    expect(`${landing.origin}${landing.pathname}`).toBe(ACCEPT_URL);
    const token = landing.searchParams.get("token") ?? "";
    const fragment = new URLSearchParams(landing.hash.slice(1));
    expect(fragment.get("type")).toBe("invite");

    // The accept page: take the session from the fragment, set a password, accept.
    const client = createTestClient(stackEnv().anonKey);
    const session = await client.auth.setSession({
      access_token: fragment.get("access_token") ?? "",
      refresh_token: fragment.get("refresh_token") ?? "",
    });
    expect(session.error).toBeNull();
    expect((await client.auth.updateUser({ password: PASSWORD })).error).toBeNull();
    const newcomer = signedIn(client, fragment.get("access_token") ?? "", fragment.get("refresh_token") ?? "", email);
    expect((await newcomer.client.rpc("get_invitation", { p_token: token })).data).toMatchObject({
      tenant: { name: tenantName },
    });
    const accepted = await newcomer.client.rpc("accept_invitation", { p_token: token });
    expect(accepted.error).toBeNull();
    expect(accepted.data).toMatchObject({ member: { role_keys: ["viewer"] } });

    const later = await signIn(email);
    expect((await later.client.from("tenants").select("name").eq("id", tenantId)).data).toEqual([{ name: tenantName }]);
  });
});

describe("refusals answer 403 and are audited", () => {
  test("a Viewer cannot invite, nor mail an invitation", async () => {
    const admin = await newSignedInUser("inv-deny-admin");
    const tenantId = await createTenant(admin);
    const viewer = await newSignedInUser("inv-deny-viewer");
    await addMember(admin, tenantId, viewer, "viewer");

    const friend = newEmail("friend");
    const refused = await viewer.client.rpc("invite_member", {
      p_tenant_id: tenantId,
      p_email: friend,
      p_role_ids: [await roleId(viewer, tenantId, "viewer")],
    });
    expect(refused.status).toBe(403);
    expect(refused.error?.code).toBe("FODEN");
    expect(refused.error?.message).toBe("Not allowed to invite member: this needs the manage_members capability.");

    const invitation = await invite(admin, tenantId, newEmail("pending"), "viewer");
    const mailed = await sendInvitation(viewer, invitation.id);
    expect(mailed.status).toBe(403);
    expect(mailed.body).toEqual({
      error: { code: "FORBIDDEN", message: "Not allowed to send invitation: this needs the manage_members capability." },
    });

    const entries = await sql`
      select action, outcome, details ->> 'reason' as reason from audit.entries
      where tenant_id = ${tenantId} and actor_id = ${viewer.id} and outcome = 'denied' order by id`;
    expect(entries.map((e) => ({ ...e }))).toEqual([
      { action: "invite_member", outcome: "denied", reason: "this needs the manage_members capability" },
      { action: "send_invitation", outcome: "denied", reason: "this needs the manage_members capability" },
    ]);
    expect((await admin.client.from("invitations").select("id").eq("tenant_id", tenantId).eq("email", friend)).data).toEqual([]);
  });

  test("someone else holding the link cannot accept it", async () => {
    const admin = await newSignedInUser("inv-steal-admin");
    const tenantId = await createTenant(admin);
    const invitee = await newSignedInUser("inv-steal-invitee");
    const thief = await newSignedInUser("inv-thief");
    const invitation = await invite(admin, tenantId, invitee.email, "editor");
    const since = new Date(Date.now() - 1000);
    await sendInvitation(admin, invitation.id);
    const link = invitationLinkOf(await inbox().waitForMessage({ to: invitee.email, subject: "invited you", since }));
    const token = link.searchParams.get("token") ?? "";

    const peek = await thief.client.rpc("get_invitation", { p_token: token });
    expect(peek.data).toEqual({
      email_matches: false,
      email_hint: `${invitee.email[0]}***@example.test`,
      reason: "the invitation was sent to another email address",
    });
    const stolen = await thief.client.rpc("accept_invitation", { p_token: token });
    expect(stolen.status).toBe(403);
    expect(stolen.error?.code).toBe("FODEN");
    expect((await thief.client.from("tenants").select("id").eq("id", tenantId)).data).toEqual([]);
    const [entry] = await sql`
      select details ->> 'reason' as reason from audit.entries
      where actor_id = ${thief.id} and action = 'accept_invitation' and outcome = 'denied'`;
    expect(entry?.reason).toBe("the invitation was sent to another email address");

    expect((await invitee.client.rpc("accept_invitation", { p_token: token })).error).toBeNull();
  });
});
