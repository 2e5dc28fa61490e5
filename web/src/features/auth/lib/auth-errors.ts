import {
  isAuthError,
  isAuthImplicitGrantRedirectError,
  isAuthRetryableFetchError,
  isAuthWeakPasswordError,
} from "@supabase/supabase-js";

/** The human messages the app has for authentication failures (keys of `auth.errors`). */
export type AuthErrorKey =
  | "invalid_credentials"
  | "email_not_confirmed"
  | "user_already_exists"
  | "weak_password"
  | "weak_password_length"
  | "weak_password_characters"
  | "weak_password_pwned"
  | "same_password"
  | "over_request_rate_limit"
  | "over_email_send_rate_limit"
  | "otp_expired"
  | "email_address_invalid"
  | "email_address_not_authorized"
  | "signup_disabled"
  | "provider_disabled"
  | "user_banned"
  | "session_expired"
  | "reauthentication_needed"
  | "identity_already_exists"
  | "oauth_failed"
  | "access_denied"
  | "validation_failed"
  | "network"
  | "unknown";

// GoTrue's stable error codes (auth-js ErrorCode), folded onto the messages a person needs.
const CODE_TO_KEY: Record<string, AuthErrorKey> = {
  invalid_credentials: "invalid_credentials",
  email_not_confirmed: "email_not_confirmed",
  user_already_exists: "user_already_exists",
  email_exists: "user_already_exists",
  weak_password: "weak_password",
  same_password: "same_password",
  over_request_rate_limit: "over_request_rate_limit",
  over_email_send_rate_limit: "over_email_send_rate_limit",
  otp_expired: "otp_expired",
  email_address_invalid: "email_address_invalid",
  email_address_not_authorized: "email_address_not_authorized",
  signup_disabled: "signup_disabled",
  email_provider_disabled: "provider_disabled",
  provider_disabled: "provider_disabled",
  oauth_provider_not_supported: "provider_disabled",
  user_banned: "user_banned",
  session_not_found: "session_expired",
  session_expired: "session_expired",
  refresh_token_not_found: "session_expired",
  refresh_token_already_used: "session_expired",
  bad_jwt: "session_expired",
  user_not_found: "session_expired",
  reauthentication_needed: "reauthentication_needed",
  reauthentication_not_valid: "reauthentication_needed",
  identity_already_exists: "identity_already_exists",
  bad_oauth_state: "oauth_failed",
  bad_oauth_callback: "oauth_failed",
  flow_state_not_found: "oauth_failed",
  flow_state_expired: "oauth_failed",
  validation_failed: "validation_failed",
  access_denied: "access_denied",
};

function codeOf(error: unknown): string | undefined {
  if (isAuthImplicitGrantRedirectError(error)) {
    // Errors that come back in a redirect URL: `error_code` is precise, `error` is the OAuth class.
    const details = error.details;
    const code = details?.code && details.code !== "unspecified_code" ? details.code : undefined;
    return code ?? details?.error;
  }
  if (isAuthError(error)) return error.code;
  return undefined;
}

/**
 * Picks the message for a failed auth call. Codes first (stable across languages and server
 * versions), then the HTTP status; never the server's raw text, which may be technical.
 */
export function authErrorKey(error: unknown): AuthErrorKey {
  if (isAuthWeakPasswordError(error)) {
    if (error.reasons.includes("pwned")) return "weak_password_pwned";
    if (error.reasons.includes("characters")) return "weak_password_characters";
    if (error.reasons.includes("length")) return "weak_password_length";
    return "weak_password";
  }
  if (isAuthRetryableFetchError(error)) return "network";
  if (error instanceof TypeError) return "network";
  const code = codeOf(error);
  const mapped = code ? CODE_TO_KEY[code] : undefined;
  if (mapped) return mapped;
  if (isAuthError(error)) {
    if (error.status === 429) return "over_request_rate_limit";
    if (error.status === 422) return "validation_failed";
    if (error.status === 0) return "network";
  }
  return "unknown";
}
