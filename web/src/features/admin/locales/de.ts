import type { AdminMessages } from "./en.ts";

export const adminDe: AdminMessages = {
  nav: "Super-Admin",
};
