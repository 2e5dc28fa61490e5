import { zodResolver } from "@hookform/resolvers/zod";
import { ShieldCheck } from "lucide-react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { FormField } from "../../../../components/ui/form-field.tsx";
import { RecoveryCodeInput, TotpCodeInput } from "../../../security/components/code-input.tsx";
import { useSecurityErrorText } from "../../../security/hooks/use-security-error-text.ts";
import { type SecondFactor, SecondFactorSchema } from "../../../security/lib/schemas.ts";
import { useChallengeMutation } from "../../api/setup.ts";

/** Every new sign-in of a super admin: a code from the app (or a recovery code) for this session. */
export function VerifySessionStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation("admin");
  const errors = useSecurityErrorText();
  const challenge = useChallengeMutation();
  const form = useForm<SecondFactor>({
    resolver: zodResolver(SecondFactorSchema),
    defaultValues: { method: "totp", code: "", recoveryCode: "" },
  });
  const method = form.watch("method");
  return (
    <Card aria-labelledby="setup-session">
      <CardHeader>
        <ShieldCheck aria-hidden="true" className="size-6 text-primary" />
        <CardTitle id="setup-session">{t("setup.session.title")}</CardTitle>
        <CardDescription>{t("setup.session.body")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) =>
            challenge.mutate(values, {
              onSuccess: onDone,
              onError: () => form.setValue(values.method === "totp" ? "code" : "recoveryCode", ""),
            }),
          )}
        >
          {method === "totp" ? (
            <FormField label={t("setup.twoFactor.code")} error={errors.field(form.formState.errors.code)}>
              {(control) => <TotpCodeInput {...control} {...form.register("code")} />}
            </FormField>
          ) : (
            <FormField label={t("setup.session.recoveryCode")} error={errors.field(form.formState.errors.recoveryCode)}>
              {(control) => <RecoveryCodeInput {...control} {...form.register("recoveryCode")} />}
            </FormField>
          )}
          <Controller
            control={form.control}
            name="method"
            render={({ field }) => (
              <Button
                variant="link"
                className="justify-self-start"
                onClick={() => {
                  challenge.reset();
                  field.onChange(field.value === "totp" ? "recovery" : "totp");
                }}
              >
                {field.value === "totp" ? t("setup.session.useRecovery") : t("setup.session.useApp")}
              </Button>
            )}
          />
          {challenge.error ? <Alert tone="error">{errors.error(challenge.error)}</Alert> : null}
          <div>
            <Button type="submit" loading={challenge.isPending}>
              {t("setup.session.submit")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
