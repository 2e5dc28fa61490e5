import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../../lib/format.ts";

/** Dates in the console: the admin's language and the browser's time zone (the console spans every tenant). */
export function useAdminDates(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  return (iso) => formatDateTime(iso, i18n.resolvedLanguage ?? "en");
}
