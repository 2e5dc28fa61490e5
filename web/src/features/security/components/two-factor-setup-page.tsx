import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { applyServerError } from "../../../lib/form-errors.ts";
import { safeNextPath } from "../../auth/lib/next-path.ts";
import { useCurrentSessionIds } from "../api/current-session.ts";
import { SECURITY_PAGE_PATH } from "../api/identities.ts";
import { type Enrollment, useActivateMfaMutation, useEnrollMfaMutation } from "../api/mfa-mutations.ts";
import { useSecurityErrorText } from "../hooks/use-security-error-text.ts";
import { FunctionError } from "../lib/function-error.ts";
import { type TotpCode, TotpCodeSchema } from "../lib/schemas.ts";
import { TotpCodeInput } from "./code-input.tsx";
import { LeaveGuardDialog } from "./leave-guard-dialog.tsx";
import { ManualKey } from "./manual-key.tsx";
import { PageTitle } from "./page-title.tsx";
import { QrCode } from "./qr-code.tsx";
import { RecoveryCodesPanel } from "./recovery-codes-panel.tsx";

/** Codes the function answers for a wrong code; they belong on the code field. */
const CODE_FIELD_ERRORS = new Set(["INVALID_CODE", "CODE_ALREADY_USED", "INVALID_INPUT"]);

function ScanStep({ enrollment, onActivated }: { enrollment: Enrollment; onActivated: (codes: string[]) => void }) {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const activate = useActivateMfaMutation();
  const form = useForm<TotpCode>({ resolver: zodResolver(TotpCodeSchema), defaultValues: { code: "" } });
  const [failure, setFailure] = useState<string | null>(null);

  const submit = form.handleSubmit(({ code }) => {
    setFailure(null);
    activate.mutate(code, {
      onSuccess: (result) => onActivated(result.recovery_codes),
      onError: (error) => {
        const text = errorText.error(error);
        if (error instanceof FunctionError && CODE_FIELD_ERRORS.has(error.code)) {
          form.setError("code", { type: "server", message: text }, { shouldFocus: true });
        } else if (!applyServerError(form, error, ["code"], errorText.error)) {
          setFailure(text);
        }
      },
    });
  });

  return (
    <Card>
      <CardHeader>
        <p className="text-sm font-medium text-muted-foreground">{t("setup.stepOf", { step: 1, total: 2 })}</p>
        <CardTitle>{t("setup.scanTitle")}</CardTitle>
        <CardDescription>{t("setup.scanBody")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {enrollment.replaced ? <Alert>{t("setup.replaced")}</Alert> : null}
        <div className="grid items-start gap-6 md:grid-cols-[auto_1fr]">
          <QrCode
            value={enrollment.otpauth_uri}
            alt={t("setup.qrAlt", { account: enrollment.account, issuer: enrollment.issuer })}
          />
          <div className="grid content-start gap-3">
            <h3 className="font-semibold">{t("setup.manualTitle")}</h3>
            <p className="text-sm text-muted-foreground">{t("setup.manualBody")}</p>
            <ManualKey value={enrollment.manual_key} />
            <p className="text-xs text-muted-foreground">
              {t("setup.details", { account: enrollment.account, digits: enrollment.digits, period: enrollment.period })}
            </p>
          </div>
        </div>
        <form noValidate onSubmit={submit} className="grid gap-4 border-t pt-6">
          <div className="grid gap-1">
            <h3 className="font-semibold">{t("setup.verifyTitle")}</h3>
            <p className="text-sm text-muted-foreground">{t("setup.verifyBody")}</p>
          </div>
          <FormField label={t("setup.code")} error={errorText.field(form.formState.errors.code)}>
            {(control) => <TotpCodeInput {...control} {...form.register("code")} />}
          </FormField>
          {failure ? <Alert tone="error">{failure}</Alert> : null}
          <div className="flex flex-wrap gap-3">
            <Button type="submit" loading={activate.isPending}>
              {t("setup.submit")}
            </Button>
            <Button variant="ghost" asChild>
              <Link to={SECURITY_PAGE_PATH}>{t("setup.cancel")}</Link>
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function RecoveryStep({ codes, account, next }: { codes: string[]; account: string; next: string }) {
  const { t } = useTranslation("security");
  const navigate = useNavigate();
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  return (
    <Card>
      <LeaveGuardDialog active={!saved} />
      <CardHeader>
        <p className="text-sm font-medium text-muted-foreground">{t("setup.stepOf", { step: 2, total: 2 })}</p>
        <CardTitle>{t("setup.savedTitle")}</CardTitle>
        <CardDescription>{t("setup.savedBody")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <RecoveryCodesPanel
          codes={codes}
          account={account}
          saved={saved}
          onSavedChange={(value) => {
            setSaved(value);
            if (value) setMissing(false);
          }}
        />
        {missing ? <Alert tone="error">{t("recoveryCodes.confirmRequired")}</Alert> : null}
        <div>
          <Button
            onClick={() => {
              if (!saved) {
                setMissing(true);
                return;
              }
              toast.success(t("setup.turnedOn"));
              navigate(next, { replace: true });
            }}
          >
            {t("setup.done")}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

/**
 * /account/security/two-factor: a fresh secret as QR code and setup key, a code to prove the
 * app has it, then the recovery codes, shown once. Reloading starts over with a new secret
 * (the function replaces a pending one); an active factor is never replaced from here.
 */
export function TwoFactorSetupPage() {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get("next"), SECURITY_PAGE_PATH);
  const { email } = useCurrentSessionIds();
  const enroll = useEnrollMfaMutation();
  const [codes, setCodes] = useState<string[] | null>(null);
  const started = useRef(false);

  const { mutate: startEnrollment } = enroll;
  useEffect(() => {
    // Once per visit (StrictMode runs effects twice): every call replaces the pending secret.
    if (started.current) return;
    started.current = true;
    startEnrollment();
  }, [startEnrollment]);

  const alreadyOn = enroll.error instanceof FunctionError && enroll.error.code === "MFA_ALREADY_ACTIVE" && !codes;

  return (
    <div className="mx-auto grid max-w-3xl gap-6">
      <PageTitle title={t("setup.title")} />
      <PageHeader title={t("setup.title")} description={t("setup.description")} className="mb-0" />
      {codes ? (
        <RecoveryStep codes={codes} account={enroll.data?.account ?? email} next={next} />
      ) : alreadyOn ? (
        <Alert tone="success" title={t("setup.alreadyOnTitle")}>
          <p>{t("setup.alreadyOnBody")}</p>
          <Button variant="link" asChild>
            <Link to={SECURITY_PAGE_PATH}>{t("setup.backToSecurity")}</Link>
          </Button>
        </Alert>
      ) : enroll.error ? (
        <Alert tone="error">
          <p>{errorText.error(enroll.error)}</p>
          <Button variant="link" onClick={() => enroll.mutate()}>
            {t("setup.retry")}
          </Button>
        </Alert>
      ) : enroll.data ? (
        <ScanStep enrollment={enroll.data} onActivated={setCodes} />
      ) : (
        <Card>
          <CardContent className="grid gap-4 pt-6">
            <p role="status" className="text-sm text-muted-foreground">
              {t("setup.starting")}
            </p>
            <div className="grid gap-6 md:grid-cols-[auto_1fr]">
              <Skeleton className="size-[200px] rounded-lg" />
              <div className="grid content-start gap-3">
                <Skeleton className="h-5 w-1/2" />
                <Skeleton className="h-4 w-full" />
                <Skeleton className="h-10 w-3/4" />
              </div>
            </div>
          </CardContent>
        </Card>
      )}
    </div>
  );
}
