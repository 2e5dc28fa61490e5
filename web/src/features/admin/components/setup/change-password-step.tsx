import { zodResolver } from "@hookform/resolvers/zod";
import { KeyRound } from "lucide-react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { FormField } from "../../../../components/ui/form-field.tsx";
import { PasswordInput } from "../../../../components/ui/password-input.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useErrorText } from "../../../auth/hooks/use-error-text.ts";
import { MIN_PASSWORD_LENGTH } from "../../../auth/lib/password-policy.ts";
import { type ResetPassword, ResetPasswordSchema } from "../../../auth/lib/schemas.ts";
import { useChangePasswordMutation } from "../../api/setup.ts";

/** Step 2: the initial password (printed by the bootstrap) is replaced by one only the admin knows. */
export function ChangePasswordStep({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  const errorText = useErrorText();
  const change = useChangePasswordMutation();
  const form = useForm<ResetPassword>({
    resolver: zodResolver(ResetPasswordSchema),
    defaultValues: { password: "", confirm: "" },
  });
  const { errors } = form.formState;
  return (
    <Card aria-labelledby="setup-password">
      <CardHeader>
        <KeyRound aria-hidden="true" className="size-6 text-primary" />
        <CardTitle id="setup-password">{t("setup.password.title")}</CardTitle>
        <CardDescription>{t("setup.password.body")}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) =>
            change.mutate(values.password, {
              onSuccess: () => {
                toast.success(t("setup.password.changed"));
                onDone();
              },
            }),
          )}
        >
          <FormField
            label={tc("auth.newPassword")}
            hint={tc("auth.passwordHint", { count: MIN_PASSWORD_LENGTH })}
            error={errorText.field(errors.password?.message)}
          >
            {(control) => <PasswordInput {...control} autoComplete="new-password" {...form.register("password")} />}
          </FormField>
          <FormField label={tc("auth.confirmPassword")} error={errorText.field(errors.confirm?.message)}>
            {(control) => <PasswordInput {...control} autoComplete="new-password" {...form.register("confirm")} />}
          </FormField>
          {change.error ? <Alert tone="error">{errorText.auth(change.error)}</Alert> : null}
          <div>
            <Button type="submit" loading={change.isPending}>
              {t("setup.password.submit")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
