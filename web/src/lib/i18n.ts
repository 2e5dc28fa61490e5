import i18next from "i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { initReactI18next } from "react-i18next";
import { loadCatalogue, type Namespace } from "../locales/resources.ts";
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
const startLanguage = detectLanguage(readSaved(), navigator.languages ?? [navigator.language]);

export const i18nReady: Promise<unknown> = i18next
  .use(resourcesToBackend(loadCatalogue))
  .use(initReactI18next)
  .init({
    lng: startLanguage,
    supportedLngs: ["en", "de"],
    fallbackLng: false,
    ns: ["translation"],
    defaultNS: "translation",
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: true },
  });

/**
 * Loads the texts a page is about to ask for; route loaders await it, so the page renders
 * with its texts in place instead of suspending on them (React then holds the page back a
 * while to avoid flicker). The download starts at once, before i18next is even initialised;
 * i18next then takes the same module. Never fails: missing texts show as keys.
 */
export async function loadPageTexts(namespaces: readonly Namespace[]): Promise<null> {
  const language = i18next.resolvedLanguage ?? startLanguage;
  for (const namespace of namespaces) void loadCatalogue(language, namespace).catch(() => undefined);
  await i18nReady.then(() => i18next.loadNamespaces([...namespaces])).catch(() => undefined);
  return null;
}

export { isLanguage, LANGUAGES, type Language } from "./language.ts";
export { i18next };
