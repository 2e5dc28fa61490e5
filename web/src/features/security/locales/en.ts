import type { Catalogue } from "../../../locales/catalogue.ts";

/** The "security" namespace: `useTranslation("security")`. English is the reference; de.ts must match its keys. */
export const securityEn = {
  nav: "Security",
};

export type SecurityMessages = Catalogue<typeof securityEn>;
