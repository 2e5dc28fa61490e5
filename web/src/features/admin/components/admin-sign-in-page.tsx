import { zodResolver } from "@hookform/resolvers/zod";
import { ShieldCheck } from "lucide-react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router";
import { PageSkeleton } from "../../../app/page-skeleton.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader } from "../../../components/ui/card.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { PasswordInput } from "../../../components/ui/password-input.tsx";
import { useSignInWithPasswordMutation } from "../../auth/api/sign-in-password-mutation.ts";
import { useSession } from "../../auth/hooks/session.tsx";
import { useErrorText } from "../../auth/hooks/use-error-text.ts";
import { authErrorKey } from "../../auth/lib/auth-errors.ts";
import { safeNextPath } from "../../auth/lib/next-path.ts";
import { type SignIn, SignInSchema } from "../../auth/lib/schemas.ts";
import { useResendAdminConfirmationMutation } from "../api/setup.ts";
import { AdminFrame } from "./admin-frame.tsx";

/** Where a console address may send the admin after signing in: only pages of the console. */
function consolePath(next: string | null): string {
  const path = safeNextPath(next, "/admin");
  return path === "/admin" || path.startsWith("/admin/") ? path : "/admin";
}

/**
 * /admin/sign-in: the console's own sign-in, with email and password only. An unconfirmed
 * address (the first step of a new super admin) gets its confirmation link again, leading
 * back here.
 */
export function AdminSignInPage() {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = consolePath(params.get("next"));
  const session = useSession();
  const signIn = useSignInWithPasswordMutation();
  const resend = useResendAdminConfirmationMutation();
  const form = useForm<SignIn>({ resolver: zodResolver(SignInSchema), defaultValues: { email: "", password: "" } });
  const { errors } = form.formState;
  const failure = signIn.error ? authErrorKey(signIn.error) : null;

  if (session.status === "loading") return <PageSkeleton />;
  if (session.status === "signed-in" && !signIn.isPending) return <Navigate to={next} replace />;

  return (
    <AdminFrame>
      <main id="main" tabIndex={-1} className="flex flex-1 justify-center px-4 pb-16 pt-8 sm:pt-14 focus:outline-none">
        <title>{`${t("signIn.title")} · ${t("platform")} · ${tc("app.name")}`}</title>
        <Card className="w-full max-w-md self-start" aria-labelledby="admin-sign-in-title">
          <CardHeader>
            <ShieldCheck aria-hidden="true" className="size-8 text-primary" />
            <h1 id="admin-sign-in-title" className="text-2xl font-semibold tracking-tight">
              {t("signIn.title")}
            </h1>
            <CardDescription>{t("signIn.subtitle")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-4">
            {session.linkError ? <Alert tone="error">{errorText.auth(session.linkError)}</Alert> : null}
            <form
              noValidate
              className="grid gap-4"
              onSubmit={form.handleSubmit((values) => {
                resend.reset();
                signIn.mutate(values, { onSuccess: () => navigate(next, { replace: true }) });
              })}
            >
              <FormField label={tc("auth.email")} error={errorText.field(errors.email?.message)}>
                {(control) => (
                  <Input {...control} type="email" autoComplete="email" inputMode="email" {...form.register("email")} />
                )}
              </FormField>
              <FormField label={tc("auth.password")} error={errorText.field(errors.password?.message)}>
                {(control) => <PasswordInput {...control} autoComplete="current-password" {...form.register("password")} />}
              </FormField>
              {failure ? (
                <Alert tone="error">
                  <p>{failure === "email_not_confirmed" ? t("signIn.unconfirmed") : errorText.auth(signIn.error)}</p>
                  {failure === "email_not_confirmed" && !resend.isSuccess ? (
                    <Button
                      variant="link"
                      className="mt-1"
                      loading={resend.isPending}
                      onClick={() => resend.mutate(form.getValues("email").trim())}
                    >
                      {t("signIn.resend")}
                    </Button>
                  ) : null}
                  {resend.error ? <p className="mt-1">{errorText.auth(resend.error)}</p> : null}
                </Alert>
              ) : null}
              {resend.isSuccess ? (
                <Alert tone="success">{t("signIn.resent", { email: form.getValues("email").trim() })}</Alert>
              ) : null}
              <Button type="submit" className="w-full" loading={signIn.isPending}>
                {t("signIn.submit")}
              </Button>
            </form>
            <p className="text-sm text-muted-foreground">
              {t("signIn.notAdmin")}{" "}
              <Link className="font-medium text-primary underline-offset-4 hover:underline" to="/sign-in">
                {t("signIn.startPage")}
              </Link>
            </p>
          </CardContent>
        </Card>
      </main>
    </AdminFrame>
  );
}
