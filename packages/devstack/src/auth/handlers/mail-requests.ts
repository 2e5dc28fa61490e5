import { type AuthApp, inTx, limit } from "../app.ts";
import { badRequest, unprocessable } from "../errors.ts";
import { type AuthRequest, bool, json, jsonBody, obj, type Reply, str } from "../http.ts";
import { randomPassword } from "../secrets.ts";
import { requestAud } from "../sessions.ts";
import { audit, insertFlowState, userByEmail } from "../store.ts";
import { flowFromChallenge, isConfirmed, sendConfirmation, sendEmailChange, sendRecoveryOrMagicLink } from "../user-actions.ts";
import { validateEmail, validatePkceParams } from "../validation.ts";
import { emailSignup } from "./signup.ts";

/** POST /recover: mails a recovery link; unknown addresses get the same empty answer. */
export async function recover(app: AuthApp, req: AuthRequest): Promise<Reply> {
  limit(app.limits.otp, `recover:${req.ip}`);
  if (!app.settings.emailProviderEnabled) throw badRequest("email_provider_disabled", "Email logins are disabled");
  const body = jsonBody(req);
  const raw = str(body, "email");
  const codeChallenge = str(body, "code_challenge");
  const codeChallengeMethod = str(body, "code_challenge_method");
  if (!raw) throw badRequest("validation_failed", "Password recovery requires an email");
  const email = validateEmail(raw);
  validatePkceParams(codeChallengeMethod, codeChallenge);
  limit(app.limits.email, `recover:${email}`);
  const user = await userByEmail(app.sql, email, requestAud(app, req));
  if (!user) return json(200, {});
  const flow = flowFromChallenge(codeChallenge);
  await inTx(app, async (db) => {
    if (flow === "pkce") {
      await insertFlowState(db, {
        providerType: "recovery",
        authenticationMethod: "recovery",
        codeChallenge,
        codeChallengeMethod,
        userId: user.id,
      });
    }
    await audit(db, user, "user_recovery_requested");
    await sendRecoveryOrMagicLink(app, db, req, user, flow, "recovery");
  });
  return json(200, {});
}

/** POST /resend: signup confirmation or email change mails again. */
export async function resend(app: AuthApp, req: AuthRequest): Promise<Reply> {
  limit(app.limits.otp, `resend:${req.ip}`);
  const body = jsonBody(req);
  const type = str(body, "type");
  const raw = str(body, "email");
  const phone = str(body, "phone");
  const codeChallenge = str(body, "code_challenge");
  const codeChallengeMethod = str(body, "code_challenge_method");
  if (type === "signup" || type === "email_change") validatePkceParams(codeChallengeMethod, codeChallenge);
  else if (type !== "sms" && type !== "phone_change") {
    throw badRequest("validation_failed", "Missing one of these types: signup, email_change, sms, phone_change");
  }
  if (!raw && type === "signup") throw badRequest("validation_failed", "Type provided requires an email address");
  if (!phone && type === "sms") throw badRequest("validation_failed", "Type provided requires a phone number");
  if (raw && phone) throw badRequest("validation_failed", "Only an email address or phone number should be provided.");
  if (phone) throw badRequest("phone_provider_disabled", "Phone logins are disabled");
  if (!raw) throw badRequest("validation_failed", "Missing email address or phone number");
  if (!app.settings.emailProviderEnabled) throw badRequest("email_provider_disabled", "Email logins are disabled");
  const email = validateEmail(raw);
  limit(app.limits.email, `resend:${email}`);

  const user = await userByEmail(app.sql, email, requestAud(app, req));
  if (!user) return json(200, {});
  if (type === "signup" && isConfirmed(user)) return json(200, {});
  if (type === "email_change" && !user.email_change) return json(200, {});
  if (type !== "signup" && type !== "email_change") return json(200, {});
  const flow = flowFromChallenge(codeChallenge);
  await inTx(app, async (db) => {
    if (type === "signup") {
      await audit(db, user, "user_confirmation_requested");
      if (flow === "pkce") {
        await insertFlowState(db, {
          providerType: "email/signup",
          authenticationMethod: "email/signup",
          codeChallenge,
          codeChallengeMethod,
          userId: user.id,
        });
      }
      await sendConfirmation(app, db, req, user, flow);
      return;
    }
    if (flow === "pkce") {
      await insertFlowState(db, {
        providerType: "email_change",
        authenticationMethod: "email_change",
        codeChallenge,
        codeChallengeMethod,
        userId: user.id,
      });
    }
    await sendEmailChange(app, db, req, user, user.email_change ?? "", flow);
  });
  return json(200, {});
}

/**
 * POST /otp: a magic link (with a code) by email. Unknown or unconfirmed addresses are
 * signed up first unless `create_user` is false, exactly like GoTrue's MagicLink.
 */
export async function otp(app: AuthApp, req: AuthRequest): Promise<Reply> {
  limit(app.limits.otp, `otp:${req.ip}`);
  const body = jsonBody(req);
  const raw = str(body, "email");
  const phone = str(body, "phone");
  const channel = str(body, "channel");
  const createUser = bool(body, "create_user", true);
  const data = obj(body, "data") ?? {};
  const codeChallenge = str(body, "code_challenge");
  const codeChallengeMethod = str(body, "code_challenge_method");
  if (raw && phone) throw badRequest("validation_failed", "Only an email address or phone number should be provided");
  if (raw && channel) throw badRequest("validation_failed", "Channel should only be specified with Phone OTP");
  validatePkceParams(codeChallengeMethod, codeChallenge);
  const aud = requestAud(app, req);
  if (!createUser && raw) {
    const known = await userByEmail(app.sql, validateEmail(raw), aud);
    if (!known) throw unprocessable("otp_disabled", "Signups not allowed for otp");
  }
  if (phone) throw badRequest("phone_provider_disabled", "Unsupported phone provider");
  if (!raw) throw badRequest("validation_failed", "One of email or phone must be set");
  if (!app.settings.emailProviderEnabled) throw unprocessable("email_provider_disabled", "Email logins are disabled");
  const email = validateEmail(raw);
  limit(app.limits.email, `otp:${email}`);

  const user = await userByEmail(app.sql, email, aud);
  if (!user || !isConfirmed(user)) {
    const signupParams = { email, password: randomPassword(), data, codeChallenge, codeChallengeMethod };
    await emailSignup(app, req, signupParams);
    if (!app.settings.autoconfirm) return json(200, {});
    const created = await userByEmail(app.sql, email, aud);
    if (!created) return json(200, {});
    return sendMagicLink(app, req, created, codeChallenge, codeChallengeMethod);
  }
  return sendMagicLink(app, req, user, codeChallenge, codeChallengeMethod);
}

async function sendMagicLink(
  app: AuthApp,
  req: AuthRequest,
  user: NonNullable<Awaited<ReturnType<typeof userByEmail>>>,
  codeChallenge: string,
  codeChallengeMethod: string,
): Promise<Reply> {
  const flow = flowFromChallenge(codeChallenge);
  await inTx(app, async (db) => {
    if (flow === "pkce") {
      await insertFlowState(db, {
        providerType: "magiclink",
        authenticationMethod: "magiclink",
        codeChallenge,
        codeChallengeMethod,
        userId: user.id,
      });
    }
    await audit(db, user, "user_recovery_requested");
    await sendRecoveryOrMagicLink(app, db, req, user, flow, "magiclink");
  });
  return json(200, {});
}
