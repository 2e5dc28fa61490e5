import type { ComponentProps } from "react";
import { cn } from "./cn.ts";

export type BadgeVariant = "neutral" | "primary" | "success" | "destructive" | "outline";

const variants: Record<BadgeVariant, string> = {
  neutral: "bg-secondary text-secondary-foreground",
  primary: "bg-primary text-primary-foreground",
  success: "border border-success text-success",
  destructive: "bg-destructive text-destructive-foreground",
  outline: "border text-foreground",
};

/** A short status or tag; its colour never carries meaning alone, the text says it too. */
export function Badge({ className, variant = "neutral", ...props }: ComponentProps<"span"> & { variant?: BadgeVariant }) {
  return (
    <span
      className={cn(
        "inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap",
        variants[variant],
        className,
      )}
      {...props}
    />
  );
}
