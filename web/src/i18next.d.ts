import "i18next";
import type { Resources } from "./locales/resources.ts";

// Typed keys: `t("auth.signIn.title")` and `useTranslation("members")` are checked against the English catalogues.
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: Resources;
  }
}
