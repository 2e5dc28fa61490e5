import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { de } from "../locales/de.ts";
import { en } from "../locales/en.ts";
import { detectLanguage, type Language } from "./language.ts";

const STORAGE_KEY = "flexoffice.language";

function readSaved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
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

void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, de: { translation: de } },
  lng: detectLanguage(readSaved(), navigator.languages ?? [navigator.language]),
  fallbackLng: "en",
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { isLanguage, LANGUAGES, type Language } from "./language.ts";
export { i18next };
