import { type AuthApp, CommitWithError, inTx } from "./app.ts";
import { buildAccessTokenClaims } from "./claims.ts";
import { ApiError, badRequest, forbidden, unauthorized } from "./errors.ts";
import { runCustomAccessTokenHook } from "./hook.ts";
import { type AuthRequest, header } from "./http.ts";
import { signJwt, verifyJwt } from "./jwt.ts";
import { newRefreshToken } from "./secrets.ts";
import {
  activeRefreshToken,
  addAmrClaim,
  amrClaims,
  audit,
  type Db,
  deleteRefreshToken,
  deleteSession,
  insertRefreshToken,
  insertSession,
  refreshTokenByToken,
  reloadUser,
  revokeRefreshToken,
  type SessionRow,
  sessionById,
  touchSessionRefresh,
  type User,
  updateUser,
  userById,
} from "./store.ts";
import { userJson } from "./user-json.ts";

/** GoTrue's AccessTokenResponse. */
export type TokenResponse = {
  access_token: string;
  token_type: "bearer";
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
  provider_token?: string;
  provider_refresh_token?: string;
  weak_password?: { message: string; reasons: string[] };
};

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: string) => UUID_RE.test(s);

export const isBanned = (u: { banned_until: Date | null }, now = Date.now()) =>
  u.banned_until !== null && u.banned_until.getTime() > now;

/** Signs an access token for a session, through the custom access token hook when enabled. */
export async function generateAccessToken(
  app: AuthApp,
  db: Db,
  user: User,
  sessionId: string,
  method: string,
  req: AuthRequest,
): Promise<{ token: string; expiresAt: number }> {
  const session = await sessionById(db, sessionId);
  if (!session) throw new ApiError(500, undefined, "Session is required to issue access token");
  const amr = await amrClaims(db, sessionId);
  const issuedAt = Math.floor(Date.now() / 1000);
  const claims = buildAccessTokenClaims({
    issuer: app.settings.externalUrl,
    userId: user.id,
    aud: user.aud,
    email: user.email,
    phone: user.phone,
    appMetadata: user.raw_app_meta_data,
    userMetadata: user.raw_user_meta_data,
    role: user.role,
    isAnonymous: user.is_anonymous,
    sessionId,
    aal: session.aal ?? "aal1",
    amr,
    issuedAt,
    expiresIn: app.settings.jwtExpiry,
  });
  const hook = app.settings.customAccessTokenHook;
  const signed = hook
    ? await runCustomAccessTokenHook(db, hook, { userId: user.id, claims, authenticationMethod: method, ip: req.ip })
    : claims;
  return { token: await signJwt(signed, app.settings.jwtSecret), expiresAt: claims.exp };
}

function tokenResponse(token: string, expiresAt: number, refreshToken: string, user: User): TokenResponse {
  return {
    access_token: token,
    token_type: "bearer",
    expires_in: expiresAt - Math.floor(Date.now() / 1000),
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: userJson(user),
  };
}

/**
 * GoTrue's IssueRefreshToken: a new session with its first refresh token, the sign-in
 * method recorded for `amr`, `last_sign_in_at` bumped, and an access token.
 */
export async function issueSession(app: AuthApp, db: Db, user: User, method: string, req: AuthRequest): Promise<TokenResponse> {
  const sessionId = await insertSession(db, user.id, req.userAgent, req.ip);
  const refreshToken = newRefreshToken();
  await insertRefreshToken(db, refreshToken, user.id, sessionId, null);
  await updateUser(db, user.id, { last_sign_in_at: new Date() });
  await addAmrClaim(db, sessionId, method);
  const fresh = await reloadUser(db, user);
  const { token, expiresAt } = await generateAccessToken(app, db, fresh, sessionId, method, req);
  return tokenResponse(token, expiresAt, refreshToken, fresh);
}

/** GoTrue's Session.CheckValidity for refresh: not_after, timebox, then inactivity. */
export function checkSessionValidity(
  session: Pick<SessionRow, "created_at" | "not_after" | "refreshed_at">,
  now: number,
  refreshTokenTime: Date | null,
  limits: { timebox: number | null; inactivityTimeout: number | null },
): "valid" | "past_not_after" | "past_timebox" | "timed_out" {
  if (session.not_after && now > session.not_after.getTime()) return "past_not_after";
  if (limits.timebox && now > session.created_at.getTime() + limits.timebox * 1000) return "past_timebox";
  let lastRefreshed = session.created_at.getTime();
  if (session.refreshed_at) lastRefreshed = session.refreshed_at.getTime();
  else if (refreshTokenTime && refreshTokenTime.getTime() > lastRefreshed) lastRefreshed = refreshTokenTime.getTime();
  if (limits.inactivityTimeout && now > lastRefreshed + limits.inactivityTimeout * 1000) return "timed_out";
  return "valid";
}

/**
 * The refresh_token grant with GoTrue's legacy-token rules: every use rotates; a spent
 * token that is the parent of the active one gets the active one back; other spent
 * tokens are tolerated within `refresh_token_reuse_interval`, and after it the whole
 * session is revoked (its row and every refresh token of it are deleted).
 */
