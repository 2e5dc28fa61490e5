import type { FieldDefinition } from "@flexoffice/shared";
import { checkFieldInput, type FieldInputRule } from "../../../components/fields/index.ts";
import { isBlank } from "./record-values.ts";

/**
 * What is wrong with one value of a form, as a message to translate: the shared field rules
 * (`translation:fields.validation`, the words every field control uses) or this feature's own
 * (`entities:form.validation`) for what only the database knows about (patterns, unique
 * values, references). Server refusals are mapped onto the same words, so a value reads the
 * same whether the browser or the database found the problem.
 */
export type FieldProblem =
  | { source: "fields"; rule: FieldInputRule; values?: Record<string, string | number> }
  | { source: "form"; rule: FormRule; values?: Record<string, string | number> };

export type FormRule = "pattern" | "unique" | "reference" | "member" | "inputRequired";

/** PostgreSQL-only syntax (POSIX classes, word boundaries such as \m and \y, the *** prefix) JavaScript would misread. */
const POSTGRES_ONLY = /\[[:=.]|\\[mMyYAZ]|^\*\*\*/;

/**
 * Whether text matches a field's pattern, tried as a JavaScript expression (the common subset
 * reads the same). A pattern JavaScript cannot read the same way is left to the database.
 */
export function matchesPattern(pattern: string, text: string): boolean {
  if (POSTGRES_ONLY.test(pattern)) return true;
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return true;
  }
}

/**
 * The first problem of a value before it is sent. `required: false` when something else
 * fills an empty value (the field's default on create, a preset), so an empty field is fine.
 */
export function checkRecordValue(
  field: FieldDefinition,
  value: unknown,
  options: { required?: boolean } = {},
): FieldProblem | undefined {
  const required = options.required ?? field.required ?? false;
  if (isBlank(field, value)) return required ? { source: "fields", rule: "required" } : undefined;
  const shared = checkFieldInput(field, value);
  if (shared) return { source: "fields", rule: shared.rule, ...(shared.values ? { values: shared.values } : {}) };
  if (field.pattern && typeof value === "string") {
    const text = field.type === "long_text" ? value : value.trim();
    if (!matchesPattern(field.pattern, text)) return { source: "form", rule: "pattern" };
  }
  return undefined;
}

const fields = (rule: FieldInputRule, values?: Record<string, string | number>): FieldProblem =>
  values ? { source: "fields", rule, values } : { source: "fields", rule };

/** The words for a `format` or `type` refusal depend on what kind of value the field takes. */
function formatRule(field: FieldDefinition): FieldInputRule | undefined {
  switch (field.type) {
    case "text":
      return "oneLine";
    case "email":
    case "url":
    case "phone":
    case "date":
    case "datetime":
    case "currency":
    case "boolean":
      return field.type;
    case "number":
      return "number";
    case "integer":
      return "integer";
    case "reference":
    case "member":
      return "id";
    case "single_select":
    case "multi_select":
    case "status":
      return "option";
    default:
      return undefined;
  }
}

/**
 * A database refusal (rule of `details.rule`) on a field, in the words the form uses;
 * undefined when there are none (the caller falls back to the database's message).
 */
export function serverProblem(field: FieldDefinition, rule: string | null): FieldProblem | undefined {
  switch (rule) {
    case "required":
      return fields("required");
    case "min_length":
      return fields(field.type === "multi_select" ? "minChoices" : "minLength", { count: field.min_length ?? 0 });
    case "max_length":
      return field.max_length === undefined
        ? undefined
        : fields(field.type === "multi_select" ? "maxChoices" : "maxLength", { count: field.max_length });
    case "min":
      return field.min === undefined ? undefined : fields("min", { min: String(field.min) });
    case "max":
      return field.max === undefined ? undefined : fields("max", { max: String(field.max) });
    case "scale":
      return field.scale === undefined ? undefined : fields("scale", { count: field.scale });
    case "integer":
    case "range":
      return fields("integer");
    case "option":
      return fields("option");
    case "currency":
      return fields("currency");
    case "size":
      return fields("json");
    case "format":
    case "type": {
      const mapped = formatRule(field);
      return mapped ? fields(mapped) : undefined;
    }
    case "pattern":
    case "unique":
    case "reference":
    case "member":
      return { source: "form", rule };
    default:
      return undefined;
  }
}
