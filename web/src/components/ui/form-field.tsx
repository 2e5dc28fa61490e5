import { type ReactNode, useId } from "react";
import { cn } from "./cn.ts";
import { Label } from "./label.tsx";

export type FieldControlProps = {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
};

type FormFieldProps = {
  label: ReactNode;
  /** Guidance shown under the control before anything goes wrong. */
  hint?: ReactNode;
  /** The validation or server message for this field; announced to screen readers. */
  error?: string | undefined;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
};

/**
 * Label, control, hint and error wired together by ids, so assistive technology reads the
 * label, the hint and the error with the control and knows when it is invalid.
 */
export function FormField({ label, hint, error, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </div>
  );
}
