import type { Catalogue } from "../../../locales/catalogue.ts";

/** The "members" namespace: `useTranslation("members")`. English is the reference; de.ts must match its keys. */
export const membersEn = {
  nav: "Members",
};

export type MembersMessages = Catalogue<typeof membersEn>;
