import { type AuthApp, inTx, limit } from "../app.ts";
import { ApiError, badRequest, forbidden, OAUTH_ERROR_BY_STATUS, unprocessable } from "../errors.ts";
import { type AuthRequest, encodeValues, json, jsonBody, type Reply, redirect, str } from "../http.ts";
import { randomPassword, tokenHash } from "../secrets.ts";
import { isBanned, issueSession, requestAud, type TokenResponse } from "../sessions.ts";
import {
  audit,
  clearOneTimeTokens,
  type Db,
  latestFlowStateForUser,
  reloadUser,
  syncProviders,
  type User,
  updateFlowState,
  updateIdentityData,
  updateUser,
  userByEmail,
  userByTokenHash,
} from "../store.ts";
import { applyEmailChange, confirmUser, isConfirmed, referrer, updatePassword } from "../user-actions.ts";
import { hashPassword, validateEmail } from "../validation.ts";

const SINGLE_CONFIRMATION = "Confirmation link accepted. Please proceed to confirm link sent to the other email";
const EMAIL_TYPES = ["signup", "invite", "recovery", "magiclink", "email_change", "email"];

type Params = { type: string; token: string; tokenHash: string; email: string; redirectTo: string };

/** Authentication method recorded for a PKCE verification (GoTrue's ParseAuthenticationMethod). */
function methodForType(type: string): string {
  if (type.endsWith("signup")) return "email/signup";
  if (["recovery", "invite", "magiclink", "email_change"].includes(type)) return type;
  throw new ApiError(500, undefined, `unsupported authentication method "${type}"`);
}

const expired = (sentAt: Date | null, otpExpiry: number) => !sentAt || Date.now() > sentAt.getTime() + otpExpiry * 1000;

/** GoTrue's verifyTokenHash: the link's token hash selects the user; the type picks the column. */
async function userFromTokenHash(app: AuthApp, db: Db, p: Params): Promise<User> {
  const kind =
    p.type === "email"
      ? "confirmation_or_recovery"
      : p.type === "signup" || p.type === "invite"
        ? "confirmation_token"
        : p.type === "recovery" || p.type === "magiclink"
          ? "recovery_token"
          : p.type === "email_change"
            ? "email_change"
            : null;
  if (!kind) throw badRequest("validation_failed", "Invalid email verification type");
  const user = await userByTokenHash(db, kind, p.tokenHash);
  if (!user) throw forbidden("otp_expired", "Email link is invalid or has expired");
  if (isBanned(user)) throw forbidden("user_banned", "User is banned");
  let sentAt: Date | null = null;
  if (p.type === "email") {
    sentAt = user.confirmation_sent_at;
    p.type = "signup";
    if (user.recovery_token === p.tokenHash) {
      sentAt = user.recovery_sent_at;
      p.type = "magiclink";
    }
  } else if (p.type === "signup" || p.type === "invite") sentAt = user.confirmation_sent_at;
  else if (p.type === "recovery" || p.type === "magiclink") sentAt = user.recovery_sent_at;
  else sentAt = user.email_change_sent_at;
  if (expired(sentAt, app.settings.otpExpiry)) throw forbidden("otp_expired", "Email link is invalid or has expired");
  return user;
}

/** GoTrue's isOtpValid: unexpired and equal to the stored hash (with or without the pkce_ prefix). */
function otpValid(actual: string, expected: string | null, sentAt: Date | null, otpExpiry: number): boolean {
  if (!expected || !sentAt) return false;
  return !expired(sentAt, otpExpiry) && (actual === expected || `pkce_${actual}` === expected);
}

/** GoTrue's verifyUserAndToken: email + 6-digit code instead of a link. */
async function userFromEmailOtp(app: AuthApp, db: Db, p: Params, aud: string): Promise<User> {
  const invalid = () => forbidden("otp_expired", "Token has expired or is invalid");
  let user: User | null;
  if (p.type === "email_change") {
    const rows = await db<{ id: string }[]>`
      select id from auth.users
      where is_sso_user = false and aud = ${aud}
        and ((lower(email) = ${p.email} and email_change_token_current in (${p.tokenHash}, ${`pkce_${p.tokenHash}`}))
          or (lower(email_change) = ${p.email} and email_change_token_new in (${p.tokenHash}, ${`pkce_${p.tokenHash}`})))
      limit 1`;
    user = rows[0] ? await reloadUser(db, rows[0]) : null;
  } else {
    user = await userByEmail(db, p.email, aud);
  }
  if (!user) throw invalid();
  if (isBanned(user)) throw forbidden("user_banned", "User is banned");
  const exp = app.settings.otpExpiry;
  let valid = false;
  if (p.type === "email") {
    if (otpValid(p.tokenHash, user.confirmation_token, user.confirmation_sent_at, exp)) {
      valid = true;
      p.type = "signup";
    } else if (otpValid(p.tokenHash, user.recovery_token, user.recovery_sent_at, exp)) {
      valid = true;
      p.type = "magiclink";
    }
  } else if (p.type === "signup" || p.type === "invite") {
    valid = otpValid(p.tokenHash, user.confirmation_token, user.confirmation_sent_at, exp);
  } else if (p.type === "recovery" || p.type === "magiclink") {
    valid = otpValid(p.tokenHash, user.recovery_token, user.recovery_sent_at, exp);
  } else if (p.type === "email_change") {
    valid =
      otpValid(p.tokenHash, user.email_change_token_current, user.email_change_sent_at, exp) ||
      otpValid(p.tokenHash, user.email_change_token_new, user.email_change_sent_at, exp);
  }
  if (!valid) throw invalid();
  return user;
}

