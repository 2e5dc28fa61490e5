import { z } from "zod";

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy.ts";

// Messages are i18n keys; the form renders them in the current language.
export const EmailSchema = z.string().trim().min(1, "validation.emailRequired").pipe(z.email("validation.emailInvalid"));

const NewPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, "validation.passwordMin")
  .max(MAX_PASSWORD_LENGTH, "validation.passwordMax");

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().min(1, "validation.passwordRequired"),
});
export type SignIn = z.infer<typeof SignInSchema>;

export const SignUpSchema = z.object({
  email: EmailSchema,
  password: NewPasswordSchema,
});
export type SignUp = z.infer<typeof SignUpSchema>;

export const ForgotPasswordSchema = z.object({ email: EmailSchema });
export type ForgotPassword = z.infer<typeof ForgotPasswordSchema>;

export const ResetPasswordSchema = z
  .object({ password: NewPasswordSchema, confirm: z.string() })
  .refine((value) => value.password === value.confirm, { message: "validation.passwordsMismatch", path: ["confirm"] });
export type ResetPassword = z.infer<typeof ResetPasswordSchema>;
