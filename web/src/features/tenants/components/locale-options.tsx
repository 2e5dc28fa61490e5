import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "../../../lib/language.ts";
import { timeZoneNames } from "../../../lib/time-zones.ts";

/**
 * The <option>s of a tenant's time-zone select: every zone the browser knows, UTC first, and
 * `current` too when the browser does not know it (so a saved zone is never shown as another).
 */
export function TimeZoneOptions({ current }: { current?: string }) {
  const zones = useMemo(() => {
    const names = timeZoneNames();
    return current && !names.includes(current) ? [current, ...names] : names;
  }, [current]);
  return zones.map((zone) => (
    <option key={zone} value={zone}>
      {zone.replaceAll("_", " ")}
    </option>
  ));
}

/** The <option>s of a tenant's language select, each named in the reader's language. */
export function LanguageOptions() {
  const { t } = useTranslation();
  return LANGUAGES.map((language) => (
    <option key={language} value={language}>
      {t(`language.${language}`)}
    </option>
  ));
}
