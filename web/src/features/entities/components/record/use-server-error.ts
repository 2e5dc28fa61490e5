import type { UseFormReturn } from "react-hook-form";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { serverProblem } from "../../lib/field-problems.ts";
import type { FormFieldSpec } from "../../lib/form-fields.ts";
import type { FormValues } from "../../lib/record-values.ts";
import { useProblemText } from "./use-problem-text.ts";

/**
 * Puts a database refusal on the field it names (`details.field`, e.g. a 422 required or a
 * 409 unique value), in the form's words where it has them; returns the sentence to show
 * above the buttons when it names no field of the form (then null is never returned).
 */
export function useServerErrorOnForm() {
  const errorText = useApiErrorText();
  const problemText = useProblemText();
  return (form: UseFormReturn<FormValues>, specs: readonly FormFieldSpec[], error: unknown, prefix = ""): string | null => {
    if (error instanceof ApiError && error.field?.startsWith(prefix)) {
      const key = error.field.slice(prefix.length);
      const spec = specs.find((candidate) => candidate.field.key === key);
      if (spec) {
        const problem = serverProblem(spec.field, error.rule);
        const message = problem ? problemText(problem) : errorText(error, () => spec.field.label);
        form.setError(key, { type: "server", message }, { shouldFocus: true });
        return null;
      }
    }
    const labels = new Map(specs.map((spec) => [spec.field.key, spec.field.label]));
    return errorText(error, (field) => labels.get(field.slice(prefix.length)) ?? field);
  };
}
