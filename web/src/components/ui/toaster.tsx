import { type ReactNode, useEffect } from "react";
import { type ExternalToast, Toaster as Sonner, toast as sonner, type ToasterProps } from "sonner";
import { toasterMounted, whenToasterReady } from "../../lib/toast-slot.ts";

/** Toasts for outcomes of actions ("Signed out"); errors about a form stay next to the form instead. */
export function Toaster({ theme, ...props }: ToasterProps) {
  // Runs after Sonner (a child) subscribed, so toasts that waited for the toaster are not lost.
  useEffect(() => toasterMounted(), []);
  return <Sonner theme={theme} position="top-center" closeButton {...props} />;
}

type Show = (message: ReactNode, data?: ExternalToast) => void;

/** Shows a toast once the toaster is mounted (the app mounts it on the first toast; see lib/toast-slot.ts). */
export const toast: Show & { success: Show; error: Show; info: Show } = Object.assign(
  (message: ReactNode, data?: ExternalToast) => whenToasterReady(() => sonner(message, data)),
  {
    success: (message: ReactNode, data?: ExternalToast) => whenToasterReady(() => sonner.success(message, data)),
    error: (message: ReactNode, data?: ExternalToast) => whenToasterReady(() => sonner.error(message, data)),
    info: (message: ReactNode, data?: ExternalToast) => whenToasterReady(() => sonner.info(message, data)),
  },
);
