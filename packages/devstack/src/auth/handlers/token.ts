import { type AuthApp, inTx, limit } from "../app.ts";
import { badRequest, notFound, unprocessable } from "../errors.ts";
import { DEFAULT_PASSWORD_HOOK_REJECTION, runPasswordVerificationAttemptHook } from "../hook.ts";
import { type AuthRequest, formBody, header, json, jsonBody, type Reply, str } from "../http.ts";
import { verifyPkce } from "../secrets.ts";
import { isBanned, issueSession, refreshTokenGrant, requestAud } from "../sessions.ts";
import { audit, deleteFlowState, deleteUserSessions, flowStateByAuthCode, userByEmail, userById } from "../store.ts";
import { isConfirmed } from "../user-actions.ts";
import { passwordMatches, passwordProblem } from "../validation.ts";

const INVALID_LOGIN = "Invalid login credentials";

async function passwordGrant(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const body = jsonBody(req);
  const email = str(body, "email");
  const phone = str(body, "phone");
  const password = str(body, "password");
  if (email && phone) throw badRequest("validation_failed", "Only an email address or phone number should be provided on login.");
  if (phone) throw unprocessable("phone_provider_disabled", "Phone logins are disabled");
  if (!email) throw badRequest("validation_failed", "missing email or phone");
  if (!app.settings.emailProviderEnabled) throw unprocessable("email_provider_disabled", "Email logins are disabled");
  limit(app.limits.email, `signin:${email.toLowerCase()}`);

  const user = await userByEmail(app.sql, email, requestAud(app, req));
  if (!user?.encrypted_password) throw badRequest("invalid_credentials", INVALID_LOGIN);
  if (isBanned(user)) throw badRequest("user_banned", "User is banned");
  const valid = await passwordMatches(password, user.encrypted_password);
  const hook = app.settings.passwordVerificationAttemptHook;
  if (hook) {
    const verdict = await runPasswordVerificationAttemptHook(app.sql, hook, { userId: user.id, valid, ip: req.ip });
    if (verdict.decision === "reject") {
      if (verdict.shouldLogoutUser) await deleteUserSessions(app.sql, user.id);
      throw badRequest("invalid_credentials", verdict.message || DEFAULT_PASSWORD_HOOK_REJECTION);
    }
  }
  if (!valid) throw badRequest("invalid_credentials", INVALID_LOGIN);
  if (!isConfirmed(user)) throw badRequest("email_not_confirmed", "Email not confirmed");
  const weak = passwordProblem(password, app.settings.minPasswordLength);

  const token = await inTx(app, async (db) => {
    await audit(db, user, "login", "", { provider: "email" });
    return issueSession(app, db, user, "password", req);
  });
  if (weak?.weakPasswordReasons) token.weak_password = { message: weak.message, reasons: weak.weakPasswordReasons };
  return json(200, token);
}

async function pkceGrant(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const body = jsonBody(req);
  const authCode = str(body, "auth_code");
  const verifier = str(body, "code_verifier");
  if (!authCode || !verifier) {
    throw badRequest("validation_failed", "invalid request: both auth code and code verifier should be non-empty");
  }
  const flow = await flowStateByAuthCode(app.sql, authCode);
  if (!flow?.user_id) throw notFound("flow_state_not_found", "invalid flow state, no valid flow state found");
  const started =
    flow.authentication_method === "magiclink" && flow.auth_code_issued_at ? flow.auth_code_issued_at : flow.created_at;
  if (Date.now() > started.getTime() + app.settings.flowStateExpiry * 1000) {
    throw unprocessable("flow_state_expired", "invalid flow state, flow state has expired");
  }
  const user = await userById(app.sql, flow.user_id);
  if (!user) throw notFound("user_not_found", "User not found");
  const check = verifyPkce(flow.code_challenge ?? "", flow.code_challenge_method ?? "", verifier);
  if (check === "mismatch") throw badRequest("bad_code_verifier", "code challenge does not match previously saved code verifier");
  if (check === "unsupported") throw badRequest("bad_code_verifier", "code challenge method not supported");

  const token = await inTx(app, async (db) => {
    await audit(db, user, "login", "", { provider_type: flow.provider_type });
    const t = await issueSession(app, db, user, flow.authentication_method, req);
    if (flow.provider_access_token) t.provider_token = flow.provider_access_token;
    if (flow.provider_refresh_token) t.provider_refresh_token = flow.provider_refresh_token;
    await deleteFlowState(db, flow.id);
    return t;
  });
  return json(200, token);
}

/** POST /token?grant_type=password|refresh_token|pkce (id_token and web3 are refused). */
export async function token(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const contentType = header(req, "content-type") ?? "";
  const grantType =
    req.url.searchParams.get("grant_type") ??
    (contentType.includes("application/x-www-form-urlencoded") ? formBody(req).get("grant_type") : null) ??
    "";
  if (!["password", "refresh_token", "id_token", "pkce", "web3"].includes(grantType)) {
    throw badRequest("invalid_credentials", "unsupported_grant_type");
  }
  limit(app.limits.token, req.ip);
  switch (grantType) {
    case "password":
      return passwordGrant(app, req);
    case "refresh_token": {
      const body = jsonBody(req);
      return json(200, await refreshTokenGrant(app, req, str(body, "refresh_token")));
    }
    case "pkce":
      return pkceGrant(app, req);
    default:
      throw badRequest(
        "provider_disabled",
        `grant_type=${grantType} is not available on the devstack: sign in with signInWithOAuth (served by the built-in fake OIDC provider) or a password`,
      );
  }
}
