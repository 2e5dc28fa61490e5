import {
  AuthApiError,
  AuthImplicitGrantRedirectError,
  AuthRetryableFetchError,
  AuthUnknownError,
  AuthWeakPasswordError,
} from "@supabase/supabase-js";
import { describe, expect, test } from "vitest";
import { de } from "../../../locales/de.ts";
import { en } from "../../../locales/en.ts";
import { authErrorKey } from "./auth-errors.ts";

describe("authErrorKey", () => {
  test.each([
    {
      name: "wrong password",
      error: new AuthApiError("Invalid login credentials", 400, "invalid_credentials"),
      key: "invalid_credentials",
    },
    {
      name: "unconfirmed email",
      error: new AuthApiError("Email not confirmed", 400, "email_not_confirmed"),
      key: "email_not_confirmed",
    },
    {
      name: "user exists",
      error: new AuthApiError("User already registered", 422, "user_already_exists"),
      key: "user_already_exists",
    },
    { name: "email exists (admin wording)", error: new AuthApiError("exists", 422, "email_exists"), key: "user_already_exists" },
    {
      name: "request rate limit",
      error: new AuthApiError("slow down", 429, "over_request_rate_limit"),
      key: "over_request_rate_limit",
    },
    {
      name: "mail rate limit",
      error: new AuthApiError("slow down", 429, "over_email_send_rate_limit"),
      key: "over_email_send_rate_limit",
    },
    { name: "429 without a code", error: new AuthApiError("slow down", 429, undefined), key: "over_request_rate_limit" },
    { name: "422 without a code", error: new AuthApiError("bad", 422, undefined), key: "validation_failed" },
    { name: "same password", error: new AuthApiError("same", 422, "same_password"), key: "same_password" },
    { name: "expired session", error: new AuthApiError("gone", 403, "session_not_found"), key: "session_expired" },
    { name: "OAuth state mismatch", error: new AuthApiError("state", 400, "bad_oauth_state"), key: "oauth_failed" },
    { name: "unknown code, server error", error: new AuthApiError("boom", 500, "unexpected_failure"), key: "unknown" },
    { name: "network failure", error: new AuthRetryableFetchError("Failed to fetch", 0), key: "network" },
    { name: "fetch TypeError", error: new TypeError("Failed to fetch"), key: "network" },
    { name: "not an auth error", error: new Error("kaboom"), key: "unknown" },
    { name: "unknown auth error", error: new AuthUnknownError("weird", null), key: "unknown" },
    { name: "nothing at all", error: undefined, key: "unknown" },
  ])("$name", ({ error, key }) => {
    expect(authErrorKey(error)).toBe(key);
  });

  test.each([
    { name: "pwned wins", reasons: ["length", "pwned"] as const, key: "weak_password_pwned" },
    { name: "characters", reasons: ["characters"] as const, key: "weak_password_characters" },
    { name: "length", reasons: ["length"] as const, key: "weak_password_length" },
    { name: "no reason given", reasons: [] as const, key: "weak_password" },
  ])("weak password: $name", ({ reasons, key }) => {
    expect(authErrorKey(new AuthWeakPasswordError("weak", 422, [...reasons]))).toBe(key);
  });

  test.each([
    { name: "expired link (error_code)", details: { error: "access_denied", code: "otp_expired" }, key: "otp_expired" },
    {
      name: "refused consent (no error_code)",
      details: { error: "access_denied", code: "unspecified_code" },
      key: "access_denied",
    },
    { name: "provider server error", details: { error: "server_error", code: "unspecified_code" }, key: "unknown" },
  ])("link in the URL: $name", ({ details, key }) => {
    expect(authErrorKey(new AuthImplicitGrantRedirectError("from the URL", details))).toBe(key);
  });

  test("every key it can return has a message in English and German", () => {
    const keys = Object.keys(en.auth.errors);
    expect(Object.keys(de.auth.errors).sort()).toEqual([...keys].sort());
    for (const key of keys) {
      expect(en.auth.errors[key as keyof typeof en.auth.errors]).not.toBe("");
      expect(de.auth.errors[key as keyof typeof de.auth.errors]).not.toBe(en.auth.errors[key as keyof typeof en.auth.errors]);
    }
  });
});
