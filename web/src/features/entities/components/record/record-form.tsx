import type { ReactNode } from "react";
import type { UseFormReturn } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { useLookupLoaders } from "../../api/lookup-options.ts";
import type { FormFieldSpec } from "../../lib/form-fields.ts";
import type { FormValues } from "../../lib/record-values.ts";
import { RecordFieldControl } from "./record-field-control.tsx";

type RecordFormProps = {
  form: UseFormReturn<FormValues>;
  specs: readonly FormFieldSpec[];
  onSubmit: (values: FormValues) => void;
  onCancel: () => void;
  submitLabel: string;
  submitting: boolean;
  /** A refusal that names no field of the form, in words (above the buttons). */
  generalError: string | null;
  /** Shown above the fields (the conflict notice of an edit). */
  banner?: ReactNode;
};

/**
 * The fields of a blueprint version as a form, in the blueprint's order: each with the shared
 * control of its type, locked fields disabled with the reason, and what is wrong next to the
 * field it is about.
 */
export function RecordForm({ form, specs, onSubmit, onCancel, submitLabel, submitting, generalError, banner }: RecordFormProps) {
  const { t } = useTranslation("entities");
  const tenant = useTenant();
  const lookups = useLookupLoaders(tenant.tenant.id);
  const errorCount = Object.keys(form.formState.errors).length;
  const anyRequired = specs.some((spec) => spec.required);
  return (
    <form noValidate className="grid gap-5" onSubmit={form.handleSubmit(onSubmit)}>
      {banner}
      {anyRequired ? <p className="text-sm text-muted-foreground">{t("form.requiredLegend")}</p> : null}
      <div className="grid gap-5 md:grid-cols-2">
        {specs.map((spec) => (
          <div
            key={spec.field.key}
            className={spec.field.type === "long_text" || spec.field.type === "json" ? "md:col-span-2" : undefined}
          >
            <RecordFieldControl
              spec={spec}
              control={form.control}
              timeZone={tenant.tenant.timezone}
              referenceOptions={lookups.referenceOptions}
              referenceLabel={lookups.referenceLabel}
            />
          </div>
        ))}
      </div>
      {errorCount > 0 && form.formState.isSubmitted ? (
        <Alert tone="error">{t("form.fixFields", { count: errorCount })}</Alert>
      ) : null}
      {generalError ? <Alert tone="error">{generalError}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" loading={submitting}>
          {submitLabel}
        </Button>
        <Button variant="outline" onClick={onCancel} disabled={submitting}>
          {t("form.cancel")}
        </Button>
      </div>
    </form>
  );
}
