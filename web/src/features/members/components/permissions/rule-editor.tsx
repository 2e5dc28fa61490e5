import type { Filter } from "@flexoffice/shared";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  FilterBuilder,
  type FilterBuilderField,
  type FilterBuilderVariable,
} from "../../../../components/filter-builder/filter-builder.tsx";
import { Checkbox } from "../../../../components/ui/checkbox.tsx";
import { Label } from "../../../../components/ui/label.tsx";

type RuleEditorProps = {
  /** "rows": every record or only those matching; "validation": an optional check of written records. */
  kind: "rows" | "validation";
  /** Accessible name of the filter builder, e.g. "Row rule for Read". */
  label: string;
  value: Filter | null;
  onChange: (next: Filter | null) => void;
  fields: FilterBuilderField[];
  variables: FilterBuilderVariable[];
  /** Told whether the rule on screen can be saved (complete, and a condition when "only matching" is chosen). */
  onValidityChange: (valid: boolean) => void;
  disabled?: boolean;
  /** The database's or the validator's problem with this rule, in words. */
  problem?: string | undefined;
};

/**
 * A row rule ("All records" or "Only records that match") or a validation, built with the
 * shared FilterBuilder and its variables. Choosing "only matching" without a condition
 * keeps the rule unsaved rather than silently meaning "all".
 */
export function RuleEditor({
  kind,
  label,
  value,
  onChange,
  fields,
  variables,
  onValidityChange,
  disabled,
  problem,
}: RuleEditorProps) {
  const { t } = useTranslation("members");
  const id = useId();
  const [limited, setLimited] = useState(value !== null);
  const [builderValid, setBuilderValid] = useState(true);
  const valid = !limited || (builderValid && value !== null);

  useEffect(() => {
    onValidityChange(valid);
  }, [valid, onValidityChange]);
  // A rule that leaves the screen (its action switched off) no longer holds up saving.
  useEffect(() => () => onValidityChange(true), [onValidityChange]);

  const setMode = (next: boolean) => {
    setLimited(next);
    if (!next) {
      onChange(null);
      setBuilderValid(true);
    }
  };

  return (
    <div className="grid gap-3">
      {kind === "rows" ? (
        <fieldset className="grid gap-2" disabled={disabled}>
          <legend className="mb-1 text-sm font-medium">{t("permissions.rows.label")}</legend>
          <div className="flex flex-wrap gap-x-6 gap-y-2">
            <label className="flex items-center gap-2 text-sm">
              <input
                type="radio"
                name={id}
                className="size-4 accent-primary"
                checked={!limited}
                onChange={() => setMode(false)}
              />
              {t("permissions.rows.all")}
            </label>
            <label className="flex items-center gap-2 text-sm">
              <input type="radio" name={id} className="size-4 accent-primary" checked={limited} onChange={() => setMode(true)} />
              {t("permissions.rows.matching")}
            </label>
          </div>
        </fieldset>
      ) : (
        <div className="flex items-center gap-2">
          <Checkbox id={id} checked={limited} disabled={disabled} onCheckedChange={(checked) => setMode(checked === true)} />
          <Label htmlFor={id} className="font-normal">
            {t("permissions.validation.toggle")}
          </Label>
        </div>
      )}
      {limited && !disabled ? (
        <div className="rounded-lg border bg-background p-3">
          <FilterBuilder
            fields={fields}
            value={value}
            onChange={onChange}
            variables={variables}
            label={label}
            onValidityChange={setBuilderValid}
          />
        </div>
      ) : null}
      {limited && !disabled && value === null && builderValid ? (
        <p className="text-sm text-destructive">{t("permissions.rows.needCondition")}</p>
      ) : null}
      {problem ? <p className="text-sm text-destructive">{problem}</p> : null}
    </div>
  );
}
