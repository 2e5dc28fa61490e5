import { type AuthApp, inTx, limit } from "../app.ts";
import { badRequest, forbidden, notFound, unprocessable } from "../errors.ts";
import { type AuthRequest, json, jsonBody, noContent, obj, optStr, type Reply, str } from "../http.ts";
import { tokenHash } from "../secrets.ts";
import { isUuid, requestAud, requireUser } from "../sessions.ts";
import {
  audit,
  deleteIdentity,
  deleteSession,
  deleteUserSessions,
  duplicateEmailUser,
  insertFlowState,
  reloadUser,
  syncProviders,
  updateUser,
  updateUserMetadata,
} from "../store.ts";
import { applyEmailChange, flowFromChallenge, sendEmailChange, sendReauthentication, updatePassword } from "../user-actions.ts";
import { userJson } from "../user-json.ts";
import { checkPasswordStrength, hashPassword, passwordMatches, validateEmail, validatePkceParams } from "../validation.ts";

function audienceOf(claims: Record<string, unknown>): string {
  const aud = claims.aud;
  if (typeof aud === "string") return aud;
  if (Array.isArray(aud) && typeof aud[0] === "string") return aud[0];
  return "";
}

/** GET /user: the signed-in user, as long as the JWT's session still exists. */
export async function getUser(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { claims, user } = await requireUser(app, req);
  if (audienceOf(claims) !== requestAud(app, req)) {
    throw badRequest("validation_failed", "Token audience doesn't match request audience");
  }
  return json(200, userJson(user));
}

/** PUT /user: password, user_metadata (`data`) and email changes (confirmed by mail). */
export async function updateUserHandler(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { user, session } = await requireUser(app, req);
  limit(app.limits.otp, `user:${req.ip}`);
  const body = jsonBody(req);
  let email = str(body, "email");
  const password = optStr(body, "password");
  const nonce = str(body, "nonce");
  const data = obj(body, "data");
  const appData = obj(body, "app_metadata");
  const phone = str(body, "phone");
  const codeChallenge = str(body, "code_challenge");
  const codeChallengeMethod = str(body, "code_challenge_method");
  const s = app.settings;

  if (email) email = validateEmail(email);
  if (phone) throw unprocessable("phone_provider_disabled", "Phone logins are disabled");
  if (password !== undefined) checkPasswordStrength(password, s.minPasswordLength);
  if (appData && !s.adminRoles.includes(user.role ?? "")) {
    throw forbidden("not_admin", "Updating app_metadata requires admin privileges");
  }
  if (user.is_anonymous && password && !email) {
    throw unprocessable("validation_failed", "Updating password of an anonymous user without an email or phone is not allowed");
  }
  if (email && email !== user.email) {
    if (await duplicateEmailUser(app.sql, email, requestAud(app, req), user.id)) {
      throw unprocessable("email_exists", "A user with this email address has already been registered");
    }
    validatePkceParams(codeChallengeMethod, codeChallenge);
  }

  let encrypted: string | null = null;
  if (password !== undefined) {
    const needsReauth = secureChangeRequired(app, session?.created_at ?? null);
    if (needsReauth) {
      if (!nonce) throw badRequest("reauthentication_needed", "Password update requires reauthentication");
      const expected = tokenHash(user.email ?? "", nonce);
      const sentAt = user.reauthentication_sent_at;
      const stored = user.reauthentication_token ?? "";
      if (!stored || stored !== expected || !sentAt || Date.now() > sentAt.getTime() + s.otpExpiry * 1000) {
        throw unprocessable("reauthentication_not_valid", "Requires reauthentication");
      }
    }
    if (password !== "" && user.encrypted_password && (await passwordMatches(password, user.encrypted_password))) {
      throw unprocessable("same_password", "New password should be different from the old password.");
    }
    encrypted = await hashPassword(password);
  }

  const updated = await inTx(app, async (db) => {
    if (encrypted !== null) {
      await updatePassword(db, user, encrypted, session?.id ?? null);
      await audit(db, user, "user_updated_password");
    }
    if (data) await updateUserMetadata(db, user, data);
    if (email && email !== user.email) {
      if (user.is_anonymous && s.autoconfirm) {
        await updateUser(db, user.id, { email_change: email });
        user.email_change = email;
        await applyEmailChange(db, user);
      } else {
        const flow = flowFromChallenge(codeChallenge);
        if (flow === "pkce") {
          await insertFlowState(db, {
            providerType: "email_change",
            authenticationMethod: "email_change",
            codeChallenge,
            codeChallengeMethod,
            userId: user.id,
          });
        }
        await sendEmailChange(app, db, req, user, email, flow);
      }
    }
    await audit(db, user, "user_modified");
    return reloadUser(db, user);
  });
  return json(200, userJson(updated));
}

