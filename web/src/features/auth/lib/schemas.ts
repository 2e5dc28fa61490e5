// zod/mini: the same zod v4 engine with tree-shakable functions instead of methods, which
// keeps the sign-in screen's first load small (the full builder API costs ~20 KB gzipped).
import * as z from "zod/mini";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./password-policy.ts";

// Messages are i18n keys; the form renders them in the current language.
export const EmailSchema = z.pipe(
  z.string().check(z.trim(), z.minLength(1, "validation.emailRequired")),
  z.email("validation.emailInvalid"),
);

const NewPasswordSchema = z
  .string()
  .check(z.minLength(MIN_PASSWORD_LENGTH, "validation.passwordMin"), z.maxLength(MAX_PASSWORD_LENGTH, "validation.passwordMax"));

export const SignInSchema = z.object({
  email: EmailSchema,
  password: z.string().check(z.minLength(1, "validation.passwordRequired")),
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
  .check(z.refine((value) => value.password === value.confirm, { message: "validation.passwordsMismatch", path: ["confirm"] }));
export type ResetPassword = z.infer<typeof ResetPasswordSchema>;
