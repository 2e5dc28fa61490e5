import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { PasswordInput } from "../../../components/ui/password-input.tsx";
import { useSignUpMutation } from "../api/sign-up-mutation.ts";
import { useErrorText } from "../hooks/use-error-text.ts";
import { authErrorKey } from "../lib/auth-errors.ts";
import { safeNextPath } from "../lib/next-path.ts";
import { MIN_PASSWORD_LENGTH } from "../lib/password-policy.ts";
import { rememberPendingEmail } from "../lib/pending-email.ts";
import { type SignUp, SignUpSchema } from "../lib/schemas.ts";
import { AuthCard, Divider } from "./auth-card.tsx";
import { OAuthButtons } from "./oauth-buttons.tsx";

const linkClass = "font-medium text-primary underline-offset-4 hover:underline";

/** New account with email + password (confirmed by mail) or through a provider. */
export function SignUpPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const signUp = useSignUpMutation();
  const form = useForm<SignUp>({ resolver: zodResolver(SignUpSchema), defaultValues: { email: "", password: "" } });
  const { errors } = form.formState;
  const failure = signUp.error ? authErrorKey(signUp.error) : null;

  const onSubmit = form.handleSubmit((values) =>
    signUp.mutate(
      { ...values, next },
      {
        onSuccess: ({ email, signedIn }) => {
          // With confirmations off the user is signed in and the guard moves on by itself.
          if (signedIn) return;
          rememberPendingEmail(email);
          navigate("/sign-up/check-inbox", { state: { email, justSent: true, next } });
        },
      },
    ),
  );

  return (
    <AuthCard
      title={t("auth.signUp.title")}
      subtitle={t("auth.signUp.subtitle")}
      footer={
        <p>
          {t("auth.signUp.haveAccount")}{" "}
          <Link className={linkClass} to={{ pathname: "/sign-in", search: params.toString() }}>
            {t("auth.signUp.signIn")}
          </Link>
        </p>
      }
    >
      <OAuthButtons next={next} />
      <Divider label={t("auth.or")} />
      <form noValidate className="grid gap-4" onSubmit={onSubmit}>
        <FormField label={t("auth.email")} error={errorText.field(errors.email?.message)}>
          {(control) => <Input {...control} type="email" autoComplete="email" inputMode="email" {...form.register("email")} />}
        </FormField>
        <FormField
          label={t("auth.password")}
          hint={t("auth.passwordHint", { count: MIN_PASSWORD_LENGTH })}
          error={errorText.field(errors.password?.message)}
        >
          {(control) => <PasswordInput {...control} autoComplete="new-password" {...form.register("password")} />}
        </FormField>
        {failure ? (
          <Alert tone="error">
            <p>{errorText.auth(signUp.error)}</p>
            {failure === "user_already_exists" ? (
              <p className="mt-1 flex flex-wrap gap-x-4">
                <Link className={linkClass} to="/sign-in">
                  {t("auth.signUp.signIn")}
                </Link>
                <Link className={linkClass} to="/forgot-password" state={{ email: form.getValues("email") }}>
                  {t("auth.signIn.forgot")}
                </Link>
              </p>
            ) : null}
          </Alert>
        ) : null}
        <Button type="submit" className="w-full" loading={signUp.isPending}>
          {t("auth.signUp.submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
