import type { SupabaseClient } from "@supabase/supabase-js";
import type { Page } from "playwright-core";
import type { TestUser } from "./fixtures.ts";
import type { JourneyContext } from "./harness.ts";
import type { Mail } from "./inbox.ts";
import { heading, rpc } from "./steps.ts";

/**
 * Steps through the members screens (members, invitations, roles, permission editor,
 * explain), for the members journey and for longer journeys that need a member with a role
 * (the lead's "Viewer cannot edit" and "custom role sees only its rows"). Each step acts as
 * a person would (labels, buttons) and waits for what the screen answers.
 */

/** Opens a section of the workspace from the sidebar. */
export async function openSection(page: Page, name: "Members" | "Roles"): Promise<void> {
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name, exact: true }).click();
  await heading(page, name);
}

/** Members page → "Invite people": invites `email` with exactly the given roles and waits for the mail to be sent. */
export async function inviteMember(page: Page, email: string, roles: string[] | string, beforeSend?: () => Promise<void>) {
  const wanted = Array.isArray(roles) ? roles : [roles];
  await page.getByRole("button", { name: "Invite people" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite people" });
  await dialog.getByLabel("Email addresses").fill(email);
  const boxes = dialog.getByRole("group", { name: "Roles" }).getByRole("checkbox");
  for (let i = 0; i < (await boxes.count()); i += 1) {
    const box = boxes.nth(i);
    const name = (await box.getAttribute("id")) ?? "";
    const label = (await dialog.locator(`label[for="${name}"]`).textContent())?.trim() ?? "";
    const checked = (await box.getAttribute("aria-checked")) === "true";
    if (wanted.includes(label) !== checked) await box.click();
  }
  await beforeSend?.();
  await dialog.getByRole("button", { name: "Send invitations" }).click();
  await page.getByText(`Invitation sent to ${email}.`).waitFor();
  await dialog.waitFor({ state: "hidden" });
  await page.getByRole("button", { name: `Send again to ${email}` }).waitFor();
}

/**
 * The link of the invitation mail, pointing at the app under test. The mail links to the
 * server's accept page (SITE_URL + /invitations/accept); the journeys serve the app on
 * another port of the same loopback host, so the accept page's origin is swapped (for a
 * new address, inside GoTrue's `redirect_to`).
 */
export function invitationLink(mail: Mail, baseUrl: string): string {
  const app = new URL(baseUrl);
  const toApp = (raw: string) => {
    const url = new URL(raw);
    url.protocol = app.protocol;
    url.host = app.host;
    return url.toString();
  };
  const invite = mail.links.find((link) => link.includes("type=invite") && link.includes("redirect_to="));
  if (invite) {
    const url = new URL(invite);
    url.searchParams.set("redirect_to", toApp(url.searchParams.get("redirect_to") ?? ""));
    return url.toString();
  }
  const direct = mail.links.find((link) => link.includes("/invitations/accept") && link.includes("token="));
  if (!direct) throw new Error(`mail "${mail.subject}" has no invitation link; links: ${mail.links.join(", ")}`);
  return toApp(direct);
}

/**
 * A new address opens its invitation link (GoTrue's invite: it creates and signs in the
 * account), chooses a password and accepts; lands in the workspace.
 */
export async function acceptInvitationAsNewUser(page: Page, link: string, password: string, onPage?: () => Promise<void>) {
  await page.goto(link);
  await heading(page, "Join a workspace");
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password", { exact: true }).fill(password);
  await onPage?.();
  await page.getByRole("button", { name: "Accept and join" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/t/"));
}

/** Signs out from the account menu of whoever is signed in. */
export async function signOutFromMenu(page: Page, email: string): Promise<void> {
  await page.getByRole("button", { name: `Account menu for ${email}` }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.waitForURL((url) => url.pathname === "/sign-in");
}

/** Members page → a member's actions menu → an item ("Change roles", "Member attributes", …). */
export async function memberAction(page: Page, member: string, item: string): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${member}` }).click();
  await page.getByRole("menuitem", { name: item }).click();
}

/** Members page: gives `member` exactly `roles` through the roles dialog. */
export async function setMemberRoles(page: Page, member: string, roles: string[], onDialog?: () => Promise<void>) {
  await memberAction(page, member, "Change roles");
  const dialog = page.getByRole("dialog", { name: `Roles of ${member}` });
  const group = dialog.getByRole("group", { name: "Roles" });
  const boxes = group.getByRole("checkbox");
  for (let i = 0; i < (await boxes.count()); i += 1) {
    const box = boxes.nth(i);
    const id = (await box.getAttribute("id")) ?? "";
    const label = (await dialog.locator(`label[for="${id}"]`).textContent())?.trim() ?? "";
    const checked = (await box.getAttribute("aria-checked")) === "true";
    if (roles.includes(label) !== checked) await box.click();
  }
  await onDialog?.();
  await dialog.getByRole("button", { name: "Save roles" }).click();
  await page.getByText(`The roles of ${member} were saved.`).waitFor();
}

/** Members page: sets a member's attributes (text values) through the attributes dialog. */
export async function setMemberAttributes(page: Page, member: string, attributes: Record<string, string>) {
  await memberAction(page, member, "Member attributes");
  const dialog = page.getByRole("dialog", { name: `Attributes of ${member}` });
  let number = await dialog.getByRole("textbox", { name: /^Key of attribute/ }).count();
  for (const [key, value] of Object.entries(attributes)) {
    number += 1;
    await dialog.getByRole("button", { name: "Add attribute" }).click();
    await dialog.getByRole("textbox", { name: `Key of attribute ${number}` }).fill(key);
    await dialog.getByRole("textbox", { name: `Value of attribute ${number}` }).fill(value);
  }
  await dialog.getByRole("button", { name: "Save attributes" }).click();
  await page.getByText(`The attributes of ${member} were saved.`).waitFor();
}

export type RoleRule = {
  /** Label of the field the row rule compares. */
  field: string;
  /** The comparison's words ("is", "contains", …). */
  comparison: string;
  /** A variable's label ("The member's email", "The member themselves"), or a literal value to type. */
  variable?: string;
  value?: string;
};

export type RoleWithRule = {
  name: string;
  description?: string;
  blueprint: string;
  /** The read grant's row rule. */
  rule: RoleRule;
  /** Fields the role may not read. */
  hiddenFields?: string[];
  /** Also let the role change the records it can read (same rule). */
  canUpdate?: boolean;
};

/**
 * Roles page → "Create role" → the role's page: allows reading `blueprint`'s records that
 * match `rule`, hides `hiddenFields`, and saves. Leaves the page on the saved role.
 */
export async function createRoleWithRule(page: Page, role: RoleWithRule, onEditor?: () => Promise<void>): Promise<void> {
  await page.getByRole("button", { name: "Create role" }).click();
  const dialog = page.getByRole("dialog", { name: "Create a role" });
  await dialog.getByLabel("Name", { exact: true }).fill(role.name);
  if (role.description) await dialog.getByLabel("Description", { exact: true }).fill(role.description);
  await dialog.getByRole("button", { name: "Create role" }).click();
  await page.getByText(`The role “${role.name}” was created.`).waitFor();
  await heading(page, role.name);

  await page.getByLabel("Blueprint", { exact: true }).selectOption({ label: role.blueprint });
  await page.getByRole("switch", { name: "Allow: Read" }).click();
  const read = page.getByRole("region", { name: "Read" });
  await read.getByRole("radio", { name: "Only records that match a rule" }).check();
  const builder = read.getByRole("group", { name: "Row rule for Read" });
  await builder.getByRole("button", { name: "Add condition" }).click();
  await builder.getByRole("combobox", { name: "Field of condition 1" }).selectOption({ label: role.rule.field });
  await builder.getByRole("combobox", { name: "Comparison of condition 1" }).selectOption({ label: role.rule.comparison });
  if (role.rule.variable) {
    await builder.getByRole("combobox", { name: "Compare condition 1 with" }).selectOption({ label: role.rule.variable });
  } else if (role.rule.value !== undefined) {
    await builder.getByLabel("Value of condition 1").fill(role.rule.value);
  }
  if (role.canUpdate) await page.getByRole("switch", { name: "Allow: Change" }).click();
  for (const field of role.hiddenFields ?? []) {
    await page.getByRole("checkbox", { name: `Read: ${field}` }).click();
  }
  await onEditor?.();
  await page.getByRole("button", { name: "Save permissions" }).click();
  await page.getByText(`The permissions of ${role.name} on ${role.blueprint} were saved.`).waitFor();
  await page.getByText("Customized, last saved").waitFor();
}

/** Members page → a member's "What can they do?" → the explain page for `blueprint`. */
export async function openExplain(page: Page, member: string, blueprint: string): Promise<void> {
  await memberAction(page, member, "What can they do?");
  await heading(page, "Access explained");
  await page.getByLabel("Blueprint", { exact: true }).selectOption({ label: blueprint });
  await page.getByRole("heading", { name: "Roles and where their rules come from" }).waitFor();
}

/** Adds a member the way the app does: invitation, the mail's link token, acceptance by the invitee. */
export async function addMember(ctx: JourneyContext, api: SupabaseClient, tenantId: string, member: TestUser, roleKey: string) {
  const { data: role, error } = await api.from("roles").select("id").eq("tenant_id", tenantId).eq("key", roleKey).single();
  if (error || !role) throw new Error(`no ${roleKey} role: ${error?.message}`);
  const invitation = await rpc<{ id: string }>(api, "invite_member", {
    p_tenant_id: tenantId,
    p_email: member.email,
    p_role_ids: [role.id],
  });
  const sent = await api.functions.invoke("invitations", { body: { invitation_id: invitation.id } });
  if (sent.error) {
    const context = (sent.error as { context?: Response }).context;
    throw new Error(`the invitation mail was not sent: ${sent.error.message} ${context ? await context.text() : ""}`);
  }
  const mail = await ctx.inbox.waitForMail(member.email, (m) => m.links.some((l) => l.includes("token=")));
  const token = new URL(mail.links.find((l) => l.includes("token=")) ?? "").searchParams.get("token");
  const memberApi = await ctx.fixtures.clientFor(member);
  await rpc(memberApi, "accept_invitation", { p_token: token });
  return memberApi;
}
