import { zodResolver } from "@hookform/resolvers/zod";
import { Smartphone } from "lucide-react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { FormField } from "../../../../components/ui/form-field.tsx";
import { TotpCodeInput } from "../../../security/components/code-input.tsx";
import { ManualKey } from "../../../security/components/manual-key.tsx";
import { QrCode } from "../../../security/components/qr-code.tsx";
import { useSecurityErrorText } from "../../../security/hooks/use-security-error-text.ts";
import { type TotpCode, TotpCodeSchema } from "../../../security/lib/schemas.ts";
import { useActivateMutation, useEnrollMutation } from "../../api/setup.ts";

/**
 * Step 3: an authenticator app, at once (super admins get no grace period). Enrolling shows
 * the QR code and the setup key; the first code from the app turns 2FA on for the account and
 * verifies this session, and the recovery codes go to the next screen.
 */
export function EnableTwoFactorStep({ onActivated }: { onActivated: (codes: string[]) => void }) {
  const { t } = useTranslation("admin");
  const errors = useSecurityErrorText();
  const enroll = useEnrollMutation();
  const activate = useActivateMutation();
  const form = useForm<TotpCode>({ resolver: zodResolver(TotpCodeSchema), defaultValues: { code: "" } });
  const enrollment = enroll.data;

  return (
    <Card aria-labelledby="setup-2fa">
      <CardHeader>
        <Smartphone aria-hidden="true" className="size-6 text-primary" />
        <CardTitle id="setup-2fa">{t("setup.twoFactor.title")}</CardTitle>
        <CardDescription>{t("setup.twoFactor.body")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        {!enrollment ? (
          <>
            {enroll.error ? <Alert tone="error">{errors.error(enroll.error)}</Alert> : null}
            <div>
              <Button loading={enroll.isPending} onClick={() => enroll.mutate()}>
                {t("setup.twoFactor.start")}
              </Button>
            </div>
          </>
        ) : (
          <>
            <div className="grid gap-4 sm:grid-cols-[auto_1fr] sm:items-start">
              <QrCode
                value={enrollment.otpauth_uri}
                alt={t("setup.twoFactor.qrAlt", { account: enrollment.account })}
                size={180}
              />
              <div className="grid gap-3 text-sm">
                <p>{t("setup.twoFactor.scan")}</p>
                <ManualKey value={enrollment.manual_key} />
                <p className="text-muted-foreground">
                  {t("setup.twoFactor.details", { digits: enrollment.digits, period: enrollment.period })}
                </p>
              </div>
            </div>
            <form
              noValidate
              className="grid gap-4"
              onSubmit={form.handleSubmit((values) =>
                activate.mutate(values.code, {
                  onSuccess: (result) => onActivated(result.recovery_codes),
                  onError: () => form.setValue("code", ""),
                }),
              )}
            >
              <FormField label={t("setup.twoFactor.code")} error={errors.field(form.formState.errors.code)}>
                {(control) => <TotpCodeInput {...control} {...form.register("code")} />}
              </FormField>
              {activate.error ? <Alert tone="error">{errors.error(activate.error)}</Alert> : null}
              <div>
                <Button type="submit" loading={activate.isPending}>
                  {t("setup.twoFactor.submit")}
                </Button>
              </div>
            </form>
          </>
        )}
      </CardContent>
    </Card>
  );
}
