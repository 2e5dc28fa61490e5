import type { Catalogue } from "../../../locales/catalogue.ts";

/** The "entities" namespace: `useTranslation("entities")`. English is the reference; de.ts must match its keys. */
export const entitiesEn = {
  nav: "Records",
};

export type EntitiesMessages = Catalogue<typeof entitiesEn>;
