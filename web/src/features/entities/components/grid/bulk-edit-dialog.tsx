import type { FieldDefinition, Json } from "@flexoffice/shared";
import { PencilLine } from "lucide-react";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { checkFieldInput, FieldInput, type LookupLabel, type LookupOptions } from "../../../../components/fields/index.ts";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "../../../../components/ui/dialog.tsx";
import { Label } from "../../../../components/ui/label.tsx";
import { Select } from "../../../../components/ui/select.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";

type BulkEditDialogProps = {
  count: number;
  /** Fields the member may write, in blueprint order. */
  fields: FieldDefinition[];
  timeZone: string;
  referenceOptions?: LookupOptions;
  referenceLabel?: LookupLabel;
  /** Applies the value to every selected row; answers how many changed, throws when refused. */
  onApply: (field: FieldDefinition, value: Json | null) => Promise<number>;
};

/** Sets one field on every selected record at once (update_entities: all or none). */
export function BulkEditDialog({ count, fields, timeZone, referenceOptions, referenceLabel, onApply }: BulkEditDialogProps) {
  const { t } = useTranslation(["entities", "translation"]);
  const errorText = useApiErrorText();
  const fieldId = useId();
  const valueId = useId();
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState("");
  const [value, setValue] = useState<unknown>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = fields.find((f) => f.key === key);

  useEffect(() => {
    if (!open) return;
    setKey("");
    setValue(null);
    setError(null);
  }, [open]);

  const apply = async () => {
    if (!field) return;
    const problem = checkFieldInput(field, value);
    if (problem) {
      setError(t(`translation:fields.validation.${problem.rule}`, problem.values ?? {}));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const changed = await onApply(field, (value ?? null) as Json | null);
      toast.success(t("bulk.updated", { count: changed, label: field.label }));
      setOpen(false);
    } catch (failure) {
      setError(t("bulk.failed", { reason: errorText(failure, () => field.label) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <PencilLine aria-hidden="true" className="size-4" />
          {t("bulk.edit")}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        <DialogTitle>{t("bulk.editTitle", { count })}</DialogTitle>
        <DialogDescription>{t("bulk.editDescription")}</DialogDescription>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void apply();
          }}
        >
          <div className="grid gap-1.5">
            <Label htmlFor={fieldId}>{t("bulk.field")}</Label>
            <Select
              id={fieldId}
              value={key}
              onChange={(event) => {
                setKey(event.target.value);
                setValue(null);
                setError(null);
              }}
            >
              <option value="">{t("bulk.chooseField")}</option>
              {fields.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.label}
                </option>
              ))}
            </Select>
          </div>
          {field ? (
            <div className="grid gap-1.5">
              <Label htmlFor={valueId}>{t("bulk.value")}</Label>
              <FieldInput
                key={field.key}
                id={valueId}
                field={field}
                value={value}
                onChange={(next) => {
                  setValue(next);
                  setError(null);
                }}
                timeZone={timeZone}
                referenceOptions={referenceOptions}
                referenceLabel={referenceLabel}
                aria-describedby={`${valueId}-hint`}
              />
              <p id={`${valueId}-hint`} className="text-xs text-muted-foreground">
                {t("bulk.valueHint")}
              </p>
            </div>
          ) : null}
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-3">
            <Button variant="outline" onClick={() => setOpen(false)}>
              {t("bulk.cancel")}
            </Button>
            <Button type="submit" loading={busy} disabled={!field}>
              {t("bulk.apply")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
