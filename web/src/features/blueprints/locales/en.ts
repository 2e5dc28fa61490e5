import type { Catalogue } from "../../../locales/catalogue.ts";

/** The "blueprints" namespace: `useTranslation("blueprints")`. English is the reference; de.ts must match its keys. */
export const blueprintsEn = {
  nav: "Blueprints",
};

export type BlueprintsMessages = Catalogue<typeof blueprintsEn>;
