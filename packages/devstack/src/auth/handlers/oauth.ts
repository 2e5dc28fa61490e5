import type postgres from "postgres";
import { type AuthApp, CommitWithError, inTx } from "../app.ts";
import { ApiError, badRequest, forbidden, internalError, OAUTH_ERROR_BY_STATUS, OAuthError, unprocessable } from "../errors.ts";
import { type AuthRequest, encodeValues, formBody, json, type Reply, redirect } from "../http.ts";
import { pickRedirect } from "../redirect.ts";
import { isBanned, issueSession, isUuid, requestAud, requireUser } from "../sessions.ts";
import {
  audit,
  type Db,
  deleteFlowState,
  duplicateEmailUser,
  type FlowStateRow,
  flowStateById,
  type IdentityRow,
  identitiesByEmails,
  identityByProviderId,
  insertFlowState,
  insertIdentity,
  insertUser,
  type Json,
  reloadUser,
  replaceIdentityData,
  syncProviders,
  type User,
  updateFlowState,
  updateUser,
  updateUserMetadata,
  userById,
  usersByEmails,
} from "../store.ts";
import { confirmUser, isConfirmed, removeUnconfirmedIdentities, sendConfirmation } from "../user-actions.ts";
import { validatePkceParams } from "../validation.ts";
import { type FakeProfile, fakeIssuer, redeemFakeCode } from "./fake-oidc.ts";
import { requireManualLinking } from "./user.ts";
import { tokenRedirect } from "./verify.ts";

/** Providers GoTrue knows by name; anything else "could not be found". */
const KNOWN_PROVIDERS = new Set([
  "apple",
  "azure",
  "bitbucket",
  "discord",
  "facebook",
  "figma",
  "fly",
  "github",
  "gitlab",
  "google",
  "kakao",
  "keycloak",
  "linkedin",
  "linkedin_oidc",
  "notion",
  "snapchat",
  "spotify",
  "slack",
  "slack_oidc",
  "twitch",
  "twitter",
  "x",
  "workos",
  "zoom",
  "vercel_marketplace",
]);

/** Query parameters the auth server controls; clients cannot pass them through to the provider. */
const RESERVED = new Set([
  "provider",
  "scopes",
  "redirect_to",
  "code_challenge",
  "code_challenge_method",
  "invite_token",
  "skip_http_redirect",
  "client_id",
  "redirect_uri",
  "response_type",
  "state",
  "code_challenge",
  "scope",
]);

function providerFor(app: AuthApp, name: string) {
  const lower = name.toLowerCase();
  const p = app.settings.providers.get(lower);
  if (!p) {
    const reason = KNOWN_PROVIDERS.has(lower) ? "provider is not enabled" : `Provider ${lower} could not be found`;
    throw badRequest("validation_failed", `Unsupported provider: ${reason}`);
  }
  if (!p.fake) {
    throw badRequest(
      "validation_failed",
      `Unsupported provider: the devstack only serves its built-in fake ${lower} provider; unset the secret of [auth.external.${lower}] to use it`,
    );
  }
  return p;
}

/** GoTrue's GetExternalProviderRedirectURL: a flow state, then the provider's authorize URL. */
async function providerRedirectUrl(app: AuthApp, req: AuthRequest, linkingTarget: User | null): Promise<string> {
  const q = req.url.searchParams;
  const name = q.get("provider") ?? "";
  const provider = providerFor(app, name);
  const codeChallenge = q.get("code_challenge") ?? "";
  const codeChallengeMethod = q.get("code_challenge_method") ?? "";
  validatePkceParams(codeChallengeMethod, codeChallenge);
  const referrer = pickRedirect(
    { siteUrl: app.settings.siteUrl, allowList: app.settings.allowList },
    q.get("redirect_to") ?? undefined,
    undefined,
  );
  const flow = await insertFlowState(app.sql, {
    providerType: provider.name,
    authenticationMethod: "oauth",
    codeChallenge,
    codeChallengeMethod,
    referrer,
    linkingTargetId: linkingTarget?.id,
  });
  const url = new URL(`${fakeIssuer(app, provider.name)}/authorize`);
  url.searchParams.set("client_id", provider.clientId);
  url.searchParams.set("redirect_uri", `${app.settings.externalUrl}/callback`);
  url.searchParams.set("response_type", "code");
  url.searchParams.set(
    "scope",
    ["openid", "email", "profile", ...(q.get("scopes") ?? "").split(/\s+/).filter(Boolean)].join(" "),
  );
  url.searchParams.set("state", flow.id);
  for (const [k, v] of q) if (!RESERVED.has(k.toLowerCase())) url.searchParams.set(k, v);
  return url.toString();
}

