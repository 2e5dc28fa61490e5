import { type FieldErrors, type Resolver, useForm } from "react-hook-form";
import { checkRecordValue } from "../../lib/field-problems.ts";
import type { FormFieldSpec } from "../../lib/form-fields.ts";
import type { FormValues } from "../../lib/record-values.ts";
import { useProblemText } from "./use-problem-text.ts";

/**
 * A react-hook-form for a record: one value per field key, checked by the field rules the
 * database applies (the editable fields only: locked ones are not the person's to fix).
 * Messages are stored translated, like server errors, so both render the same way.
 */
export function useRecordForm(specs: readonly FormFieldSpec[], defaultValues: FormValues) {
  const problemText = useProblemText();
  const resolver: Resolver<FormValues> = async (values) => {
    const errors: FieldErrors<FormValues> = {};
    for (const spec of specs) {
      if (!spec.editable) continue;
      const problem = checkRecordValue(spec.field, values[spec.field.key], { required: spec.required });
      if (problem) errors[spec.field.key] = { type: problem.rule, message: problemText(problem) };
    }
    return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
  };
  return useForm<FormValues>({ defaultValues, resolver, mode: "onSubmit", reValidateMode: "onChange" });
}
