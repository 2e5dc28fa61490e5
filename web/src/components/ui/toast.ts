import type { ReactNode } from "react";
import type { ExternalToast } from "sonner";
import { whenToasterReady } from "../../lib/toast-slot.ts";

type Show = (message: ReactNode, data?: ExternalToast) => void;
type Kind = "message" | "success" | "error" | "info";

/**
 * Shows a toast once the toaster is mounted: the first toast mounts it (lib/toast-slot.ts), so
 * no page downloads the toast library before it has something to say. The library is loaded
 * by then, so the import below resolves from the module cache.
 */
function show(kind: Kind): Show {
  return (message, data) =>
    whenToasterReady(() => {
      void import("sonner").then(({ toast: sonner }) => (kind === "message" ? sonner : sonner[kind])(message, data));
    });
}

/** Toasts for outcomes of actions ("Signed out"); errors about a form stay next to the form instead. */
export const toast: Show & { success: Show; error: Show; info: Show } = Object.assign(show("message"), {
  success: show("success"),
  error: show("error"),
  info: show("info"),
});
