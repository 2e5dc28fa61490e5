import type { AuthApp } from "./app.ts";
import { ApiError, internalError, tooManyRequests } from "./errors.ts";
import { type AuthRequest, header } from "./http.ts";
import { actionLink, type MailKind, renderMail } from "./mail-templates.ts";
import { pickRedirect } from "./redirect.ts";
import { generateOtp, tokenHash } from "./secrets.ts";
import {
  clearOneTimeTokens,
  type Db,
  deleteIdentity,
  deleteUserSessions,
  type IdentityRow,
  identityByProviderId,
  insertIdentity,
  putOneTimeToken,
  syncProviders,
  type User,
  updateIdentityData,
  updateUser,
  updateUserMetadata,
} from "./store.ts";

/**
 * The user state changes GoTrue's models perform (confirm, recover, password change,
 * email change) and the mails that start them, with GoTrue's token bookkeeping.
 */

export type FlowType = "implicit" | "pkce";

export const flowFromChallenge = (challenge: string): FlowType => (challenge ? "pkce" : "implicit");

const withFlowPrefix = (hash: string, flow: FlowType) => (flow === "pkce" ? `pkce_${hash}` : hash);

export const isConfirmed = (u: { email_confirmed_at: Date | null }) => u.email_confirmed_at !== null;

/** Where links in mails send the user back to: `redirect_to` when allowed, else Referer, else the site URL. */
export function referrer(app: AuthApp, req: AuthRequest): string {
  const requested = header(req, "redirect_to") ?? req.url.searchParams.get("redirect_to") ?? undefined;
  return pickRedirect({ siteUrl: app.settings.siteUrl, allowList: app.settings.allowList }, requested, header(req, "referer"));
}

/** GoTrue's validateSentWithinFrequencyLimit (`[auth.email] max_frequency`). */
function checkFrequency(app: AuthApp, sentAt: Date | null): void {
  if (!sentAt) return;
  const until = sentAt.getTime() + app.settings.maxFrequency * 1000;
  const now = Date.now();
  if (until > now) {
    const left = Math.trunc((until - now) / 1000);
    throw tooManyRequests(
      "over_email_send_rate_limit",
      `For security purposes, you can only request this after ${left} seconds.`,
    );
  }
}

type MailJob = { kind: MailKind; to: string; hash: string; otp: string; linkType: string; redirectTo: string; newEmail?: string };

const SEND_FAILURE: Record<MailKind | "reauthentication", string> = {
  signup: "Error sending confirmation email",
  invite: "Error sending invite email",
  recovery: "Error sending recovery email",
  magiclink: "Error sending magic link email",
  email_change: "Error sending email change email",
  reauthentication: "Error sending reauthentication email",
};

/** The instance-wide `email_sent` budget GoTrue enforces when mails must be confirmed. */
function takeEmailBudget(app: AuthApp): void {
  if (app.settings.rateLimits.emailSent.limit <= 0 || (!app.settings.autoconfirm && !app.limits.emailSent.take("all"))) {
    throw tooManyRequests("over_email_send_rate_limit", "email rate limit exceeded");
  }
}

async function sendMails(app: AuthApp, jobs: MailJob[]): Promise<void> {
  takeEmailBudget(app);
  for (const job of jobs) {
    const link = actionLink(app.settings.externalUrl, job.hash, job.linkType, job.redirectTo);
    try {
      await app.mailer.send(job.to, renderMail(job.kind, { link, otp: job.otp, newEmail: job.newEmail }));
    } catch (e) {
      app.logger.warn(`mail to ${job.to} failed: ${(e as Error).message}`);
      throw internalError(SEND_FAILURE[job.kind]);
    }
  }
}

export async function sendConfirmation(app: AuthApp, db: Db, req: AuthRequest, user: User, flow: FlowType): Promise<void> {
  checkFrequency(app, user.confirmation_sent_at);
  const email = user.email ?? "";
  const otp = generateOtp(app.settings.otpLength);
  const hash = withFlowPrefix(tokenHash(email, otp), flow);
  await sendMails(app, [{ kind: "signup", to: email, hash, otp, linkType: "signup", redirectTo: referrer(app, req) }]);
  const now = new Date();
  await updateUser(db, user.id, { confirmation_token: hash, confirmation_sent_at: now });
  user.confirmation_token = hash;
  user.confirmation_sent_at = now;
  await putOneTimeToken(db, user.id, "confirmation_token", hash, email);
}

