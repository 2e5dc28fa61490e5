import type { Catalogue } from "../../../locales/catalogue.ts";

/** The "flows" namespace: `useTranslation("flows")`. English is the reference; de.ts must match its keys. */
export const flowsEn = {
  nav: "Flows",
};

export type FlowsMessages = Catalogue<typeof flowsEn>;
