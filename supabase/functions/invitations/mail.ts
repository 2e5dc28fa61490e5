import { HttpError } from "../_shared/errors.ts";
import type { MailMessage } from "../_shared/smtp.ts";
import type { PreparedInvitation } from "./types.ts";

/** Where the app's accept page lives when the invitation names no page of its own. */
export const DEFAULT_ACCEPT_PATH = "invitations/accept";

/**
 * The link a mail carries: the invitation's page (or the site's accept page) with the token
 * as `?token=`. Only pages on the app's own origins are linked, so nobody can make
 * FlexOffice mail a token to a site of their choosing.
 */
export function invitationLink(
  prepared: Pick<PreparedInvitation, "token" | "invitation">,
  site: { siteUrl: string; linkOrigins: string[] },
): URL {
  const base =
    prepared.invitation.redirect_to ??
    new URL(DEFAULT_ACCEPT_PATH, site.siteUrl.endsWith("/") ? site.siteUrl : `${site.siteUrl}/`).toString();
  const url = new URL(base);
  if (!site.linkOrigins.includes(url.origin)) {
    throw new HttpError(
      422,
      "REDIRECT_NOT_ALLOWED",
      `redirect_to: invitation links may only point to ${site.linkOrigins.join(", ")}, not ${url.origin}`,
    );
  }
  url.hash = "";
  url.searchParams.set("token", prepared.token);
  return url;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** "Editor", "Editor and Sales", "Editor, Sales and Support". */
export function listOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** "21 November 2026, 07:30 UTC": unambiguous in any locale. */
export function formatExpiry(iso: string): string {
  const at = new Date(iso);
  const date = at.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const time = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
  return `${date}, ${time} UTC`;
}

/** The invitation mail to someone who already has a FlexOffice account. */
export function composeInvitationMail(prepared: PreparedInvitation, link: URL): MailMessage {
  const inviter = prepared.inviter_name?.trim() || "A FlexOffice user";
  const tenant = prepared.tenant_name;
  const roles = listOf(prepared.role_names);
  const expires = formatExpiry(prepared.invitation.expires_at);
  const href = link.toString();
  const subject = `${inviter} invited you to ${tenant} on FlexOffice`;
  const text = [
    "Hello,",
    "",
    `${inviter} invited you to join "${tenant}" on FlexOffice as ${roles}.`,
    "",
    `Accept the invitation: ${href}`,
    "",
    `Sign in with ${prepared.invitation.email} to accept. The link works once and expires on ${expires}.`,
    "If you did not expect this invitation, ignore this mail.",
  ].join("\n");
  const html = [
    "<!doctype html>",
    '<html><body style="font-family: system-ui, sans-serif; line-height: 1.5">',
    "<p>Hello,</p>",
    `<p>${escapeHtml(inviter)} invited you to join <strong>${escapeHtml(tenant)}</strong> on FlexOffice as ${escapeHtml(roles)}.</p>`,
    `<p><a href="${escapeHtml(href)}">Accept the invitation</a></p>`,
    `<p>Sign in with ${escapeHtml(prepared.invitation.email)} to accept. The link works once and expires on ${escapeHtml(expires)}.</p>`,
    "<p>If you did not expect this invitation, ignore this mail.</p>",
    "</body></html>",
  ].join("\n");
  return { to: prepared.invitation.email, subject, text, html };
}
