import i18next from "i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { initReactI18next } from "react-i18next";
import { loadCatalogue } from "../locales/resources.ts";
import { detectLanguage, isLanguage, type Language } from "./language.ts";

const STORAGE_KEY = "flexoffice.language";

function readSaved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** True once the person picked a language on this device: then a tenant's language no longer overrides it. */
export function hasChosenLanguage(): boolean {
  const saved = readSaved();
  return saved !== null && isLanguage(saved);
}

/** Shows the tenant's language to members who never picked one; their own choice is not saved by this. */
export async function applyTenantLanguage(language: string): Promise<void> {
  if (hasChosenLanguage() || !isLanguage(language) || i18next.resolvedLanguage === language) return;
  await i18next.changeLanguage(language);
}

/** Switches the UI language, remembers it on this device and keeps <html lang> right for screen readers. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this visit only.
  }
  await i18next.changeLanguage(language);
}

i18next.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

/**
 * Resolves once the shared catalogue of the starting language is loaded; the app renders after
 * it. Feature namespaces load when a page first asks for them (the page suspends meanwhile).
 * No fallback language: every language has every key (the typecheck proves it), so German
 * readers never download the English texts too.
 */
export const i18nReady: Promise<unknown> = i18next
  .use(resourcesToBackend(loadCatalogue))
  .use(initReactI18next)
  .init({
    lng: detectLanguage(readSaved(), navigator.languages ?? [navigator.language]),
    supportedLngs: ["en", "de"],
    fallbackLng: false,
    ns: ["translation"],
    defaultNS: "translation",
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: true },
  });

export { isLanguage, LANGUAGES, type Language } from "./language.ts";
export { i18next };
