import "i18next";
import type { en } from "./locales/en.ts";

// Typed keys: `t("auth.signIn.title")` is checked against the English catalogue.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof en };
  }
}