/** GET /authorize?provider=..: redirects to the (fake) provider. */
export async function authorize(app: AuthApp, req: AuthRequest): Promise<Reply> {
  return redirect(302, await providerRedirectUrl(app, req, null));
}

/** GET /user/identities/authorize: manual linking; auth-js asks for the URL as JSON. */
export async function linkIdentity(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const { user } = await requireUser(app, req);
  requireManualLinking(app);
  const url = await providerRedirectUrl(app, req, user);
  if (req.url.searchParams.get("skip_http_redirect") === "true") return json(200, { url });
  return redirect(302, url);
}

/** The provider's claims as GoTrue stores them in identity_data (provider.Claims via structs.Map). */
function identityData(app: AuthApp, profile: FakeProfile): Json {
  return {
    iss: fakeIssuer(app, profile.provider),
    sub: profile.sub,
    name: profile.name,
    email: profile.email,
    picture: "",
    full_name: profile.name,
    avatar_url: "",
    provider_id: profile.sub,
    email_verified: profile.emailVerified,
    phone_verified: false,
  };
}

function stripEmpty(data: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(data)) if (v !== "") out[k] = v;
  return out;
}

type Decision =
  | { kind: "exists"; user: User; identityId: string }
  | { kind: "link"; user: User }
  | { kind: "create"; email: string };

/** GoTrue's DetermineAccountLinking with the single "default" linking domain. */
async function accountLinking(db: Db, aud: string, profile: FakeProfile, autoconfirm: boolean): Promise<Decision> {
  const existing = await identityByProviderId(db, profile.sub, profile.provider);
  if (existing) {
    const user = await userById(db, existing.user_id);
    if (user) return { kind: "exists", user, identityId: existing.id };
  }
  const email = profile.email.toLowerCase();
  const verified = profile.emailVerified || autoconfirm ? [email] : [];
  if (verified.length === 0) {
    const taken = await duplicateEmailUser(db, email, aud);
    return { kind: "create", email: taken ? "" : email };
  }
  const identities = await identitiesByEmails(db, verified);
  const users = await usersByEmails(db, verified);
  if (identities.length === 0) {
    if (users.length === 1) return { kind: "link", user: (await userById(db, (users[0] as { id: string }).id)) as User };
    if (users.length > 1)
      throw internalError("Multiple accounts with the same email address in the same linking domain detected: default");
    return { kind: "create", email };
  }
  const owner = (identities[0] as { user_id: string }).user_id;
  if (identities.some((i) => i.user_id !== owner)) {
    throw internalError("Multiple accounts with the same email address in the same linking domain detected: default");
  }
  return { kind: "link", user: (await userById(db, owner)) as User };
}

