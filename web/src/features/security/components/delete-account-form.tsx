import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { PasswordInput } from "../../../components/ui/password-input.tsx";
import { type DeletionSummary, useDeleteAccountMutation } from "../api/account-deletion.ts";
import { useSecurityErrorText } from "../hooks/use-security-error-text.ts";
import { FunctionError } from "../lib/function-error.ts";
import { type DeleteAccount, deleteAccountSchema } from "../lib/schemas.ts";
import { SecondFactorFields } from "./second-factor-fields.tsx";

const EMPTY: DeleteAccount = { password: "", acknowledged: false, method: "totp", code: "", recoveryCode: "" };

/** Refusals that are about the second factor, shown on its field. */
const FACTOR_ERRORS = new Set(["INVALID_CODE", "CODE_ALREADY_USED", "INVALID_RECOVERY_CODE", "MFA_CODE_REQUIRED"]);

type DeleteAccountFormProps = {
  requiresCode: boolean;
  onDeleted: (summary: DeletionSummary) => void;
  /** A refusal that means the preview is out of date (a blocker appeared): reload it. */
  onStale: () => void;
};

/**
 * The confirmation the `account` function needs: the password, the second factor when 2FA is
 * on, and an explicit "I understand". Wrong answers land on their field with the attempts
 * left; a lockout or a new blocker above the button.
 */
export function DeleteAccountForm({ requiresCode, onDeleted, onStale }: DeleteAccountFormProps) {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const remove = useDeleteAccountMutation();
  const acknowledgeId = useId();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<DeleteAccount>({ resolver: zodResolver(deleteAccountSchema(requiresCode)), defaultValues: EMPTY });
  const { errors } = form.formState;
  const method = form.watch("method");

  const submit = form.handleSubmit((values) => {
    setFailure(null);
    remove.mutate(
      { values, withCode: requiresCode },
      {
        onSuccess: onDeleted,
        onError: (error) => {
          const text = errorText.error(error);
          if (error instanceof FunctionError && error.code === "INVALID_PASSWORD") {
            form.setError("password", { type: "server", message: text }, { shouldFocus: true });
          } else if (error instanceof FunctionError && FACTOR_ERRORS.has(error.code) && requiresCode) {
            form.setError(
              values.method === "totp" ? "code" : "recoveryCode",
              { type: "server", message: text },
              { shouldFocus: true },
            );
          } else {
            setFailure(text);
            if (error instanceof FunctionError && ["LAST_ADMIN", "MFA_CODE_REQUIRED", "PASSWORD_NOT_SET"].includes(error.code))
              onStale();
          }
        },
      },
    );
  });

  return (
    <form noValidate onSubmit={submit} className="grid max-w-xl gap-5">
      <FormField label={t("deletion.password")} hint={t("deletion.passwordHint")} error={errorText.field(errors.password)}>
        {(control) => <PasswordInput {...control} autoComplete="current-password" {...form.register("password")} />}
      </FormField>
      {requiresCode ? (
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm text-muted-foreground">{t("deletion.factorIntro")}</legend>
          <SecondFactorFields
            method={method}
            onMethodChange={(value) => {
              form.setValue("method", value);
              form.clearErrors(["code", "recoveryCode"]);
            }}
            code={form.register("code")}
            recoveryCode={form.register("recoveryCode")}
            codeError={errorText.field(errors.code)}
            recoveryCodeError={errorText.field(errors.recoveryCode)}
          />
        </fieldset>
      ) : null}
      <div className="grid gap-1.5">
        <div className="flex items-start gap-3">
          <Controller
            control={form.control}
            name="acknowledged"
            render={({ field }) => (
              <Checkbox
                id={acknowledgeId}
                ref={field.ref}
                className="mt-0.5"
                checked={field.value}
                onCheckedChange={(value) => field.onChange(value === true)}
                onBlur={field.onBlur}
                aria-invalid={Boolean(errors.acknowledged)}
                aria-describedby={errors.acknowledged ? `${acknowledgeId}-error` : undefined}
              />
            )}
          />
          <Label htmlFor={acknowledgeId} className="font-normal leading-snug">
            {t("deletion.acknowledge")}
          </Label>
        </div>
        {errors.acknowledged ? (
          <p id={`${acknowledgeId}-error`} className="text-sm text-destructive">
            {errorText.field(errors.acknowledged)}
          </p>
        ) : null}
      </div>
      {failure ? <Alert tone="error">{failure}</Alert> : null}
      <div>
        <Button type="submit" variant="destructive" loading={remove.isPending}>
          {t("deletion.submit")}
        </Button>
      </div>
    </form>
  );
}
