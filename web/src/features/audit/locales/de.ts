import type { AuditMessages } from "./en.ts";

export const auditDe: AuditMessages = {
  nav: "Protokoll",
};