/** GoTrue's createAccountFromExternalIdentity: sign in, link by verified email, or sign up. */
async function accountFromIdentity(
  app: AuthApp,
  db: Db,
  req: AuthRequest,
  profile: FakeProfile,
): Promise<User | CommitWithError> {
  const aud = requestAud(app, req);
  const data = stripEmpty(identityData(app, profile));
  const decision = await accountLinking(db, aud, profile, app.settings.autoconfirm);
  let user: User;
  let identity: IdentityRow | undefined;
  let candidateEmail = profile.email.toLowerCase();
  if (decision.kind === "exists") {
    user = decision.user;
    identity = user.identities.find((i) => i.id === decision.identityId);
    if (!identity) throw internalError("identity vanished");
    await replaceIdentityData(db, identity, data);
    await updateUserMetadata(db, user, data);
    await syncProviders(db, user);
    candidateEmail = user.email ?? "";
  } else if (decision.kind === "link") {
    user = decision.user;
    identity = await insertIdentity(db, user, profile.provider, data);
    user.identities.push(identity);
    await updateUserMetadata(db, user, data);
    await syncProviders(db, user);
    await audit(db, user, "identity_linked", req.ip, {
      identity_id: identity.id,
      provider: identity.provider,
      provider_id: identity.provider_id,
    });
  } else {
    if (app.settings.disableSignup) throw unprocessable("signup_disabled", "Signups not allowed for this instance");
    candidateEmail = decision.email;
    try {
      user = await insertUser(db, {
        aud,
        role: app.settings.defaultRole,
        email: decision.email || null,
        encryptedPassword: "",
        appMetadata: { provider: profile.provider, providers: [profile.provider] },
        userMetadata: data,
      });
    } catch {
      throw internalError("Database error saving new user");
    }
    identity = await insertIdentity(db, user, profile.provider, data);
    user.identities.push(identity);
  }
  if (isBanned(user)) throw forbidden("user_banned", "User is banned");

  if (!isConfirmed(user)) {
    await removeUnconfirmedIdentities(db, user, identity);
    if (profile.emailVerified || app.settings.autoconfirm) {
      await audit(db, user, "user_signedup", "", { provider: profile.provider });
      await confirmUser(db, user);
    } else {
      if (candidateEmail) {
        await sendConfirmation(app, db, req, user, "implicit");
        return new CommitWithError(
          unprocessable(
            "provider_email_needs_verification",
            `Unverified email with ${profile.provider}. A confirmation email has been sent to your ${profile.provider} email`,
          ),
        );
      }
      return new CommitWithError(
        unprocessable(
          "provider_email_needs_verification",
          `Unverified email with ${profile.provider}. Verify the email with ${profile.provider} in order to sign in`,
        ),
      );
    }
  } else {
    await audit(db, user, "login", "", { provider: profile.provider });
  }
  return reloadUser(db, user);
}

/** GoTrue's linkIdentityToUser: manual linking of a provider identity to the signed-in user. */
async function linkToUser(
  app: AuthApp,
  db: postgres.TransactionSql,
  req: AuthRequest,
  target: User,
  profile: FakeProfile,
): Promise<User | CommitWithError> {
  const existing = await identityByProviderId(db, profile.sub, profile.provider);
  if (existing) {
    const msg = existing.user_id === target.id ? "Identity is already linked" : "Identity is already linked to another user";
    throw unprocessable("identity_already_exists", msg);
  }
  const identity = await insertIdentity(db, target, profile.provider, stripEmpty(identityData(app, profile)));
  await audit(db, target, "identity_linked", req.ip, {
    identity_id: identity.id,
    provider: identity.provider,
    provider_id: identity.provider_id,
  });
  if (!target.email) {
    try {
      await db.savepoint((sp) => updateUser(sp, target.id, { email: profile.email.toLowerCase() }));
    } catch {
      throw badRequest("email_exists", "A user with this email address has already been registered");
    }
    target.email = profile.email.toLowerCase();
    if (!profile.emailVerified) {
      await sendConfirmation(app, db, req, target, "implicit");
      return new CommitWithError(
        unprocessable(
          "email_not_confirmed",
          `Unverified email with ${profile.provider}. A confirmation email has been sent to your ${profile.provider} email`,
        ),
      );
    }
    await confirmUser(db, target);
    if (target.is_anonymous) await updateUser(db, target.id, { is_anonymous: false });
  }
  const fresh = await reloadUser(db, target);
  await syncProviders(db, fresh);
  return reloadUser(db, fresh);
}

