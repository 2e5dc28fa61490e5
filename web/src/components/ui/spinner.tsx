import { LoaderCircle } from "lucide-react";
import { cn } from "./cn.ts";

/** Decorative spinner; the surrounding control carries the accessible busy state. */
export function Spinner({ className }: { className?: string }) {
  return <LoaderCircle aria-hidden="true" className={cn("size-4 motion-safe:animate-spin", className)} />;
}
