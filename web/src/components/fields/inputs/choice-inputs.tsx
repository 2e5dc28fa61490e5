import type { FieldDefinition } from "@flexoffice/shared";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox } from "../../ui/checkbox.tsx";
import { cn } from "../../ui/cn.ts";
import { Label } from "../../ui/label.tsx";
import { Select } from "../../ui/select.tsx";
import { sortChoices } from "../lib/field-input-values.ts";
import { optionDotClass } from "../option-colors.ts";
import type { TypedInputProps } from "./control-props.ts";

const optionLabel = (option: NonNullable<FieldDefinition["options"]>[number]) => option.label ?? option.value;

/**
 * One option (single_select, status) from a native select: the platform's keyboard and
 * screen reader support. A value that is no longer an option (an entity of an older
 * version) stays visible and selected until someone picks another.
 */
export function SelectInput({ field, value, onChange, ref, ...control }: TypedInputProps<unknown>) {
  const { t } = useTranslation();
  const options = field.options ?? [];
  const current = typeof value === "string" ? value : "";
  const retired = current !== "" && !options.some((option) => option.value === current);
  return (
    <Select
      {...control}
      ref={ref}
      value={current}
      onChange={(event) => onChange(event.target.value === "" ? null : event.target.value)}
    >
      <option value="">{field.required ? t("fields.choose") : t("fields.notSet")}</option>
      {retired ? <option value={current}>{t("fields.retiredOption", { value: current })}</option> : null}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {optionLabel(option)}
        </option>
      ))}
    </Select>
  );
}

/** Any number of options (multi_select) as checkboxes; stored in the options' order. */
export function MultiSelectInput({
  field,
  value,
  onChange,
  id,
  disabled,
  ref,
  onBlur,
  "aria-invalid": invalid,
  "aria-describedby": describedBy,
}: TypedInputProps<unknown>) {
  const { t } = useTranslation();
  const prefix = useId();
  const chosen = Array.isArray(value) ? value.filter((choice): choice is string => typeof choice === "string") : [];
  const toggle = (option: string, on: boolean) =>
    onChange(sortChoices(field, on ? [...chosen, option] : chosen.filter((choice) => choice !== option)));
  const options = field.options ?? [];
  return (
    <fieldset
      id={id}
      ref={ref}
      tabIndex={-1}
      aria-describedby={describedBy}
      data-invalid={invalid || undefined}
      onBlur={onBlur}
      className={cn(
        "grid max-h-56 gap-2 overflow-y-auto rounded-md border border-input bg-card p-3 sm:grid-cols-2",
        "focus-visible:outline-none data-[invalid=true]:border-destructive",
      )}
    >
      <legend className="sr-only">{t("fields.choices", { label: field.label })}</legend>
      {options.map((option, index) => {
        const optionId = `${prefix}-${index}`;
        return (
          <div key={option.value} className="flex items-center gap-2">
            <Checkbox
              id={optionId}
              checked={chosen.includes(option.value)}
              disabled={disabled}
              onCheckedChange={(state) => toggle(option.value, state === true)}
            />
            <Label htmlFor={optionId} className="flex items-center gap-2 font-normal">
              <span aria-hidden="true" className={cn("size-2 shrink-0 rounded-full", optionDotClass(option.color))} />
              {optionLabel(option)}
            </Label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** Yes or no (boolean): a checkbox, labelled by the field's label. Unchecked is stored as `false`. */
export function BooleanInput({ value, onChange, ref, field: _field, ...control }: TypedInputProps<unknown>) {
  return (
    <div className="flex h-10 items-center">
      <Checkbox {...control} ref={ref} checked={value === true} onCheckedChange={(state) => onChange(state === true)} />
    </div>
  );
}
