import type { FieldDefinition } from "@flexoffice/shared";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "../../../../components/ui/dialog.tsx";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { useLookupLoaders } from "../../api/lookup-options.ts";
import type { FormFieldSpec } from "../../lib/form-fields.ts";
import { createPayload, type FormValues, initialFormValues } from "../../lib/record-values.ts";
import { RecordFieldControl } from "./record-field-control.tsx";
import { useRecordForm } from "./use-record-form.ts";
import { useServerErrorOnForm } from "./use-server-error.ts";

export type TransitionDialogRequest = {
  name: string;
  inputs: FieldDefinition[];
  /** Runs the transition with the inputs; rejects with the API error so it lands on its input. */
  run: (input: FormValues) => Promise<void>;
};

/**
 * Asks for what a transition needs before it runs (a delivery note, a reason): its inputs
 * as fields with the shared controls, checked like any field; a refusal of an input
 * (`input.<key>`) is shown on it.
 */
export function TransitionDialog({ request, onClose }: { request: TransitionDialogRequest; onClose: () => void }) {
  const { t } = useTranslation("entities");
  const tenant = useTenant();
  const lookups = useLookupLoaders(tenant.tenant.id);
  const serverError = useServerErrorOnForm();
  const [specs] = useState<FormFieldSpec[]>(() =>
    request.inputs.map((field) => ({ field, editable: true, required: Boolean(field.required), note: null })),
  );
  const form = useRecordForm(specs, initialFormValues(request.inputs, null));
  const [running, setRunning] = useState(false);
  const [generalError, setGeneralError] = useState<string | null>(null);

  const submit = form.handleSubmit(async (values) => {
    setGeneralError(null);
    setRunning(true);
    try {
      await request.run(createPayload(request.inputs, values, () => true));
      onClose();
    } catch (error) {
      setGeneralError(serverError(form, specs, error, "input."));
    } finally {
      setRunning(false);
    }
  });

  return (
    <Dialog open onOpenChange={(open) => (open || running ? undefined : onClose())}>
      <DialogContent className="max-w-lg">
        <DialogTitle>{t("transitions.dialog.title", { name: request.name })}</DialogTitle>
        <DialogDescription>{t("transitions.dialog.description")}</DialogDescription>
        <form noValidate className="grid gap-4" onSubmit={submit}>
          {specs.map((spec) => (
            <RecordFieldControl
              key={spec.field.key}
              spec={spec}
              control={form.control}
              timeZone={tenant.tenant.timezone}
              referenceOptions={lookups.referenceOptions}
              referenceLabel={lookups.referenceLabel}
            />
          ))}
          {generalError ? <Alert tone="error">{generalError}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-3">
            <Button variant="outline" onClick={onClose} disabled={running}>
              {t("transitions.dialog.cancel")}
            </Button>
            <Button type="submit" loading={running}>
              {t("transitions.dialog.run", { name: request.name })}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