async function signupVerify(db: Db, user: User): Promise<void> {
  if (!user.encrypted_password && user.invited_at) {
    await updatePassword(db, user, await hashPassword(randomPassword()), null);
  }
  await audit(db, user, "user_signedup", "", { provider: "email" });
  await confirmUser(db, user);
  for (const identity of user.identities) {
    if (!identity.email || !user.email || identity.email !== user.email) continue;
    await updateIdentityData(db, identity, { email_verified: true });
  }
}

async function recoverVerify(db: Db, user: User): Promise<void> {
  await updateUser(db, user.id, { recovery_token: "" });
  user.recovery_token = "";
  await clearOneTimeTokens(db, user.id);
  if (!isConfirmed(user)) {
    await audit(db, user, "user_signedup", "", { provider: "email" });
    await confirmUser(db, user);
  } else {
    await audit(db, user, "login");
  }
}

/**
 * GoTrue's emailChangeVerify. With secure email change the first of the two links only
 * records the confirmation (null is returned); the second one applies the change.
 */
async function emailChangeVerify(app: AuthApp, db: Db, p: Params, user: User): Promise<User | null> {
  if (
    !app.settings.autoconfirm &&
    app.settings.secureEmailChange &&
    (user.email_change_confirm_status ?? 0) === 0 &&
    user.email
  ) {
    const matches = (stored: string | null) =>
      !!stored && (p.tokenHash === stored || p.token === stored || `pkce_${p.tokenHash}` === stored);
    const patch: Record<string, string | number> = { email_change_confirm_status: 1 };
    if (matches(user.email_change_token_current)) {
      patch.email_change_token_current = "";
      await clearOneTimeTokens(db, user.id, "email_change_token_current");
    } else if (matches(user.email_change_token_new)) {
      patch.email_change_token_new = "";
      await clearOneTimeTokens(db, user.id, "email_change_token_new");
    }
    await updateUser(db, user.id, patch);
    return null;
  }
  await audit(db, user, "user_modified");
  await applyEmailChange(db, user);
  return user;
}

/** Runs the type-specific verification; null means "first of two email change links accepted". */
async function applyVerification(app: AuthApp, db: Db, p: Params, user: User): Promise<User | null> {
  switch (p.type) {
    case "signup":
    case "invite":
      await signupVerify(db, user);
      break;
    case "recovery":
    case "magiclink":
      await recoverVerify(db, user);
      break;
    case "email_change":
      if (!(await emailChangeVerify(app, db, p, user))) return null;
      break;
    default:
      throw badRequest("validation_failed", "Unsupported verification type");
  }
  await syncProviders(db, user);
  return reloadUser(db, user);
}

/** GoTrue's prepErrorRedirectURL: error details in the fragment (and the query for PKCE). */
function errorRedirect(err: ApiError, redirectTo: string, pkce: boolean): string {
  const values: Record<string, string> = { error_code: err.errorCode ?? "", error_description: err.message };
  const oauthError = OAUTH_ERROR_BY_STATUS[err.status];
  if (oauthError) values.error = oauthError;
  return withFragment(pkce ? withQuery(redirectTo, values) : redirectTo, { ...values, sb: "" });
}

function withQuery(url: string, values: Record<string, string>): string {
  try {
    const u = new URL(url);
    for (const [k, v] of Object.entries(values)) u.searchParams.set(k, v);
    return u.toString();
  } catch {
    const sep = url.includes("?") ? "&" : "?";
    return `${url}${sep}${encodeValues(values)}`;
  }
}

function withFragment(url: string, values: Record<string, string>): string {
  return `${url.split("#")[0]}#${encodeValues(values)}`;
}

