import { apiUrl, type StackConfig } from "../config/stack-config.ts";
import { optionalDuration, parseGoDuration } from "./durations.ts";

/** Requests allowed per window and per key; the bucket refills over `windowSeconds`. */
export type RateLimitSetting = { limit: number; windowSeconds: number };

export type ProviderSetting = {
  name: string;
  clientId: string;
  /** No secret configured: the built-in fake OIDC provider stands in for the real one. */
  fake: boolean;
};

export type HookSetting = { uri: string; functionName: string };

/**
 * Everything the auth server reads from config.toml, resolved once, with GoTrue's meaning
 * (the Supabase CLI's mapping of config.toml to GOTRUE_* variables).
 */
export type AuthSettings = {
  /** Public base URL of the API (`<api>/auth/v1`): the JWT `iss` and the base of mail links. */
  externalUrl: string;
  siteUrl: string;
  allowList: string[];
  jwtSecret: string;
  jwtExpiry: number;
  adminRoles: string[];
  defaultRole: string;
  defaultAud: string;
  refreshTokenRotation: boolean;
  refreshTokenReuseInterval: number;
  sessionTimebox: number | null;
  sessionInactivityTimeout: number | null;
  disableSignup: boolean;
  emailProviderEnabled: boolean;
  autoconfirm: boolean;
  secureEmailChange: boolean;
  /** `[auth.email] secure_password_change`: password changes need a recent sign-in or a mailed code. */
  securePasswordChange: boolean;
  maxFrequency: number;
  otpLength: number;
  otpExpiry: number;
  minPasswordLength: number;
  manualLinking: boolean;
  anonymousSignIns: boolean;
  /** Seconds a PKCE/OAuth flow state stays usable (GoTrue's minimum, 300). */
  flowStateExpiry: number;
  rateLimits: {
    /** sign_in_sign_ups: signup, recover, resend, otp, user update (per IP) and per email. */
    otp: RateLimitSetting;
    /** token_refresh: every /token grant, per IP. */
    token: RateLimitSetting;
    /** token_verifications: /verify, per IP. */
    verify: RateLimitSetting;
    /** email_sent: mails per hour, for the whole instance. */
    emailSent: RateLimitSetting;
  };
  customAccessTokenHook: HookSetting | null;
  /** `[auth.hook.password_verification_attempt]`: called after every password sign-in check. */
  passwordVerificationAttemptHook: HookSetting | null;
  providers: Map<string, ProviderSetting>;
  mail: { host: string; port: number; from: string };
};

/** GoTrue turns `pg-functions://<db>/<schema>/<function>` into a quoted `"schema"."function"`. */
export function hookFunctionName(uri: string): string {
  const m = /^pg-functions:\/\/[^/]+\/([^/]+)\/([^/]+)$/.exec(uri);
  if (!m)
    throw new Error(`unsupported hook URI "${uri}": the devstack calls pg-functions://<database>/<schema>/<function> hooks`);
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return `${quote(m[1] as string)}.${quote(m[2] as string)}`;
}

export function resolveAuthSettings(config: StackConfig): AuthSettings {
  const auth = config.supabase.auth;
  const hook = auth.hook.custom_access_token;
  const passwordHook = auth.hook.password_verification_attempt;
  const providers = new Map<string, ProviderSetting>();
  for (const [name, p] of Object.entries(auth.external)) {
    if (!p.enabled) continue;
    providers.set(name.toLowerCase(), { name: name.toLowerCase(), clientId: p.client_id || `devstack-${name}`, fake: !p.secret });
  }
  return {
    externalUrl: `${apiUrl(config)}/auth/v1`,
    siteUrl: auth.site_url,
    allowList: auth.additional_redirect_urls,
    jwtSecret: config.jwtSecret,
    jwtExpiry: auth.jwt_expiry,
    adminRoles: ["service_role", "supabase_admin"],
    defaultRole: "authenticated",
    defaultAud: "authenticated",
    refreshTokenRotation: auth.enable_refresh_token_rotation,
    refreshTokenReuseInterval: auth.refresh_token_reuse_interval,
    sessionTimebox: optionalDuration(auth.sessions.timebox),
    sessionInactivityTimeout: optionalDuration(auth.sessions.inactivity_timeout),
    disableSignup: !auth.enable_signup,
    emailProviderEnabled: auth.email.enable_signup,
    autoconfirm: !auth.email.enable_confirmations,
    secureEmailChange: auth.email.double_confirm_changes,
    securePasswordChange: auth.email.secure_password_change,
    maxFrequency: parseGoDuration(auth.email.max_frequency),
    otpLength: auth.email.otp_length,
    otpExpiry: auth.email.otp_expiry,
    minPasswordLength: Math.max(6, auth.minimum_password_length),
    manualLinking: auth.enable_manual_linking,
    anonymousSignIns: auth.enable_anonymous_sign_ins,
    flowStateExpiry: 300,
    rateLimits: {
      otp: { limit: auth.rate_limit.sign_in_sign_ups, windowSeconds: 300 },
      token: { limit: auth.rate_limit.token_refresh, windowSeconds: 300 },
      verify: { limit: auth.rate_limit.token_verifications, windowSeconds: 300 },
      emailSent: { limit: auth.rate_limit.email_sent, windowSeconds: 3600 },
    },
    customAccessTokenHook: hook?.enabled ? { uri: hook.uri, functionName: hookFunctionName(hook.uri) } : null,
    passwordVerificationAttemptHook: passwordHook?.enabled
      ? { uri: passwordHook.uri, functionName: hookFunctionName(passwordHook.uri) }
      : null,
    providers,
    mail: { host: config.host, port: config.ports.smtp, from: "FlexOffice <noreply@flexoffice.local>" },
  };
}
