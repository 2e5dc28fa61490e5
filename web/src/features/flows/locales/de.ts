import type { FlowsMessages } from "./en.ts";

export const flowsDe: FlowsMessages = {
  nav: "Abläufe",
};