/** GoTrue's AsRedirectURL: the session in the URL fragment, `sb` marking a Supabase Auth redirect. */
export function tokenRedirect(redirectTo: string, t: TokenResponse, extra: Record<string, string>): string {
  return `${redirectTo}#${encodeValues({
    ...extra,
    access_token: t.access_token,
    token_type: t.token_type,
    expires_in: String(t.expires_in),
    expires_at: String(t.expires_at),
    refresh_token: t.refresh_token,
    sb: "",
  })}`;
}

async function verifyGet(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const p: Params = {
    type: req.url.searchParams.get("type") ?? "",
    token: req.url.searchParams.get("token") ?? "",
    tokenHash: "",
    email: "",
    redirectTo: referrer(app, req),
  };
  if (!p.type) throw badRequest("validation_failed", "Verify requires a verification type");
  if (!p.token) throw badRequest("validation_failed", "Verify requires a token or a token hash");
  p.tokenHash = p.token;
  const pkce = p.token.startsWith("pkce_");
  const method = pkce ? methodForType(p.type) : "";

  type Outcome = { kind: "message" } | { kind: "token"; token: TokenResponse } | { kind: "code"; code: string };
  let outcome: Outcome;
  try {
    outcome = await inTx(app, async (db): Promise<Outcome> => {
      const user = await userFromTokenHash(app, db, p);
      const verified = await applyVerification(app, db, p, user);
      if (!verified) return { kind: "message" };
      if (!pkce) return { kind: "token", token: await issueSession(app, db, verified, "otp", req) };
      const flow = await latestFlowStateForUser(db, verified.id, method);
      if (!flow?.auth_code)
        throw badRequest("flow_state_not_found", "No associated flow state found. No valid flow state found for user.");
      await updateFlowState(db, flow.id, { auth_code_issued_at: new Date() });
      return { kind: "code", code: flow.auth_code };
    });
  } catch (e) {
    if (e instanceof ApiError) return redirect(303, errorRedirect(e, p.redirectTo, pkce));
    throw e;
  }
  if (outcome.kind === "message") {
    const target = pkce ? withQuery(p.redirectTo, { message: SINGLE_CONFIRMATION }) : p.redirectTo;
    return redirect(303, withFragment(target, { message: SINGLE_CONFIRMATION, sb: "" }));
  }
  if (outcome.kind === "code") return redirect(303, withQuery(p.redirectTo, { code: outcome.code }));
  return redirect(303, tokenRedirect(p.redirectTo, outcome.token, { type: p.type }));
}

async function verifyPost(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const body = jsonBody(req);
  const p: Params = {
    type: str(body, "type"),
    token: str(body, "token"),
    tokenHash: str(body, "token_hash"),
    email: str(body, "email"),
    redirectTo: str(body, "redirect_to"),
  };
  const phone = str(body, "phone");
  if (!p.type) throw badRequest("validation_failed", "Verify requires a verification type");
  if ((!p.token && !p.tokenHash) || (p.token && p.tokenHash)) {
    throw badRequest("validation_failed", "Verify requires either a token or a token hash");
  }
  if (p.token) {
    if (phone && !p.email) throw forbidden("otp_expired", "Token has expired or is invalid");
    if (!p.email || phone) {
      throw badRequest("validation_failed", "Only an email address or phone number should be provided on verify");
    }
    try {
      p.email = validateEmail(p.email);
    } catch {
      throw unprocessable("validation_failed", "Invalid email format");
    }
    p.tokenHash = tokenHash(p.email, p.token);
  } else if (p.email || phone || p.redirectTo) {
    throw badRequest("validation_failed", "Only the token_hash and type should be provided");
  }
  if (!EMAIL_TYPES.includes(p.type) && !["sms", "phone_change"].includes(p.type)) {
    throw badRequest("validation_failed", "Unsupported verification type");
  }
  const usingHash = !p.token;
  const aud = requestAud(app, req);
  const result = await inTx(app, async (db) => {
    const user = usingHash ? await userFromTokenHash(app, db, p) : await userFromEmailOtp(app, db, p, aud);
    const verified = await applyVerification(app, db, p, user);
    if (!verified) return null;
    return issueSession(app, db, verified, "otp", req);
  });
  if (!result) return json(200, { msg: SINGLE_CONFIRMATION, code: "200" });
  return json(200, result);
}

/** GET /verify (links in mails, answered with redirects) and POST /verify (codes and token hashes). */
export async function verify(app: AuthApp, req: AuthRequest): Promise<Reply> {
  limit(app.limits.verify, req.ip);
  return req.method === "GET" ? verifyGet(app, req) : verifyPost(app, req);
}
