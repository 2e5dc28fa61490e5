import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { type AuthErrorKey, authErrorKey } from "../lib/auth-errors.ts";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "../lib/password-policy.ts";

/** Validation keys produced by the form schemas (see lib/schemas.ts). */
const VALIDATION_KEYS = [
  "validation.emailRequired",
  "validation.emailInvalid",
  "validation.passwordRequired",
  "validation.passwordMin",
  "validation.passwordMax",
  "validation.passwordsMismatch",
] as const;
type ValidationKey = (typeof VALIDATION_KEYS)[number];

function isValidationKey(value: string): value is ValidationKey {
  return (VALIDATION_KEYS as readonly string[]).includes(value);
}

/** Turns a schema message key into text in the current language (unknown keys never reach the screen raw). */
export function fieldErrorText(t: TFunction, message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (!isValidationKey(message)) return t("auth.errors.validation_failed");
  const count = message === "validation.passwordMax" ? MAX_PASSWORD_LENGTH : MIN_PASSWORD_LENGTH;
  return t(message, { count });
}

export function authErrorText(t: TFunction, error: unknown): string {
  const key: AuthErrorKey = authErrorKey(error);
  return t(`auth.errors.${key}`);
}

/** Both translators bound to the current language. */
export function useErrorText() {
  const { t } = useTranslation();
  return {
    field: (message: string | undefined) => fieldErrorText(t, message),
    auth: (error: unknown) => authErrorText(t, error),
  };
}
