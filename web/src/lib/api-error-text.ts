import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError, toApiError } from "./api-error.ts";

type RuleKey = keyof typeof import("../locales/en.ts").en.apiErrors.rules;

/**
 * The human message for any failure of an API call, in the current language. A rule the app
 * has words for wins; otherwise, in English, the database's own message (it names the field
 * and the rule); otherwise the message for the code, naming the field when there is one.
 */
export function apiErrorText(t: TFunction, language: string, error: unknown, fieldLabel?: (field: string) => string): string {
  const apiError = error instanceof ApiError ? error : toApiError(error, 0);
  const field = apiError.field ? (fieldLabel?.(apiError.field) ?? apiError.field) : "";
  const rulePath = `apiErrors.rules.${apiError.rule ?? ""}`;
  if (apiError.rule && t(rulePath as `apiErrors.rules.${RuleKey}`, { field, defaultValue: "" }) !== "") {
    return t(rulePath as `apiErrors.rules.${RuleKey}`, { field });
  }
  const database = apiError.code !== "network" && apiError.code !== "unknown" && apiError.serverMessage;
  if (database && language.startsWith("en")) return apiError.serverMessage;
  const message = t(`apiErrors.${apiError.code}`);
  return field ? t("apiErrors.withField", { message, field }) : message;
}

/** `const errorText = useApiErrorText(); toast.error(errorText(error))`. */
export function useApiErrorText(): (error: unknown, fieldLabel?: (field: string) => string) => string {
  const { t, i18n } = useTranslation();
  return (error, fieldLabel) => apiErrorText(t, i18n.resolvedLanguage ?? "en", error, fieldLabel);
}
