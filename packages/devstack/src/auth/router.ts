import type { AuthApp } from "./app.ts";
import {
  createUser,
  deleteUserAdmin,
  generateLink,
  getUserAdmin,
  invite,
  listFactors,
  listUsers,
  updateUserAdmin,
} from "./handlers/admin.ts";
import { fakeAuthorize, fakeAuthorizeSubmit } from "./handlers/fake-oidc.ts";
import { otp, recover, resend } from "./handlers/mail-requests.ts";
import { authorize, callback, linkIdentity } from "./handlers/oauth.ts";
import { signup } from "./handlers/signup.ts";
import { token } from "./handlers/token.ts";
import { deleteIdentityHandler, getUser, logout, reauthenticate, updateUserHandler } from "./handlers/user.ts";
import { verify } from "./handlers/verify.ts";
import { type AuthRequest, json, type Reply } from "./http.ts";

type Handler = (app: AuthApp, req: AuthRequest) => Promise<Reply>;
type Route = { method: string; pattern: string; handler: Handler };

/** The settings auth-js and the dashboard read (GoTrue's /settings shape). */
async function settings(app: AuthApp): Promise<Reply> {
  const known = [
    "apple",
    "azure",
    "bitbucket",
    "discord",
    "facebook",
    "snapchat",
    "figma",
    "fly",
    "github",
    "gitlab",
    "google",
    "keycloak",
    "kakao",
    "linkedin",
    "linkedin_oidc",
    "notion",
    "spotify",
    "slack",
    "slack_oidc",
    "workos",
    "twitch",
    "twitter",
    "zoom",
  ];
  const external: Record<string, boolean> = { anonymous_users: app.settings.anonymousSignIns };
  for (const name of known) external[name] = app.settings.providers.has(name);
  external.email = app.settings.emailProviderEnabled;
  external.phone = false;
  for (const name of app.settings.providers.keys()) external[name] = true;
  return json(200, {
    external,
    disable_signup: app.settings.disableSignup,
    mailer_autoconfirm: app.settings.autoconfirm,
    phone_autoconfirm: false,
    sms_provider: "",
    saml_enabled: false,
    saml_private_key_next_configured: false,
    passkeys_enabled: false,
  });
}

async function health(): Promise<Reply> {
  return json(200, { version: "devstack", name: "GoTrue", description: "GoTrue is a user registration and authentication API" });
}

const ROUTES: Route[] = [
  { method: "GET", pattern: "/health", handler: health },
  { method: "GET", pattern: "/settings", handler: settings },
  { method: "POST", pattern: "/signup", handler: signup },
  { method: "POST", pattern: "/token", handler: token },
  { method: "GET", pattern: "/verify", handler: verify },
  { method: "POST", pattern: "/verify", handler: verify },
  { method: "POST", pattern: "/recover", handler: recover },
  { method: "POST", pattern: "/resend", handler: resend },
  { method: "POST", pattern: "/otp", handler: otp },
  { method: "POST", pattern: "/magiclink", handler: otp },
  { method: "POST", pattern: "/logout", handler: logout },
  { method: "GET", pattern: "/reauthenticate", handler: reauthenticate },
  { method: "GET", pattern: "/user", handler: getUser },
  { method: "PUT", pattern: "/user", handler: updateUserHandler },
  { method: "GET", pattern: "/user/identities/authorize", handler: linkIdentity },
  { method: "DELETE", pattern: "/user/identities/:id", handler: deleteIdentityHandler },
  { method: "GET", pattern: "/authorize", handler: authorize },
  { method: "GET", pattern: "/callback", handler: callback },
  { method: "POST", pattern: "/callback", handler: callback },
  { method: "POST", pattern: "/invite", handler: invite },
  { method: "GET", pattern: "/admin/users", handler: listUsers },
  { method: "POST", pattern: "/admin/users", handler: createUser },
  { method: "GET", pattern: "/admin/users/:id", handler: getUserAdmin },
  { method: "PUT", pattern: "/admin/users/:id", handler: updateUserAdmin },
  { method: "DELETE", pattern: "/admin/users/:id", handler: deleteUserAdmin },
  { method: "GET", pattern: "/admin/users/:id/factors", handler: listFactors },
  { method: "POST", pattern: "/admin/generate_link", handler: generateLink },
  { method: "GET", pattern: "/fake-oidc/:provider/authorize", handler: fakeAuthorize },
  { method: "POST", pattern: "/fake-oidc/:provider/authorize", handler: fakeAuthorizeSubmit },
];

function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/");
  const s = path.split("/");
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] as string;
    if (seg.startsWith(":")) params[seg.slice(1)] = decodeURIComponent(s[i] as string);
    else if (seg !== s[i]) return null;
  }
  return params;
}

export type Resolution =
  | { kind: "handler"; handler: Handler; params: Record<string, string> }
  | { kind: "not_found" }
  | { kind: "method_not_allowed" };

/** chi's behaviour: unknown paths 404, known paths with another method 405. */
export function resolve(method: string, path: string): Resolution {
  let pathKnown = false;
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (!params) continue;
    pathKnown = true;
    if (route.method === method || (method === "HEAD" && route.method === "GET"))
      return { kind: "handler", handler: route.handler, params };
  }
  return pathKnown ? { kind: "method_not_allowed" } : { kind: "not_found" };
}
