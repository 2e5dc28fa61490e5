import { dateTimeFormat } from "./intl-format.ts";

/**
 * Dates as people read them in the current language. Pages of a tenant pass its time zone
 * (useTenant().formatDateTime); account pages use the browser's.
 */
export function formatDateTime(iso: string | null | undefined, language: string, timeZone?: string): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return dateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date);
}