export async function sendInvite(app: AuthApp, db: Db, req: AuthRequest, user: User): Promise<void> {
  const email = user.email ?? "";
  const otp = generateOtp(app.settings.otpLength);
  const hash = tokenHash(email, otp);
  await sendMails(app, [{ kind: "invite", to: email, hash, otp, linkType: "invite", redirectTo: referrer(app, req) }]);
  const now = new Date();
  await updateUser(db, user.id, { confirmation_token: hash, confirmation_sent_at: now, invited_at: now });
  Object.assign(user, { confirmation_token: hash, confirmation_sent_at: now, invited_at: now });
  await putOneTimeToken(db, user.id, "confirmation_token", hash, email);
}

/** Recovery and magic link share the recovery token and its timer, as in GoTrue. */
export async function sendRecoveryOrMagicLink(
  app: AuthApp,
  db: Db,
  req: AuthRequest,
  user: User,
  flow: FlowType,
  kind: "recovery" | "magiclink",
): Promise<void> {
  checkFrequency(app, user.recovery_sent_at);
  const email = user.email ?? "";
  const otp = generateOtp(app.settings.otpLength);
  const hash = withFlowPrefix(tokenHash(email, otp), flow);
  await sendMails(app, [{ kind, to: email, hash, otp, linkType: kind, redirectTo: referrer(app, req) }]);
  const now = new Date();
  await updateUser(db, user.id, { recovery_token: hash, recovery_sent_at: now });
  Object.assign(user, { recovery_token: hash, recovery_sent_at: now });
  await putOneTimeToken(db, user.id, "recovery_token", hash, email);
}

/**
 * GoTrue's sendEmailChange: a link to the new address and, with secure email change
 * (`double_confirm_changes`), one to the current address too; both must be followed.
 */
export async function sendEmailChange(
  app: AuthApp,
  db: Db,
  req: AuthRequest,
  user: User,
  newEmail: string,
  flow: FlowType,
): Promise<void> {
  checkFrequency(app, user.email_change_sent_at);
  const redirectTo = referrer(app, req);
  const otpNew = generateOtp(app.settings.otpLength);
  const hashNew = withFlowPrefix(tokenHash(newEmail, otpNew), flow);
  const jobs: MailJob[] = [
    { kind: "email_change", to: newEmail, hash: hashNew, otp: otpNew, linkType: "email_change", redirectTo, newEmail },
  ];
  let hashCurrent = "";
  const current = user.email ?? "";
  if (app.settings.secureEmailChange && current) {
    const otpCurrent = generateOtp(app.settings.otpLength);
    hashCurrent = withFlowPrefix(tokenHash(current, otpCurrent), flow);
    jobs.push({
      kind: "email_change",
      to: current,
      hash: hashCurrent,
      otp: otpCurrent,
      linkType: "email_change",
      redirectTo,
      newEmail,
    });
  }
  await sendMails(app, jobs);
  const now = new Date();
  const patch = {
    email_change: newEmail,
    email_change_token_new: hashNew,
    email_change_token_current: hashCurrent,
    email_change_sent_at: now,
    email_change_confirm_status: 0,
  };
  await updateUser(db, user.id, patch);
  Object.assign(user, patch);
  if (hashCurrent) await putOneTimeToken(db, user.id, "email_change_token_current", hashCurrent, current);
  await putOneTimeToken(db, user.id, "email_change_token_new", hashNew, newEmail);
}

