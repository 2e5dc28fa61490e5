import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "../../../components/ui/dialog.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useDisableMfaMutation } from "../api/mfa-mutations.ts";
import { useSecurityErrorText } from "../hooks/use-security-error-text.ts";
import { FunctionError } from "../lib/function-error.ts";
import { type SecondFactor, SecondFactorSchema } from "../lib/schemas.ts";
import { SecondFactorFields } from "./second-factor-fields.tsx";

const EMPTY: SecondFactor = { method: "totp", code: "", recoveryCode: "" };

/**
 * Turning 2FA off asks for a current code (or a recovery code): whoever holds only the
 * session must not be able to remove the second factor. `stillRequired` warns that the
 * policy will lock the workspaces right after.
 */
export function DisableTwoFactorDialog({ stillRequired, graceDays }: { stillRequired: boolean; graceDays: number }) {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const disable = useDisableMfaMutation(() => toast.success(t("disable.done")));
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<SecondFactor>({ resolver: zodResolver(SecondFactorSchema), defaultValues: EMPTY });
  const method = form.watch("method");
  const { errors } = form.formState;

  const onOpenChange = (value: boolean) => {
    setOpen(value);
    if (!value) {
      form.reset(EMPTY);
      setFailure(null);
      disable.reset();
    }
  };

  const submit = form.handleSubmit((values) => {
    setFailure(null);
    disable.mutate(values, {
      onSuccess: () => onOpenChange(false),
      onError: (error) => {
        const text = errorText.error(error);
        const field = values.method === "totp" ? "code" : "recoveryCode";
        if (error instanceof FunctionError && error.status === 422)
          form.setError(field, { type: "server", message: text }, { shouldFocus: true });
        else setFailure(text);
      },
    });
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline">{t("twoFactor.disable")}</Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>{t("disable.title")}</DialogTitle>
        <DialogDescription>{t("disable.body")}</DialogDescription>
        {stillRequired ? <Alert tone="error">{t("disable.requiredWarning", { days: graceDays })}</Alert> : null}
        <form noValidate onSubmit={submit} className="grid gap-4">
          <SecondFactorFields
            method={method}
            onMethodChange={(value) => {
              form.setValue("method", value);
              form.clearErrors();
            }}
            code={form.register("code")}
            recoveryCode={form.register("recoveryCode")}
            codeError={errorText.field(errors.code)}
            recoveryCodeError={errorText.field(errors.recoveryCode)}
            autoFocus
          />
          {failure ? <Alert tone="error">{failure}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-3">
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              {t("disable.cancel")}
            </Button>
            <Button type="submit" variant="destructive" loading={disable.isPending}>
              {t("disable.submit")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
