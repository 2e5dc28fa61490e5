import { randomUUID } from "node:crypto";
import { type AuthApp, inTx, limit } from "../app.ts";
import { badRequest, unprocessable } from "../errors.ts";
import { type AuthRequest, json, jsonBody, obj, type Reply, str } from "../http.ts";
import { issueSession, requestAud } from "../sessions.ts";
import {
  audit,
  duplicateEmailUser,
  identityByProviderId,
  insertFlowState,
  insertIdentity,
  insertUser,
  reloadUser,
  type User,
} from "../store.ts";
import {
  confirmUser,
  databaseError,
  emailIdentityData,
  flowFromChallenge,
  isConfirmed,
  removeUnconfirmedIdentities,
  sendConfirmation,
} from "../user-actions.ts";
import { userJson } from "../user-json.ts";
import { checkPasswordStrength, hashPassword, validateEmail, validatePkceParams } from "../validation.ts";

const USER_EXISTS = new Error("user already exists");

/** The fake user GoTrue answers a repeated signup with, so signups don't reveal who is registered. */
function sanitizedUser(user: User, email: string, aud: string, data: Record<string, unknown>): Record<string, unknown> {
  const now = new Date();
  return userJson({
    ...user,
    id: randomUUID(),
    role: "",
    email,
    email_change: "",
    aud,
    created_at: now,
    updated_at: now,
    confirmation_sent_at: now,
    last_sign_in_at: null,
    confirmed_at: null,
    email_change_sent_at: null,
    email_confirmed_at: null,
    phone_confirmed_at: null,
    phone: "",
    identities: [],
    raw_user_meta_data: data,
    raw_app_meta_data: { provider: "email", providers: ["email"] },
  });
}

async function signupAnonymously(app: AuthApp, req: AuthRequest, data: Record<string, unknown>): Promise<Reply> {
  if (!app.settings.anonymousSignIns) throw unprocessable("anonymous_provider_disabled", "Anonymous sign-ins are disabled");
  limit(app.limits.otp, `anonymous:${req.ip}`);
  const aud = requestAud(app, req);
  const token = await inTx(app, async (db) => {
    const user = await insertUser(db, {
      aud,
      role: app.settings.defaultRole,
      email: null,
      encryptedPassword: "",
      appMetadata: {},
      userMetadata: data,
      isAnonymous: true,
    }).catch(databaseError("Database error saving new user"));
    await audit(db, user, "user_signedup", "", { provider: "anonymous" });
    return issueSession(app, db, user, "anonymous", req);
  });
  return json(200, token);
}

export type EmailSignupParams = {
  email: string;
  password: string;
  data: Record<string, unknown>;
  codeChallenge: string;
  codeChallengeMethod: string;
};

/** POST /signup: email + password, with a confirmation mail unless confirmations are off. */
export async function signup(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const body = jsonBody(req);
  const email = str(body, "email");
  const phone = str(body, "phone");
  const password = str(body, "password");
  const data = obj(body, "data") ?? {};
  const codeChallenge = str(body, "code_challenge");
  const codeChallengeMethod = str(body, "code_challenge_method");
  if (!email && !phone) return signupAnonymously(app, req, data);
  limit(app.limits.otp, `signup:${req.ip}`);
  if (email && phone) {
    checkSignupBasics(app, password);
    throw badRequest("validation_failed", "Only an email address or phone number should be provided on signup.");
  }
  if (!email) {
    checkSignupBasics(app, password);
    throw badRequest("phone_provider_disabled", "Phone signups are disabled");
  }
  return emailSignup(app, req, { email, password, data, codeChallenge, codeChallengeMethod });
}

function checkSignupBasics(app: AuthApp, password: string): void {
  if (app.settings.disableSignup) throw unprocessable("signup_disabled", "Signups not allowed for this instance");
  if (!password) throw badRequest("validation_failed", "Signup requires a valid password");
  checkPasswordStrength(password, app.settings.minPasswordLength);
}

/** GoTrue's Signup for an email address (also used by magic links for unknown addresses). */
export async function emailSignup(app: AuthApp, req: AuthRequest, params: EmailSignupParams): Promise<Reply> {
  const s = app.settings;
  const { password, data, codeChallenge, codeChallengeMethod } = params;
  checkSignupBasics(app, password);
  validatePkceParams(codeChallengeMethod, codeChallenge);
  if (!s.emailProviderEnabled) throw badRequest("email_provider_disabled", "Email signups are disabled");
  const email = validateEmail(params.email);
  limit(app.limits.email, `signup:${email}`);

  const aud = requestAud(app, req);
  const flow = flowFromChallenge(codeChallenge);
  const existing = await duplicateEmailUser(app.sql, email, aud);
  const encrypted = existing ? null : await hashPassword(password);

  let user: User;
  try {
    user = await inTx(app, async (db) => {
      let u: User;
      if (existing) {
        if (isConfirmed(existing)) throw USER_EXISTS;
        u = existing;
      } else {
        u = await insertUser(db, {
          aud,
          role: s.defaultRole,
          email,
          encryptedPassword: encrypted,
          appMetadata: { provider: "email", providers: ["email"] },
          userMetadata: data,
        }).catch(databaseError("Database error saving new user"));
      }
      let identity = await identityByProviderId(db, u.id, "email");
      if (!identity) {
        const identityData: Record<string, unknown> = emailIdentityData(u.id, u.email ?? email);
        for (const [k, v] of Object.entries(data)) if (!(k in identityData)) identityData[k] = v;
        identity = await insertIdentity(db, u, "email", identityData);
        u.identities.push(identity);
        await removeUnconfirmedIdentities(db, u, identity);
      }
      if (!isConfirmed(u)) {
        if (s.autoconfirm) {
          await audit(db, u, "user_signedup", "", { provider: "email" });
          await confirmUser(db, u);
        } else {
          await audit(db, u, "user_confirmation_requested", "", { provider: "email" });
          if (flow === "pkce") {
            await insertFlowState(db, {
              providerType: "email",
              authenticationMethod: "email/signup",
              codeChallenge,
              codeChallengeMethod,
              userId: u.id,
            });
          }
          await sendConfirmation(app, db, req, u, flow);
        }
      }
      return u;
    });
  } catch (e) {
    if (e !== USER_EXISTS || !existing) throw e;
    await inTx(app, (db) => audit(db, existing, "user_repeated_signup", "", { provider: "email" }));
    if (s.autoconfirm) throw unprocessable("user_already_exists", "User already registered");
    return json(200, sanitizedUser(existing, email, aud, data));
  }

  if (isConfirmed(user)) {
    const token = await inTx(app, async (db) => {
      await audit(db, user, "login", "", { provider: "email" });
      return issueSession(app, db, user, "password", req);
    });
    return json(200, token);
  }
  return json(200, userJson(await reloadUser(app.sql, user)));
}
