import { z } from "zod";

// Messages are keys of the "security" namespace's `validation` group.

/** "123456" or "123 456" as authenticator apps show it; the function strips the space. */
export function isTotpCode(value: string): boolean {
  return /^\d{6}$/.test(value.replace(/\s/g, ""));
}

/** "abcde-12345", case and separators as the user likes: the database folds them. */
export function isRecoveryCode(value: string): boolean {
  return /^[0-9a-z]{10}$/i.test(value.replace(/[\s-]/g, ""));
}

/** The 6-digit code alone (activating 2FA, new recovery codes: a recovery code is not accepted there). */
export const TotpCodeSchema = z.object({
  code: z.string().superRefine((value, ctx) => {
    if (!isTotpCode(value)) ctx.addIssue({ code: "custom", message: value.trim() ? "codeFormat" : "codeRequired" });
  }),
});
export type TotpCode = z.infer<typeof TotpCodeSchema>;

export const SecondFactorMethodSchema = z.enum(["totp", "recovery"]);
export type SecondFactorMethod = z.infer<typeof SecondFactorMethodSchema>;

const secondFactorShape = {
  method: SecondFactorMethodSchema,
  code: z.string(),
  recoveryCode: z.string(),
};

/** Checks the field of the chosen method only; the other one may hold anything. */
function checkSecondFactor(
  value: { method: SecondFactorMethod; code: string; recoveryCode: string },
  ctx: z.RefinementCtx,
): void {
  if (value.method === "totp") {
    if (!isTotpCode(value.code)) {
      ctx.addIssue({ code: "custom", path: ["code"], message: value.code.trim() ? "codeFormat" : "codeRequired" });
    }
  } else if (!isRecoveryCode(value.recoveryCode)) {
    ctx.addIssue({
      code: "custom",
      path: ["recoveryCode"],
      message: value.recoveryCode.trim() ? "recoveryCodeFormat" : "recoveryCodeRequired",
    });
  }
}

/** An app code or a recovery code (sign-in challenge, turning 2FA off). */
export const SecondFactorSchema = z.object(secondFactorShape).superRefine(checkSecondFactor);
export type SecondFactor = z.infer<typeof SecondFactorSchema>;

/** What the functions take: `{code}` or `{recovery_code}`, exactly one. */
export function secondFactorBody(value: SecondFactor): { code: string } | { recovery_code: string } {
  return value.method === "totp" ? { code: value.code.replace(/\s/g, "") } : { recovery_code: value.recoveryCode.trim() };
}

/**
 * Confirming the deletion: the password always (the function checks it first), the second
 * factor when 2FA is active, and an explicit "I understand".
 */
export function deleteAccountSchema(requiresCode: boolean) {
  return z
    .object({
      password: z.string().min(1, "passwordRequired").max(72, "passwordMax"),
      acknowledged: z.boolean().refine((value) => value, "acknowledgeRequired"),
      ...secondFactorShape,
    })
    .superRefine((value, ctx) => {
      if (requiresCode) checkSecondFactor(value, ctx);
    });
}
export type DeleteAccount = z.infer<ReturnType<typeof deleteAccountSchema>>;