/** `[auth.email] secure_password_change`: a fresh session (under 24 h) or a reauthentication code. */
function secureChangeRequired(app: AuthApp, sessionCreatedAt: Date | null): boolean {
  if (!app.settings.securePasswordChange) return false;
  return !sessionCreatedAt || Date.now() > sessionCreatedAt.getTime() + 24 * 3600 * 1000;
}

/** GET /reauthenticate: mails a code that PUT /user accepts as `nonce`. */
export async function reauthenticate(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { user } = await requireUser(app, req);
  if (!user.email) throw badRequest("validation_failed", "Reauthentication requires the user to have an email or a phone number");
  if (!user.email_confirmed_at) throw unprocessable("email_not_confirmed", "Please verify your email first.");
  await inTx(app, async (db) => {
    await audit(db, user, "user_reauthenticate_requested");
    await sendReauthentication(app, db, user);
  });
  return json(200, {});
}

/** POST /logout?scope=global|local|others: deletes sessions; their refresh tokens go with them. */
export async function logout(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { user, session } = await requireUser(app, req);
  const scope = req.url.searchParams.get("scope") ?? "";
  if (!["", "global", "local", "others"].includes(scope)) {
    throw badRequest("validation_failed", `Unsupported logout scope "${scope}"`);
  }
  await inTx(app, async (db) => {
    await audit(db, user, "logout");
    if (session && scope === "local") return deleteSession(db, session.id);
    if (session && scope === "others") return deleteUserSessions(db, user.id, session.id);
    return deleteUserSessions(db, user.id);
  });
  return noContent();
}

export function requireManualLinking(app: AuthApp): void {
  if (!app.settings.manualLinking) throw notFound("manual_linking_disabled", "Manual linking is disabled");
}

/** DELETE /user/identities/:id: unlinks an identity, never the last one. */
export async function deleteIdentityHandler(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { claims, user } = await requireUser(app, req);
  requireManualLinking(app);
  const identityId = req.params.id ?? "";
  if (!isUuid(identityId)) throw notFound("validation_failed", "identity_id must be an UUID");
  if (audienceOf(claims) !== requestAud(app, req)) {
    throw forbidden("unexpected_audience", "Token audience doesn't match request audience");
  }
  if (user.identities.length <= 1) {
    throw unprocessable("single_identity_not_deletable", "User must have at least 1 identity after unlinking");
  }
  const target = user.identities.find((i) => i.id === identityId);
  if (!target) throw unprocessable("identity_not_found", "Identity doesn't exist");
  await inTx(app, async (db) => {
    await audit(db, user, "identity_unlinked", req.ip, {
      identity_id: target.id,
      provider: target.provider,
      provider_id: target.provider_id,
    });
    await deleteIdentity(db, target.id);
    user.identities = user.identities.filter((i) => i.id !== target.id);
    if (target.email && target.email === user.email && !user.identities.some((i) => i.email === user.email)) {
      const next = user.identities.find((i) => i.email);
      if (next?.email) {
        try {
          await db.savepoint((sp) => updateUser(sp, user.id, { email: next.email }));
        } catch {
          throw unprocessable("email_conflict_identity_not_deletable", "Unable to unlink identity due to email conflict");
        }
      }
    }
    await syncProviders(db, user);
  });
  return json(200, {});
}
