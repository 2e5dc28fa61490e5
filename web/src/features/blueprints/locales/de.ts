import type { BlueprintsMessages } from "./en.ts";

export const blueprintsDe: BlueprintsMessages = {
  nav: "Blueprints",
};
