import { createHash, randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import type { AuthApp } from "../app.ts";
import { badRequest, notFound } from "../errors.ts";
import { type AuthRequest, formBody, html, type Reply, redirect } from "../http.ts";

/**
 * The built-in stand-in for an OIDC provider (Google, Facebook, ...) whose secret is not
 * configured: a "Sign in as" page that sends an authorization code back to /callback.
 * With `login_hint` in the authorize URL it signs in at once, so tests can use plain fetch.
 */

export type FakeProfile = {
  provider: string;
  email: string;
  name: string;
  emailVerified: boolean;
  sub: string;
};

const CODE_TTL_SECONDS = 300;
const key = (secret: string) => new TextEncoder().encode(`fake-oidc:${secret}`);

/** A stable subject per provider and address, numeric like Google's. */
export function fakeSubject(provider: string, email: string): string {
  const digest = createHash("sha256").update(`${provider}:${email.toLowerCase()}`).digest();
  return BigInt(`0x${digest.subarray(0, 10).toString("hex")}`)
    .toString()
    .padStart(21, "1")
    .slice(0, 21);
}

export function fakeIssuer(app: AuthApp, provider: string): string {
  return `${app.settings.externalUrl}/fake-oidc/${provider}`;
}

export async function issueFakeCode(app: AuthApp, profile: FakeProfile, state: string): Promise<string> {
  return new SignJWT({ ...profile, state, nonce: randomBytes(8).toString("hex") })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime(`${CODE_TTL_SECONDS}s`)
    .sign(key(app.settings.jwtSecret));
}

/** Redeems a code minted by the fake provider; null when forged, expired or for another flow. */
export async function redeemFakeCode(app: AuthApp, code: string, provider: string, state: string): Promise<FakeProfile | null> {
  try {
    const { payload } = await jwtVerify(code, key(app.settings.jwtSecret), { algorithms: ["HS256"] });
    if (payload.provider !== provider || payload.state !== state) return null;
    return {
      provider,
      email: String(payload.email ?? ""),
      name: String(payload.name ?? ""),
      emailVerified: payload.emailVerified === true,
      sub: String(payload.sub ?? ""),
    };
  } catch {
    return null;
  }
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const title = (p: string) => p.charAt(0).toUpperCase() + p.slice(1);
const nameFromEmail = (email: string) =>
  (email.split("@")[0] ?? "")
    .split(/[._+-]+/)
    .filter(Boolean)
    .map(title)
    .join(" ");

function page(app: AuthApp, provider: string, q: URLSearchParams): string {
  const hidden = ["state", "redirect_uri", "client_id", "nonce"]
    .map((n) => `<input type="hidden" name="${n}" value="${esc(q.get(n) ?? "")}">`)
    .join("\n      ");
  const action = `${app.settings.externalUrl}/fake-oidc/${provider}/authorize`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in with ${esc(title(provider))} (devstack)</title>
<style>body{font-family:system-ui,sans-serif;max-width:24rem;margin:4rem auto;padding:0 1rem}label{display:block;margin:.75rem 0}
input[type=email],input[type=text]{width:100%;padding:.4rem}button{padding:.5rem 1rem;margin-right:.5rem}small{color:#666}</style></head>
<body>
  <h1>Sign in with ${esc(title(provider))}</h1>
  <p><small>Local development stand-in for ${esc(title(provider))}: no real account is used.</small></p>
  <form method="post" action="${esc(action)}">
      ${hidden}
      <label>Email <input type="email" name="email" required value="${esc(q.get("login_hint") ?? "")}"></label>
      <label>Name <input type="text" name="name" value=""></label>
      <label><input type="checkbox" name="email_verified" value="true" checked> Email verified</label>
      <button type="submit" name="action" value="allow">Sign in as this user</button>
      <button type="submit" name="action" value="deny" formnovalidate>Cancel</button>
  </form>
</body>
</html>`;
}

function checkProvider(app: AuthApp, provider: string): void {
  const p = app.settings.providers.get(provider);
  if (!p?.fake)
    throw notFound(
      "validation_failed",
      `No fake OIDC provider "${provider}" (enable [auth.external.${provider}] without a secret)`,
    );
}

function callbackTarget(app: AuthApp, redirectUri: string): URL {
  const callback = `${app.settings.externalUrl}/callback`;
  if (redirectUri.split("?")[0] !== callback) throw badRequest("validation_failed", `redirect_uri must be ${callback}`);
  return new URL(redirectUri);
}

async function finish(app: AuthApp, provider: string, params: URLSearchParams): Promise<Reply> {
  const target = callbackTarget(app, params.get("redirect_uri") ?? "");
  const state = params.get("state") ?? "";
  target.searchParams.set("state", state);
  if (params.get("action") === "deny") {
    target.searchParams.set("error", "access_denied");
    target.searchParams.set("error_description", "The user denied the sign-in request");
    return redirect(302, target.toString());
  }
  const email = (params.get("email") ?? params.get("login_hint") ?? "").trim().toLowerCase();
  if (!email.includes("@")) throw badRequest("validation_failed", "An email address is required");
  const verifiedParam = params.get("email_verified");
  const profile: FakeProfile = {
    provider,
    email,
    name: (params.get("name") ?? "").trim() || nameFromEmail(email),
    emailVerified: verifiedParam === null ? !params.has("action") : verifiedParam === "true",
    sub: fakeSubject(provider, email),
  };
  target.searchParams.set("code", await issueFakeCode(app, profile, state));
  return redirect(302, target.toString());
}

/** GET /fake-oidc/:provider/authorize: the sign-in page, or an immediate answer with `login_hint`. */
export async function fakeAuthorize(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const provider = req.params.provider ?? "";
  checkProvider(app, provider);
  const q = req.url.searchParams;
  callbackTarget(app, q.get("redirect_uri") ?? "");
  if (q.get("login_hint")) return finish(app, provider, q);
  return html(200, page(app, provider, q));
}

/** POST /fake-oidc/:provider/authorize: the page's form. */
export async function fakeAuthorizeSubmit(app: AuthApp, req: AuthRequest): Promise<Reply> {
  const provider = req.params.provider ?? "";
  checkProvider(app, provider);
  return finish(app, provider, formBody(req));
}
