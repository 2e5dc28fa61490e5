import { useTranslation } from "react-i18next";
import { InvitationMailError } from "../api/send-invitation.ts";

const CODES = [
  "MAIL_NOT_CONFIGURED",
  "MAIL_FAILED",
  "REDIRECT_NOT_ALLOWED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "UNAUTHORIZED",
  "network",
] as const;
type Code = (typeof CODES)[number];

/** Words for a failure of the invitations mail function, by its stable code (never its English message). */
export function useMailErrorText(): (error: unknown) => string {
  const { t } = useTranslation("members");
  return (error) => {
    const code = error instanceof InvitationMailError ? error.code : "unknown";
    return (CODES as readonly string[]).includes(code) ? t(`mailErrors.${code as Code}`) : t("mailErrors.unknown");
  };
}
