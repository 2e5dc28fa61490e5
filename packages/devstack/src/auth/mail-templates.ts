/**
 * The mails GoTrue sends, with its default subjects and wording, as plain text plus a
 * small HTML body. The action link is GoTrue's: `<base>/verify?token=..&type=..&redirect_to=..`.
 */

export type MailKind = "signup" | "invite" | "recovery" | "magiclink" | "email_change";

export type MailContent = { subject: string; text: string; html: string };

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** GoTrue's encodeRedirectURL: only escaped when it holds `&`, `=` or `#`. */
function encodeRedirect(redirectTo: string): string {
  return /[&=#]/.test(redirectTo) ? encodeURIComponent(redirectTo).replace(/%20/g, "+") : redirectTo;
}

/** The verification link a mail carries (GoTrue's getPath on the external URL). */
export function actionLink(externalUrl: string, tokenHash: string, type: string, redirectTo: string): string {
  return `${externalUrl}/verify?token=${encodeURIComponent(tokenHash)}&type=${encodeURIComponent(type)}&redirect_to=${encodeRedirect(redirectTo)}`;
}

type Copy = { subject: string; heading: string; lead: string; button: string; footer?: string };

const COPY: Record<MailKind, Copy> = {
  signup: {
    subject: "Confirm your email address",
    heading: "Confirm your email address",
    lead: "Follow the link below to confirm this email address and finish signing up.",
    button: "Confirm email address",
  },
  invite: {
    subject: "You've been invited",
    heading: "You've been invited",
    lead: "You've been invited to create an account. Follow the link below to accept.",
    button: "Accept invitation",
  },
  recovery: {
    subject: "Reset your password",
    heading: "Reset your password",
    lead: "We received a request to reset your password. Follow the link below to choose a new one.",
    button: "Reset password",
    footer: "If you didn't request this, you can safely ignore this email.",
  },
  magiclink: {
    subject: "Your sign-in link",
    heading: "Your sign-in link",
    lead: "Follow the link below to sign in. This link expires shortly and can only be used once.",
    button: "Sign in",
  },
  email_change: {
    subject: "Confirm your new email address",
    heading: "Confirm your new email address",
    lead: "Follow the link below to confirm {{newEmail}} as your new email address.",
    button: "Confirm new email address",
    footer: "If you didn't request this change, you can safely ignore this email.",
  },
};

export function renderMail(kind: MailKind, data: { link: string; otp: string; newEmail?: string }): MailContent {
  const copy = COPY[kind];
  const lead = copy.lead.replace("{{newEmail}}", data.newEmail ?? "");
  const text = [
    copy.heading,
    "",
    lead,
    data.link,
    "",
    ...(data.otp ? [`Alternatively, enter the code: ${data.otp}`, ""] : []),
    ...(copy.footer ? [copy.footer] : []),
  ].join("\n");
  const html = [
    `<h2>${escapeHtml(copy.heading)}</h2>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<p><a href="${escapeHtml(data.link)}">${escapeHtml(copy.button)}</a></p>`,
    ...(data.otp ? [`<p>Alternatively, enter the code: ${escapeHtml(data.otp)}</p>`] : []),
    ...(copy.footer ? [`<p>${escapeHtml(copy.footer)}</p>`] : []),
  ].join("\n");
  return { subject: copy.subject, text, html };
}
