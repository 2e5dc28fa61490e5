import { CircleAlert, CircleCheck, Info } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "./cn.ts";

type AlertTone = "error" | "info" | "success";

const tones: Record<AlertTone, string> = {
  error: "border-destructive/40 bg-destructive/10 text-foreground",
  info: "border-border bg-muted text-foreground",
  success: "border-success/40 bg-success/10 text-foreground",
};

const icons = { error: CircleAlert, info: Info, success: CircleCheck } as const;

/**
 * Inline message next to the thing it is about. Errors use role="alert" so they are announced
 * the moment they appear; other tones use a polite status.
 */
export function Alert({
  tone = "info",
  title,
  children,
  className,
}: {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  const Icon = icons[tone];
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn("flex gap-3 rounded-lg border p-3 text-sm", tones[tone], className)}
    >
      <Icon
        aria-hidden="true"
        className={cn("mt-0.5 size-4 shrink-0", tone === "error" ? "text-destructive" : tone === "success" ? "text-success" : "")}
      />
      <div className="grid gap-1">
        {title ? <p className="font-medium">{title}</p> : null}
        {children ? <div>{children}</div> : null}
      </div>
    </div>
  );
}
