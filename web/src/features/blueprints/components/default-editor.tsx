import type { FieldDefinition } from "@flexoffice/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FieldInput, isEmptyValue } from "../../../components/fields/index.ts";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { Select } from "../../../components/ui/select.tsx";
import { withProperty } from "../lib/field-edits.ts";

type DefaultEditorProps = {
  field: FieldDefinition;
  onChange: (update: (field: FieldDefinition) => FieldDefinition) => void;
  error: string | undefined;
  timeZone: string;
};

const literal = (value: unknown) => ({ kind: "literal" as const, value: value as never });

/**
 * What a new entity gets when the field is left empty: a fixed value (typed with the
 * field's own control), the current time for dates, the creating member for member
 * fields. References have none (an id would not survive a copy of the blueprint).
 */
export function DefaultEditor({ field, onChange, error, timeZone }: DefaultEditorProps) {
  const { t } = useTranslation("blueprints");
  const { t: tc } = useTranslation();
  const checkboxId = useId();
  const fallback = field.default;
  const setDefault = (next: FieldDefinition["default"] | undefined) => onChange((f) => withProperty(f, "default", next));

  if (field.type === "reference") return null;
  if (field.type === "member") {
    return (
      <div className="flex items-start gap-2">
        <Checkbox
          id={checkboxId}
          checked={fallback?.kind === "current_user"}
          onCheckedChange={(state) => setDefault(state === true ? { kind: "current_user" } : undefined)}
        />
        <div className="grid gap-1">
          <Label htmlFor={checkboxId}>{t("defaults.currentUser")}</Label>
          {error ? <p className="text-sm text-destructive">{error}</p> : null}
        </div>
      </div>
    );
  }
  if (field.type === "boolean") {
    const value = fallback?.kind === "literal" ? String(fallback.value) : "";
    return (
      <FormField label={t("defaults.label")} hint={t("defaults.hint")} error={error}>
        {(control) => (
          <Select
            {...control}
            className="max-w-xs"
            value={value}
            onChange={(event) => setDefault(event.target.value === "" ? undefined : literal(event.target.value === "true"))}
          >
            <option value="">{t("defaults.none")}</option>
            <option value="true">{tc("fields.yes")}</option>
            <option value="false">{tc("fields.no")}</option>
          </Select>
        )}
      </FormField>
    );
  }
  const dated = field.type === "date" || field.type === "datetime";
  const mode = fallback?.kind ?? "none";
  const valueInput = (
    <FormField
      label={dated ? t("defaults.fixedValue") : t("defaults.label")}
      hint={dated ? undefined : t("defaults.hint")}
      error={error}
    >
      {(control) => (
        <FieldInput
          {...control}
          field={{ ...field, required: false }}
          timeZone={timeZone}
          value={fallback?.kind === "literal" ? fallback.value : null}
          onChange={(value) => setDefault(isEmptyValue(value) ? (dated ? literal(null) : undefined) : literal(value))}
        />
      )}
    </FormField>
  );
  if (!dated) return valueInput;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <FormField label={t("defaults.label")} hint={t("defaults.hint")} error={mode === "literal" ? undefined : error}>
        {(control) => (
          <Select
            {...control}
            value={mode}
            onChange={(event) =>
              setDefault(
                event.target.value === "now" ? { kind: "now" } : event.target.value === "literal" ? literal(null) : undefined,
              )
            }
          >
            <option value="none">{t("defaults.none")}</option>
            <option value="now">{field.type === "date" ? t("defaults.today") : t("defaults.now")}</option>
            <option value="literal">{t("defaults.fixed")}</option>
          </Select>
        )}
      </FormField>
      {mode === "literal" ? valueInput : null}
    </div>
  );
}
