import type { SecurityMessages } from "./en.ts";

export const securityDe: SecurityMessages = {
  nav: "Sicherheit",
};
