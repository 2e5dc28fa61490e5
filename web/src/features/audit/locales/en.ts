import type { Catalogue } from "../../../locales/catalogue.ts";

/** The "audit" namespace: `useTranslation("audit")`. English is the reference; de.ts must match its keys. */
export const auditEn = {
  nav: "Audit log",
};

export type AuditMessages = Catalogue<typeof auditEn>;
