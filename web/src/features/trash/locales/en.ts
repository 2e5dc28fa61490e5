import type { Catalogue } from "../../../locales/catalogue.ts";

/** The "trash" namespace: `useTranslation("trash")`. English is the reference; de.ts must match its keys. */
export const trashEn = {
  nav: "Trash",
};

export type TrashMessages = Catalogue<typeof trashEn>;
