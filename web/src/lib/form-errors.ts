import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { ApiError } from "./api-error.ts";

/**
 * Puts a refusal from the database on the form field it names (`details.field`), so the
 * person sees it where they typed. Returns false when the error names no field of this form;
 * the caller then shows it above the submit button.
 */
export function applyServerError<T extends FieldValues>(
  form: UseFormReturn<T>,
  error: unknown,
  fields: readonly Path<T>[],
  text: (error: unknown) => string,
): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const field = fields.find((name) => name === error.field);
  if (!field) return false;
  form.setError(field, { type: "server", message: text(error) }, { shouldFocus: true });
  return true;
}

/**
 * Form errors come in two kinds: keys of the form's validation catalogue (from its zod schema)
 * and sentences already translated (from the server, type "server").
 */
export function formErrorText(
  error: { type?: string | number; message?: string } | undefined,
  translateKey: (key: string) => string,
): string | undefined {
  if (!error?.message) return undefined;
  return error.type === "server" ? error.message : translateKey(error.message);
}