export async function refreshTokenGrant(app: AuthApp, req: AuthRequest, refreshToken: string): Promise<TokenResponse> {
  if (
    refreshToken.length < 12 ||
    (refreshToken.length === 12 && !/^[a-z0-9]{12}$/.test(refreshToken)) ||
    refreshToken.length > 12
  ) {
    throw badRequest("validation_failed", "Refresh token is not valid");
  }
  const s = app.settings;
  return inTx(app, async (db) => {
    const rt = await refreshTokenByToken(db, refreshToken, true);
    const user = rt ? await userById(db, rt.user_id) : null;
    if (!rt || !user) throw badRequest("refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
    if (isBanned(user)) throw badRequest("user_banned", "Invalid Refresh Token: User Banned");
    const session = rt.session_id ? await sessionById(db, rt.session_id, true) : null;
    if (!session) {
      await deleteRefreshToken(db, rt.id);
      return new CommitWithError(badRequest("session_not_found", "Invalid Refresh Token: No Valid Session Found"));
    }
    const now = Date.now();
    const validity = checkSessionValidity(session, now, rt.updated_at, {
      timebox: s.sessionTimebox,
      inactivityTimeout: s.sessionInactivityTimeout,
    });
    if (validity === "timed_out") throw badRequest("session_expired", "Invalid Refresh Token: Session Expired (Inactivity)");
    if (validity !== "valid") throw badRequest("session_expired", "Invalid Refresh Token: Session Expired");

    let issued: string | null = null;
    if (rt.revoked) {
      const active = await activeRefreshToken(db, session.id);
      if (active && active.parent === rt.token) {
        issued = active.token;
      } else if (now > rt.updated_at.getTime() + s.refreshTokenReuseInterval * 1000) {
        if (s.refreshTokenRotation) await deleteSession(db, session.id);
        app.logger.warn(`refresh token reuse detected for session ${session.id}: session revoked`);
        return new CommitWithError(badRequest("refresh_token_already_used", "Invalid Refresh Token: Already Used"));
      }
    }
    await audit(db, user, "token_refreshed");
    if (!issued) {
      await audit(db, user, "token_revoked");
      await revokeRefreshToken(db, rt.id);
      issued = newRefreshToken();
      await insertRefreshToken(db, issued, user.id, session.id, rt.token);
    }
    const { token, expiresAt } = await generateAccessToken(app, db, user, session.id, "token_refresh", req);
    await touchSessionRefresh(db, session.id, req.userAgent, req.ip);
    return tokenResponse(token, expiresAt, issued, user);
  });
}

export type Authenticated = { claims: Record<string, unknown>; user: User; session: SessionRow | null };

export async function bearerClaims(app: AuthApp, req: AuthRequest): Promise<Record<string, unknown>> {
  const m = /^(?:B|b)earer (\S+)$/.exec(header(req, "authorization") ?? "");
  if (!m) throw unauthorized("no_authorization", "This endpoint requires a valid Bearer token");
  return verifyJwt(m[1] as string, app.settings.jwtSecret);
}

/** GoTrue's requireAuthentication: a valid JWT whose user and session still exist. */
export async function requireUser(app: AuthApp, req: AuthRequest): Promise<Authenticated> {
  const claims = await bearerClaims(app, req);
  const sub = typeof claims.sub === "string" ? claims.sub : "";
  if (!sub) throw forbidden("bad_jwt", "invalid claim: missing sub claim");
  if (!isUuid(sub)) throw badRequest("bad_jwt", "invalid claim: sub claim must be a UUID");
  const user = await userById(app.sql, sub);
  if (!user) throw forbidden("user_not_found", "User from sub claim in JWT does not exist");
  let session: SessionRow | null = null;
  const sid = typeof claims.session_id === "string" ? claims.session_id : "";
  if (sid && sid !== "00000000-0000-0000-0000-000000000000") {
    if (!isUuid(sid)) throw forbidden("bad_jwt", "invalid claim: session_id claim must be a UUID");
    session = await sessionById(app.sql, sid);
    if (!session) throw forbidden("session_not_found", "Session from session_id claim in JWT does not exist");
  }
  if (isBanned(user)) throw forbidden("user_banned", "User is banned");
  return { claims, user, session };
}

/** GoTrue's requireAdminCredentials: a JWT whose role is service_role or supabase_admin. */
export async function requireAdmin(app: AuthApp, req: AuthRequest): Promise<{ role: string }> {
  const claims = await bearerClaims(app, req);
  const role = typeof claims.role === "string" ? claims.role : "";
  if (!app.settings.adminRoles.includes(role)) throw forbidden("not_admin", "User not allowed");
  return { role };
}

/** The audience a request acts in (X-JWT-AUD header, else the default). */
export function requestAud(app: AuthApp, req: AuthRequest): string {
  return header(req, "x-jwt-aud") || app.settings.defaultAud;
}
