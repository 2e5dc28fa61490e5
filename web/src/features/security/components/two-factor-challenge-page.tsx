import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { PageSkeleton } from "../../../app/page-skeleton.tsx";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useSignOutMutation } from "../../account/api/sign-out-mutation.ts";
import { AuthCard } from "../../auth/components/auth-card.tsx";
import { useSession } from "../../auth/hooks/session.tsx";
import { safeNextPath, signInPathFor } from "../../auth/lib/next-path.ts";
import { useChallengeMfaMutation } from "../api/mfa-mutations.ts";
import { useMfaRequirementQuery } from "../api/mfa-requirement-query.ts";
import { useSecurityErrorText } from "../hooks/use-security-error-text.ts";
import { FunctionError } from "../lib/function-error.ts";
import { type SecondFactor, SecondFactorSchema } from "../lib/schemas.ts";
import { SecondFactorFields } from "./second-factor-fields.tsx";

const EMPTY: SecondFactor = { method: "totp", code: "", recoveryCode: "" };

/** Few enough recovery codes left to say so right after using one. */
const LOW_RECOVERY_CODES = 3;

/**
 * /sign-in/two-factor: the second step of signing in for accounts with 2FA. The session exists
 * but the database trusts it with nothing until a code passes; every signed-in page sends here
 * (SecondFactorGate) and this page continues to `?next=` afterwards.
 */
export function TwoFactorChallengePage() {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"));
  const session = useSession();
  const requirement = useMfaRequirementQuery();
  const challenge = useChallengeMfaMutation();
  const signOut = useSignOutMutation();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<SecondFactor>({ resolver: zodResolver(SecondFactorSchema), defaultValues: EMPTY });
  const method = form.watch("method");
  const { errors } = form.formState;

  if (session.status === "loading") return <PageSkeleton />;
  if (session.status === "signed-out" && !signOut.isPending) return <Navigate to={signInPathFor(next)} replace />;
  const settled = !challenge.isPending && !challenge.isSuccess;
  if (settled && requirement.data && requirement.data.state !== "challenge_required") return <Navigate to={next} replace />;

  const submit = form.handleSubmit((values) => {
    setFailure(null);
    challenge.mutate(values, {
      onSuccess: (result) => {
        if (result.method === "recovery") {
          const left = t("challenge.recoveryUsed", { count: result.recovery_codes_left });
          toast.success(result.recovery_codes_left <= LOW_RECOVERY_CODES ? `${left} ${t("challenge.recoveryLow")}` : left);
        } else {
          toast.success(t("challenge.verified"));
        }
        navigate(next, { replace: true });
      },
      onError: (error) => {
        const text = errorText.error(error);
        if (error instanceof FunctionError && error.status === 422) {
          form.setError(
            values.method === "totp" ? "code" : "recoveryCode",
            { type: "server", message: text },
            { shouldFocus: true },
          );
        } else {
          setFailure(text);
        }
      },
    });
  });

  const email = session.session?.user.email ?? "";
  return (
    <AuthCard
      title={t("challenge.title")}
      subtitle={method === "totp" ? t("challenge.subtitle") : t("challenge.recoverySubtitle")}
      footer={
        <p>
          {t("challenge.notYou", { email })}{" "}
          <Button
            variant="link"
            loading={signOut.isPending}
            onClick={() =>
              signOut.mutate("local", {
                onSuccess: () => {
                  toast.success(t("challenge.signedOut"));
                  navigate("/sign-in", { replace: true });
                },
              })
            }
          >
            {t("challenge.signOut")}
          </Button>
        </p>
      }
    >
      {requirement.isPending ? (
        <p role="status" className="sr-only">
          {t("status.loading")}
        </p>
      ) : null}
      <form noValidate onSubmit={submit} className="grid gap-4">
        <SecondFactorFields
          method={method}
          onMethodChange={(value) => {
            form.setValue("method", value);
            form.clearErrors();
            setFailure(null);
          }}
          code={form.register("code")}
          recoveryCode={form.register("recoveryCode")}
          codeError={errorText.field(errors.code)}
          recoveryCodeError={errorText.field(errors.recoveryCode)}
          autoFocus
        />
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        {signOut.error ? <Alert tone="error">{errorText.error(signOut.error)}</Alert> : null}
        <Button type="submit" className="w-full" loading={challenge.isPending || challenge.isSuccess}>
          {t("challenge.submit")}
        </Button>
      </form>
    </AuthCard>
  );
}
