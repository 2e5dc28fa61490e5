import { useEffect } from "react";
import { Toaster as Sonner, type ToasterProps } from "sonner";
import { toasterMounted } from "../../lib/toast-slot.ts";

/** The toasts' outlet, mounted by the app on the first toast (components/ui/toast.ts shows them). */
export function Toaster({ theme, ...props }: ToasterProps) {
  // Runs after Sonner (a child) subscribed, so toasts that waited for the toaster are not lost.
  useEffect(() => toasterMounted(), []);
  return <Sonner theme={theme} position="top-center" closeButton {...props} />;
}
