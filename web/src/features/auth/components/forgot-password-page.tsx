import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { useRequestPasswordResetMutation } from "../api/request-password-reset-mutation.ts";
import { useErrorText } from "../hooks/use-error-text.ts";
import { type ForgotPassword, ForgotPasswordSchema } from "../lib/schemas.ts";
import { AuthCard } from "./auth-card.tsx";

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";

/**
 * Asks for a recovery link. The answer is the same whether or not the account exists, so the
 * page cannot be used to find out who has an account.
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const location = useLocation();
  const prefill = (location.state as { email?: string } | null)?.email ?? "";
  const request = useRequestPasswordResetMutation();
  const form = useForm<ForgotPassword>({ resolver: zodResolver(ForgotPasswordSchema), defaultValues: { email: prefill } });
  const { errors } = form.formState;
  const backToSignIn = (
    <Link className={linkClass} to="/sign-in">
      {t("auth.forgot.backToSignIn")}
    </Link>
  );

  if (request.isSuccess) {
    return (
      <AuthCard title={t("auth.forgot.sentTitle")} footer={backToSignIn}>
        <Alert tone="success">{t("auth.forgot.sentBody", { email: request.variables })}</Alert>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t("auth.forgot.title")} subtitle={t("auth.forgot.subtitle")} footer={backToSignIn}>
      <form noValidate className="grid gap-4" onSubmit={form.handleSubmit(({ email }) => request.mutate(email))}>
        <FormField label={t("auth.email")} error={errorText.field(errors.email?.message)}>
          {(control) => <Input {...control} type="email" autoComplete="email" inputMode="email" {...form.register("email")} />}
        </FormField>
        {request.error ? <Alert tone="error">{errorText.auth(request.error)}</Alert> : null}
        <Button type="submit" className="w-full" loading={request.isPending}>
          {t("auth.forgot.submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
