import type { MembersMessages } from "./en.ts";

export const membersDe: MembersMessages = {
  nav: "Mitglieder",
};
