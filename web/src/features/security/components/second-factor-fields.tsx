import type { UseFormRegisterReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import type { SecondFactorMethod } from "../lib/schemas.ts";
import { RecoveryCodeInput, TotpCodeInput } from "./code-input.tsx";

type SecondFactorFieldsProps = {
  method: SecondFactorMethod;
  onMethodChange: (method: SecondFactorMethod) => void;
  code: UseFormRegisterReturn;
  recoveryCode: UseFormRegisterReturn;
  codeError?: string | undefined;
  recoveryCodeError?: string | undefined;
  autoFocus?: boolean;
};

/**
 * The app code, or, for someone without their phone, a recovery code: one field at a time,
 * with a button to switch. Used by the sign-in step, turning 2FA off and account deletion.
 */
export function SecondFactorFields({
  method,
  onMethodChange,
  code,
  recoveryCode,
  codeError,
  recoveryCodeError,
  autoFocus = false,
}: SecondFactorFieldsProps) {
  const { t } = useTranslation("security");
  return (
    <div className="grid gap-2">
      {method === "totp" ? (
        <FormField label={t("factorInput.code")} hint={t("factorInput.codeHint")} error={codeError}>
          {(control) => <TotpCodeInput {...control} autoFocus={autoFocus} {...code} />}
        </FormField>
      ) : (
        <FormField label={t("factorInput.recoveryCode")} hint={t("factorInput.recoveryCodeHint")} error={recoveryCodeError}>
          {(control) => <RecoveryCodeInput {...control} autoFocus={autoFocus} {...recoveryCode} />}
        </FormField>
      )}
      <div>
        <Button variant="link" className="text-sm" onClick={() => onMethodChange(method === "totp" ? "recovery" : "totp")}>
          {method === "totp" ? t("factorInput.useRecovery") : t("factorInput.useApp")}
        </Button>
      </div>
    </div>
  );
}