/** GoTrue's sendReauthenticationOtp: a code (no link) for password changes that need it. */
export async function sendReauthentication(app: AuthApp, db: Db, user: User): Promise<void> {
  checkFrequency(app, user.reauthentication_sent_at);
  const email = user.email ?? "";
  const otp = generateOtp(app.settings.otpLength);
  const hash = tokenHash(email, otp);
  takeEmailBudget(app);
  try {
    await app.mailer.send(email, {
      subject: `${otp} is your verification code`,
      text: `Your verification code\n\nUse the code below to verify your identity. It expires shortly.\n${otp}\n`,
      html: `<h2>Your verification code</h2>\n<p>Use the code below to verify your identity. It expires shortly.</p>\n<p>${otp}</p>`,
    });
  } catch {
    throw internalError(SEND_FAILURE.reauthentication);
  }
  const now = new Date();
  await updateUser(db, user.id, { reauthentication_token: hash, reauthentication_sent_at: now });
  await putOneTimeToken(db, user.id, "reauthentication_token", hash, email);
}

/** GoTrue's User.Confirm: email confirmed, token spent, `email_verified` in user_metadata. */
export async function confirmUser(db: Db, user: User): Promise<void> {
  const now = new Date();
  await updateUser(db, user.id, { confirmation_token: "", email_confirmed_at: now });
  user.confirmation_token = "";
  user.email_confirmed_at = now;
  await updateUserMetadata(db, user, { email_verified: true });
  await clearOneTimeTokens(db, user.id);
}

/** GoTrue's UpdatePassword: new hash, every pending token reset, other sessions signed out. */
export async function updatePassword(db: Db, user: User, encryptedPassword: string, keepSessionId: string | null): Promise<void> {
  await updateUser(db, user.id, {
    encrypted_password: encryptedPassword,
    confirmation_token: "",
    confirmation_sent_at: null,
    recovery_token: "",
    recovery_sent_at: null,
    email_change_token_current: "",
    email_change_token_new: "",
    email_change_sent_at: null,
    phone_change_token: "",
    phone_change_sent_at: null,
    reauthentication_token: "",
    reauthentication_sent_at: null,
  });
  user.encrypted_password = encryptedPassword;
  await clearOneTimeTokens(db, user.id);
  await deleteUserSessions(db, user.id, keepSessionId ?? undefined);
}

/** The email identity's data as GoTrue's provider.Claims map gives it. */
export function emailIdentityData(userId: string, email: string, emailVerified = false): Record<string, unknown> {
  return { sub: userId, email, email_verified: emailVerified, phone_verified: false };
}

/** GoTrue's ConfirmEmailChange (plus the email identity update done by emailChangeVerify). */
export async function applyEmailChange(db: Db, user: User): Promise<void> {
  const newEmail = user.email_change ?? "";
  const identity = await identityByProviderId(db, user.id, "email");
  if (!identity) await insertIdentity(db, user, "email", emailIdentityData(user.id, newEmail, true));
  else await updateIdentityData(db, identity, { email: newEmail, email_verified: true });
  if (user.is_anonymous) {
    await updateUser(db, user.id, { is_anonymous: false });
    user.is_anonymous = false;
  }
  const patch = {
    email: newEmail,
    email_change: "",
    email_change_token_current: "",
    email_change_token_new: "",
    email_change_confirm_status: 0,
  };
  await updateUser(db, user.id, patch);
  Object.assign(user, patch);
  await clearOneTimeTokens(db, user.id);
  if (!isConfirmed(user)) await confirmUser(db, user);
}

/**
 * GoTrue's RemoveUnconfirmedIdentities: an unconfirmed account taken over by a new,
 * trusted identity loses its other identities (and its password unless the new identity
 * is email/phone), so an attacker's pre-registered password cannot stay behind.
 */
export async function removeUnconfirmedIdentities(db: Db, user: User, keep: IdentityRow): Promise<void> {
  if (keep.provider !== "email" && keep.provider !== "phone") {
    await updateUser(db, user.id, { encrypted_password: null });
    user.encrypted_password = null;
  }
  user.raw_user_meta_data = null;
  await updateUserMetadata(db, user, keep.identity_data);
  for (const identity of user.identities) if (identity.id !== keep.id) await deleteIdentity(db, identity.id);
  user.identities = user.identities.filter((i) => i.id === keep.id);
  await syncProviders(db, user);
}

/** Wraps failures of user inserts (often an app trigger on auth.users) like GoTrue does. */
export function databaseError(message: string): (e: unknown) => never {
  return (e: unknown) => {
    if (e instanceof ApiError) throw e;
    throw internalError(message);
  };
}
