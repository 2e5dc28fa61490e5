import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "../../../components/ui/dialog.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useRegenerateRecoveryCodesMutation } from "../api/mfa-mutations.ts";
import { useSecurityErrorText } from "../hooks/use-security-error-text.ts";
import { FunctionError } from "../lib/function-error.ts";
import { type TotpCode, TotpCodeSchema } from "../lib/schemas.ts";
import { TotpCodeInput } from "./code-input.tsx";
import { RecoveryCodesPanel } from "./recovery-codes-panel.tsx";

/**
 * New recovery codes for an active factor, confirmed with an app code (the function accepts
 * no recovery code here). The new codes are shown once in the dialog, which stays open until
 * the user says they saved them.
 */
export function RegenerateCodesDialog({ account }: { account: string }) {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const regenerate = useRegenerateRecoveryCodesMutation();
  const [open, setOpen] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [saved, setSaved] = useState(false);
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<TotpCode>({ resolver: zodResolver(TotpCodeSchema), defaultValues: { code: "" } });

  const close = () => {
    setOpen(false);
    setCodes(null);
    setSaved(false);
    setMissing(false);
    setFailure(null);
    form.reset({ code: "" });
    regenerate.reset();
  };
  // Unsaved new codes keep the dialog open: the old ones already stopped working.
  const holdOpen = codes !== null && !saved;

  const submit = form.handleSubmit(({ code }) => {
    setFailure(null);
    regenerate.mutate(code, {
      onSuccess: (result) => setCodes(result.recovery_codes),
      onError: (error) => {
        const text = errorText.error(error);
        if (error instanceof FunctionError && error.status === 422)
          form.setError("code", { type: "server", message: text }, { shouldFocus: true });
        else setFailure(text);
      },
    });
  });

  return (
    <Dialog
      open={open}
      onOpenChange={(value) => {
        if (value) setOpen(true);
        else if (holdOpen) setMissing(true);
        else close();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">{t("twoFactor.regenerate")}</Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        {codes ? (
          <>
            <DialogTitle>{t("regenerate.doneTitle")}</DialogTitle>
            <DialogDescription>{t("regenerate.doneBody")}</DialogDescription>
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
            <div className="flex justify-end">
              <Button
                onClick={() => {
                  if (!saved) {
                    setMissing(true);
                    return;
                  }
                  toast.success(t("regenerate.generated"));
                  close();
                }}
              >
                {t("regenerate.done")}
              </Button>
            </div>
          </>
        ) : (
          <>
            <DialogTitle>{t("regenerate.title")}</DialogTitle>
            <DialogDescription>{t("regenerate.body")}</DialogDescription>
            <form noValidate onSubmit={submit} className="grid gap-4">
              <FormField
                label={t("factorInput.code")}
                hint={t("factorInput.codeHint")}
                error={errorText.field(form.formState.errors.code)}
              >
                {(control) => <TotpCodeInput {...control} autoFocus {...form.register("code")} />}
              </FormField>
              {failure ? <Alert tone="error">{failure}</Alert> : null}
              <div className="flex flex-wrap justify-end gap-3">
                <Button variant="outline" onClick={close}>
                  {t("regenerate.cancel")}
                </Button>
                <Button type="submit" loading={regenerate.isPending}>
                  {t("regenerate.submit")}
                </Button>
              </div>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
