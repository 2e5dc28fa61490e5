import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { PageSkeleton } from "../../../app/page-skeleton.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { PasswordInput } from "../../../components/ui/password-input.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useUpdatePasswordMutation } from "../api/update-password-mutation.ts";
import { useSession } from "../hooks/session.tsx";
import { useErrorText } from "../hooks/use-error-text.ts";
import { MIN_PASSWORD_LENGTH } from "../lib/password-policy.ts";
import { type ResetPassword, ResetPasswordSchema } from "../lib/schemas.ts";
import { AuthCard } from "./auth-card.tsx";

/**
 * Landing page of the recovery mail: the link signed the user in, so choosing the new password
 * needs no old one. Without that session (expired or reused link) it explains and offers a new link.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const session = useSession();
  const update = useUpdatePasswordMutation();
  const form = useForm<ResetPassword>({
    resolver: zodResolver(ResetPasswordSchema),
    defaultValues: { password: "", confirm: "" },
  });
  const { errors } = form.formState;

  if (session.status === "loading") return <PageSkeleton />;

  if (session.status === "signed-out") {
    return (
      <AuthCard title={t("auth.reset.unusableTitle")}>
        <Alert tone="error">{session.linkError ? errorText.auth(session.linkError) : t("auth.reset.unusableBody")}</Alert>
        <Button asChild>
          <Link to="/forgot-password">{t("auth.reset.requestNew")}</Link>
        </Button>
      </AuthCard>
    );
  }

  const onSubmit = form.handleSubmit(({ password }) =>
    update.mutate(password, {
      onSuccess: () => {
        toast.success(t("auth.reset.success"));
        navigate("/", { replace: true });
      },
    }),
  );

  return (
    <AuthCard title={t("auth.reset.title")} subtitle={t("auth.reset.subtitle", { email: session.session.user.email ?? "" })}>
      {session.linkError ? <Alert tone="error">{errorText.auth(session.linkError)}</Alert> : null}
      <form noValidate className="grid gap-4" onSubmit={onSubmit}>
        {/* Lets password managers file the new password under the right account. */}
        <input type="email" name="username" autoComplete="username" value={session.session.user.email ?? ""} readOnly hidden />
        <FormField
          label={t("auth.newPassword")}
          hint={t("auth.passwordHint", { count: MIN_PASSWORD_LENGTH })}
          error={errorText.field(errors.password?.message)}
        >
          {(control) => <PasswordInput {...control} autoComplete="new-password" {...form.register("password")} />}
        </FormField>
        <FormField label={t("auth.confirmPassword")} error={errorText.field(errors.confirm?.message)}>
          {(control) => <PasswordInput {...control} autoComplete="new-password" {...form.register("confirm")} />}
        </FormField>
        {update.error ? <Alert tone="error">{errorText.auth(update.error)}</Alert> : null}
        <Button type="submit" className="w-full" loading={update.isPending}>
          {t("auth.reset.submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
