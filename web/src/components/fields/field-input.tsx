import type { FieldDefinition } from "@flexoffice/shared";
import type { JSX } from "react";
import { browserTimeZone } from "../../lib/time-zones.ts";
import { BooleanInput, MultiSelectInput, SelectInput } from "./inputs/choice-inputs.tsx";
import type { ControlProps, LookupLabel, LookupOptions } from "./inputs/control-props.ts";
import { CurrencyInput } from "./inputs/currency-input.tsx";
import { DateInput, DateTimeInput } from "./inputs/date-inputs.tsx";
import { JsonInput } from "./inputs/json-input.tsx";
import { LookupInput } from "./inputs/lookup-input.tsx";
import { NumberBox } from "./inputs/number-input.tsx";
import { LongTextInput, TextInput } from "./inputs/text-inputs.tsx";

export type FieldInputProps = ControlProps & {
  field: FieldDefinition;
  /** The value in its stored form (docs/entities.md), or `null`/`undefined` for none. */
  value: unknown;
  /** Gets the stored form, or `null` when the person emptied the control. */
  onChange: (value: unknown) => void;
  /**
   * The tenant's time zone (useTenant().tenant.timezone): date-times are typed on its
   * clock and stored in UTC. Without it, the browser's zone is used.
   */
  timeZone?: string;
  /** Searches what a reference field (entities of field.reference.blueprint_id) or a member field (the tenant's members) may hold. */
  referenceOptions?: LookupOptions;
  /** The label of an id already chosen in a reference or member field (else looked for among the first results). */
  referenceLabel?: LookupLabel;
};

/**
 * The control for one field of an entity, by its type, in and out in the stored form.
 * Spread FormField's render-prop argument onto it so the label, hint and error are wired:
 * `<FormField label={field.label}>{(control) => <FieldInput {...control} field={field} … />}</FormField>`.
 */
export function FieldInput({
  field,
  value,
  onChange,
  timeZone,
  referenceOptions,
  referenceLabel,
  ...control
}: FieldInputProps): JSX.Element {
  const common = { ...control, field, value, onChange };
  switch (field.type) {
    case "text":
    case "email":
    case "url":
    case "phone":
      return <TextInput {...common} />;
    case "long_text":
      return <LongTextInput {...common} />;
    case "number":
    case "integer":
      return <NumberBox {...control} integer={field.type === "integer"} value={value} onChange={onChange} />;
    case "currency":
      return <CurrencyInput {...common} />;
    case "boolean":
      return <BooleanInput {...common} />;
    case "date":
      return <DateInput {...common} />;
    case "datetime":
      return <DateTimeInput {...common} timeZone={timeZone ?? browserTimeZone()} />;
    case "single_select":
    case "status":
      return <SelectInput {...common} />;
    case "multi_select":
      return <MultiSelectInput {...common} />;
    case "reference":
    case "member":
      return <LookupInput {...common} loadOptions={referenceOptions} loadLabel={referenceLabel} />;
    case "json":
      return <JsonInput {...common} />;
  }
}