/** GoTrue's redirectErrors: the error in the query and (legacy) in the fragment, 302. */
function errorRedirectUrl(base: string, err: unknown): string {
  const values: Record<string, string> = {};
  if (err instanceof ApiError) {
    const special = ["signup_disabled", "user_banned", "provider_email_needs_verification"].includes(err.errorCode ?? "");
    values.error = special ? "access_denied" : (OAUTH_ERROR_BY_STATUS[err.status] ?? "server_error");
    values.error_description = err.message;
    values.error_code = err.errorCode ?? "";
  } else if (err instanceof OAuthError) {
    values.error = err.error;
    values.error_description = err.description;
  } else {
    values.error = "server_error";
    values.error_description = "Unexpected failure, please check server logs for more information";
  }
  let withQuery: string;
  try {
    const u = new URL(base);
    u.hash = "";
    for (const [k, v] of Object.entries(values)) u.searchParams.set(k, v);
    withQuery = u.toString();
  } catch {
    withQuery = `${base.split("#")[0]}${base.includes("?") ? "&" : "?"}${encodeValues(values)}`;
  }
  return `${withQuery.split("#")[0]}#${encodeValues({ ...values, sb: "" })}`;
}

async function loadFlow(app: AuthApp, state: string): Promise<FlowStateRow> {
  if (!state) throw badRequest("bad_oauth_callback", "OAuth state parameter missing");
  if (!isUuid(state)) throw badRequest("bad_oauth_state", "OAuth state parameter is invalid");
  const flow = await flowStateById(app.sql, state);
  if (!flow) throw badRequest("bad_oauth_state", "OAuth state not found or expired");
  if (Date.now() > flow.created_at.getTime() + app.settings.flowStateExpiry * 1000) {
    throw badRequest("bad_oauth_state", "OAuth state has expired");
  }
  if (flow.code_challenge && flow.user_id) throw badRequest("flow_state_already_used", "State has already been used");
  return flow;
}

/** GET|POST /callback: the provider sends the user back here; tokens (or a PKCE code) go to redirect_to. */
export async function callback(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const params = req.method === "POST" ? formBody(req) : req.url.searchParams;
  let target = app.settings.siteUrl;
  try {
    const flow = await loadFlow(app, params.get("state") ?? "");
    if (flow.referrer) target = flow.referrer;
    const providerError = params.get("error");
    if (providerError) throw new OAuthError(providerError, params.get("error_description") ?? "");
    const code = params.get("code") ?? "";
    if (!code) throw badRequest("bad_oauth_callback", "OAuth callback with missing authorization code missing");
    const profile = await redeemFakeCode(app, code, flow.provider_type, flow.id);
    if (!profile) throw new OAuthError("invalid_grant", "The authorization code is invalid or has expired");
    if (!profile.email) throw internalError("Error getting user email from external provider");
    const pkce = Boolean(flow.code_challenge);
    const providerToken = `devstack-${flow.provider_type}-${profile.sub}`;

    const result = await inTx(app, async (db) => {
      let user: User | CommitWithError;
      if (flow.linking_target_id) {
        const target2 = await userById(db, flow.linking_target_id);
        if (!target2) throw unprocessable("user_not_found", "Linking target user not found");
        user = await linkToUser(app, db, req, target2, profile);
      } else {
        user = await accountFromIdentity(app, db, req, profile);
      }
      if (user instanceof CommitWithError) return user;
      if (pkce) {
        const locked = await flowStateById(db, flow.id, true);
        if (!locked || locked.user_id) throw badRequest("flow_state_already_used", "State has already been used");
        await updateFlowState(db, flow.id, {
          user_id: user.id,
          provider_access_token: providerToken,
          auth_code_issued_at: new Date(),
        });
        return { kind: "code" as const, code: flow.auth_code ?? "" };
      }
      const token = await issueSession(app, db, user, "oauth", req);
      await deleteFlowState(db, flow.id);
      return { kind: "token" as const, token };
    });
    if (result.kind === "code") {
      const u = new URL(target);
      u.searchParams.set("code", result.code);
      return redirect(302, u.toString());
    }
    return redirect(302, tokenRedirect(target, result.token, { provider_token: providerToken }));
  } catch (e) {
    if (!(e instanceof ApiError) && !(e instanceof OAuthError)) app.logger.warn(`oauth callback failed: ${(e as Error).message}`);
    return redirect(302, errorRedirectUrl(target, e));
  }
}
