import type { EntitiesMessages } from "./en.ts";

export const entitiesDe: EntitiesMessages = {
  nav: "Datensätze",
};
