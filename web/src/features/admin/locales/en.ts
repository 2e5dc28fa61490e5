import type { Catalogue } from "../../../locales/catalogue.ts";

/** The "admin" namespace: `useTranslation("admin")`. English is the reference; de.ts must match its keys. */
export const adminEn = {
  nav: "Super admin",
};

export type AdminMessages = Catalogue<typeof adminEn>;
