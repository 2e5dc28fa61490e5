import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { PasswordInput } from "../../../components/ui/password-input.tsx";
import { useResendConfirmationMutation } from "../api/resend-confirmation-mutation.ts";
import { useSignInWithPasswordMutation } from "../api/sign-in-password-mutation.ts";
import { useSession } from "../hooks/session.tsx";
import { useErrorText } from "../hooks/use-error-text.ts";
import { authErrorKey } from "../lib/auth-errors.ts";
import { safeNextPath } from "../lib/next-path.ts";
import { rememberPendingEmail } from "../lib/pending-email.ts";
import { type SignIn, SignInSchema } from "../lib/schemas.ts";
import { AuthCard, Divider } from "./auth-card.tsx";
import { OAuthButtons } from "./oauth-buttons.tsx";

/** Email + password or a provider; on success the route guard continues to `?next=`. */
export function SignInPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const { linkError } = useSession();
  const signIn = useSignInWithPasswordMutation();
  const resend = useResendConfirmationMutation();
  const form = useForm<SignIn>({ resolver: zodResolver(SignInSchema), defaultValues: { email: "", password: "" } });
  const { errors } = form.formState;
  const failure = signIn.error ? authErrorKey(signIn.error) : null;

  const resendConfirmation = () => {
    const email = form.getValues("email").trim();
    resend.mutate(
      { email, next },
      {
        onSuccess: () => {
          rememberPendingEmail(email);
          navigate("/sign-up/check-inbox", { state: { email, justSent: true, next } });
        },
      },
    );
  };

  return (
    <AuthCard
      title={t("auth.signIn.title")}
      subtitle={t("auth.signIn.subtitle")}
      footer={
        <p>
          {t("auth.signIn.noAccount")}{" "}
          <Link
            className="font-medium text-primary underline-offset-4 hover:underline"
            to={{ pathname: "/sign-up", search: params.toString() }}
          >
            {t("auth.signIn.createAccount")}
          </Link>
        </p>
      }
    >
      {next !== "/" ? <Alert>{t("auth.signIn.continueAfter")}</Alert> : null}
      {linkError ? <Alert tone="error">{errorText.auth(linkError)}</Alert> : null}
      <OAuthButtons next={next} />
      <Divider label={t("auth.or")} />
      <form noValidate className="grid gap-4" onSubmit={form.handleSubmit((values) => signIn.mutate(values))}>
        <FormField label={t("auth.email")} error={errorText.field(errors.email?.message)}>
          {(control) => <Input {...control} type="email" autoComplete="email" inputMode="email" {...form.register("email")} />}
        </FormField>
        <FormField label={t("auth.password")} error={errorText.field(errors.password?.message)}>
          {(control) => <PasswordInput {...control} autoComplete="current-password" {...form.register("password")} />}
        </FormField>
        <div className="-mt-2 flex justify-end">
          <Link
            className="text-sm font-medium text-primary underline-offset-4 hover:underline"
            to="/forgot-password"
            state={{ email: form.watch("email") }}
          >
            {t("auth.signIn.forgot")}
          </Link>
        </div>
        {failure ? (
          <Alert tone="error">
            <p>{errorText.auth(signIn.error)}</p>
            {failure === "email_not_confirmed" ? (
              <Button variant="link" className="mt-1" loading={resend.isPending} onClick={resendConfirmation}>
                {t("auth.signIn.resendConfirmation")}
              </Button>
            ) : null}
            {resend.error ? <p className="mt-1">{errorText.auth(resend.error)}</p> : null}
          </Alert>
        ) : null}
        <Button type="submit" className="w-full" loading={signIn.isPending}>
          {t("auth.signIn.submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
