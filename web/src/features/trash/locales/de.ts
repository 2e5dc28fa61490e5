import type { TrashMessages } from "./en.ts";

export const trashDe: TrashMessages = {
  nav: "Papierkorb",
};
