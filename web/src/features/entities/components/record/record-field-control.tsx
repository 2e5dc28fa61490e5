import type { Control } from "react-hook-form";
import { Controller } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { FieldInput, type LookupLabel, type LookupOptions } from "../../../../components/fields/index.ts";
import { FormField } from "../../../../components/ui/form-field.tsx";
import type { FieldNote, FormFieldSpec } from "../../lib/form-fields.ts";
import type { FormValues } from "../../lib/record-values.ts";

type RecordFieldControlProps = {
  spec: FormFieldSpec;
  control: Control<FormValues>;
  timeZone: string;
  referenceOptions: LookupOptions;
  referenceLabel: LookupLabel;
};

/** The field's label (marked when it must be filled in), its control, its description or why it is locked, and its error. */
export function RecordFieldControl({ spec, control, timeZone, referenceOptions, referenceLabel }: RecordFieldControlProps) {
  const { t } = useTranslation("entities");
  const { field } = spec;
  const notes: Record<FieldNote, string> = {
    readOnly: t("form.notes.readOnly"),
    preset: t("form.notes.preset"),
    flow: t("form.notes.flow"),
    defaultNow: field.type === "date" ? t("form.notes.defaultToday") : t("form.notes.defaultNow"),
    defaultMe: t("form.notes.defaultMe"),
  };
  const hint = [field.description, spec.note ? notes[spec.note] : null].filter(Boolean).join(" ") || undefined;
  return (
    <Controller
      name={field.key}
      control={control}
      render={({ field: rhf, fieldState }) => (
        <FormField
          label={
            <>
              {field.label}
              {spec.required ? (
                <>
                  <span aria-hidden="true" className="text-destructive">
                    {" "}
                    *
                  </span>
                  <span className="sr-only"> {t("form.requiredMark")}</span>
                </>
              ) : null}
            </>
          }
          hint={hint}
          error={fieldState.error?.message}
        >
          {(wiring) => (
            <FieldInput
              {...wiring}
              field={field}
              value={rhf.value}
              onChange={rhf.onChange}
              onBlur={rhf.onBlur}
              ref={rhf.ref}
              name={rhf.name}
              disabled={!spec.editable}
              timeZone={timeZone}
              referenceOptions={referenceOptions}
              referenceLabel={referenceLabel}
            />
          )}
        </FormField>
      )}
    />
  );
}
