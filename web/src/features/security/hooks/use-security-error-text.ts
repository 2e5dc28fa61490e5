import { isAuthError } from "@supabase/supabase-js";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../lib/api-error.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { formErrorText } from "../../../lib/form-errors.ts";
import { useErrorText } from "../../auth/hooks/use-error-text.ts";
import { FunctionError } from "../lib/function-error.ts";
import type { securityEn } from "../locales/en.ts";

type ErrorKey = keyof typeof securityEn.errors;
type ValidationKey = keyof typeof securityEn.validation;

/** Codes that refuse a code or password and may say how many tries are left. */
const ATTEMPT_CODES = new Set(["INVALID_CODE", "CODE_ALREADY_USED", "INVALID_RECOVERY_CODE", "INVALID_PASSWORD"]);

const minutesOf = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * Human text for whatever a security action failed with, in the current language: our words
 * for each function code (with the attempts left or the lockout the answer reports), the
 * shared texts for database and auth errors, never a raw server message.
 */
export function useSecurityErrorText() {
  const { t, i18n } = useTranslation("security");
  const apiErrorText = useApiErrorText();
  const authText = useErrorText();

  const functionText = (error: FunctionError): string => {
    if (error.code === "TOO_MANY_ATTEMPTS") {
      return error.retryAfterSeconds !== null
        ? t("errors.TOO_MANY_ATTEMPTS", { count: minutesOf(error.retryAfterSeconds) })
        : t("errors.TOO_MANY_ATTEMPTS");
    }
    // Asked of the loaded catalogue, so the English one is never bundled into every page.
    const base = i18n.exists(`errors.${error.code}`, { ns: "security" })
      ? t(`errors.${error.code as ErrorKey}` as "errors.unknown")
      : t("errors.unknown");
    if (!ATTEMPT_CODES.has(error.code)) return base;
    if (error.retryAfterSeconds !== null)
      return `${base} ${t("errors.lockedNow", { count: minutesOf(error.retryAfterSeconds) })}`;
    if (error.attemptsLeft !== null) return `${base} ${t("errors.attemptsLeft", { count: error.attemptsLeft })}`;
    return base;
  };

  return {
    /** Any failure of a security action. */
    error: (error: unknown): string => {
      if (error instanceof FunctionError) return functionText(error);
      if (error instanceof ApiError) return apiErrorText(error);
      if (isAuthError(error) || error instanceof TypeError) return authText.auth(error);
      return t("errors.unknown");
    },
    /** A form field's message: a key of `validation`, or a sentence the server refusal became. */
    field: (error: Parameters<typeof formErrorText>[0]) =>
      formErrorText(error, (key) => t(`validation.${key as ValidationKey}` as "validation.codeRequired")),
  };
}
