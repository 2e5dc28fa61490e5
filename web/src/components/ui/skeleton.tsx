import type { ComponentProps } from "react";
import { cn } from "./cn.ts";

/** Placeholder block with the shape of content that is still loading; hidden from assistive technology. */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return <div aria-hidden="true" className={cn("motion-safe:animate-pulse rounded-md bg-muted", className)} {...props} />;
}
