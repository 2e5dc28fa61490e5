import type { ComponentProps } from "react";
import { cn } from "../../../components/ui/cn.ts";
import { Input } from "../../../components/ui/input.tsx";

/**
 * The 6-digit code field: numeric keyboard on phones, the browser's one-time-code autofill,
 * wide spacing so the digits are easy to compare with the app.
 */
export function TotpCodeInput({ className, ...props }: ComponentProps<"input">) {
  return (
    <Input
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      spellCheck={false}
      className={cn("max-w-48 font-mono text-lg tracking-[0.3em]", className)}
      {...props}
    />
  );
}

/** A recovery code field (abcde-12345): letters and digits, no autocorrection. */
export function RecoveryCodeInput({ className, ...props }: ComponentProps<"input">) {
  return (
    <Input
      autoComplete="off"
      autoCapitalize="none"
      autoCorrect="off"
      spellCheck={false}
      maxLength={24}
      className={cn("max-w-64 font-mono tracking-wider", className)}
      {...props}
    />
  );
}
