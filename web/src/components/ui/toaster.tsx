import { Toaster as Sonner, type ToasterProps } from "sonner";

/** Toasts for outcomes of actions ("Signed out"); errors about a form stay next to the form instead. */
export function Toaster({ theme, ...props }: ToasterProps) {
  return <Sonner theme={theme} position="top-center" closeButton {...props} />;
}

export { toast } from "sonner";
