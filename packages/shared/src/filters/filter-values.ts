import { FIELD_TYPE_LABELS } from "../blueprints/field-types.ts";
import {
  charLength,
  isEmail,
  isHttpUrl,
  isIsoDate,
  isOneLine,
  isPhone,
  isUuid,
  normalizeInstant,
} from "../blueprints/field-values.ts";
import type { ResolvedField } from "./field-path.ts";
import { FILTER_LIMITS, type FilterOperator } from "./filter.schema.ts";
import { listWords } from "./operators.ts";

/**
 * Checks a condition's value against its field and operator. Values take the stored form
 * (docs/entities.md), except that `datetime` accepts any ISO 8601 instant, so a value the
 * database would refuse, or that could never match a stored value, is refused here first.
 */

export type ValueRule = "value" | "list_size" | "text_length";
export type ValueProblem = { rule: ValueRule; message: string };

/** A short rendering of what the caller sent, for messages. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** What one value of the field must be, or undefined when `value` is one. */
export function expectScalar(field: ResolvedField, value: unknown): string | undefined {
  const options = field.definition?.options?.map((option) => option.value) ?? [];
  const need = (valid: boolean, expected: string) => (valid ? undefined : expected);
  switch (field.type) {
    case "text":
      return need(isOneLine(value), "one line of text");
    case "email":
      return need(isEmail(value), "a lowercase email local@domain.tld");
    case "url":
      return need(isHttpUrl(value), "an http:// or https:// address with a host");
    case "phone":
      return need(isPhone(value), "a phone number (digits, optional leading +, ( ) - . and spaces; 3-30 characters)");
    case "number":
      return need(typeof value === "number" && Number.isFinite(value), "a number");
    case "currency":
      return need(typeof value === "number" && Number.isFinite(value), "a number (the amount)");
    case "integer":
      return need(Number.isSafeInteger(value), "a whole number within ±9007199254740991");
    case "boolean":
      return need(typeof value === "boolean", "true or false");
    case "date":
      return need(isIsoDate(value), "a date YYYY-MM-DD");
    case "datetime":
      return need(normalizeInstant(value) !== undefined, "an ISO 8601 instant with a time zone, such as 2026-01-31T09:30:00Z");
    case "single_select":
    case "multi_select":
    case "status":
      return need(typeof value === "string" && options.includes(value), `one of ${listWords(options)}`);
    case "reference":
    case "member":
    case "id":
      return need(isUuid(value), "an id (a lowercase uuid)");
    default:
      return "no value of this kind";
  }
}

/** The first problem with a condition's value for its (already allowed) operator, or undefined. */
export function checkConditionValue(field: ResolvedField, op: FilterOperator, value: unknown): ValueProblem | undefined {
  const name = `"${field.path}"`;
  const scalar = (v: unknown, what: string): ValueProblem | undefined => {
    const expected = expectScalar(field, v);
    return expected === undefined ? undefined : { rule: "value", message: `${name} ${what} takes ${expected} (got ${shown(v)})` };
  };
  if (value === undefined) return { rule: "value", message: `${name} ${op} needs a value` };
  switch (op) {
    case "is_null":
      return typeof value === "boolean"
        ? undefined
        : { rule: "value", message: `${name} is_null takes true (is empty) or false (has a value) (got ${shown(value)})` };
    case "between": {
      if (!Array.isArray(value) || value.length !== 2) {
        return { rule: "value", message: `${name} between takes [low, high] (got ${shown(value)})` };
      }
      return scalar(value[0], "between") ?? scalar(value[1], "between");
    }
    case "in": {
      if (!Array.isArray(value)) return { rule: "value", message: `${name} in takes a list of values (got ${shown(value)})` };
      if (value.length === 0 || value.length > FILTER_LIMITS.maxInValues) {
        return {
          rule: "list_size",
          message: `${name} in takes 1 to ${FILTER_LIMITS.maxInValues} values (got ${value.length})`,
        };
      }
      for (const item of value) {
        const problem = scalar(item, "in");
        if (problem) return problem;
      }
      return undefined;
    }
    case "contains":
    case "starts_with": {
      if (field.type === "multi_select") return scalar(value, op);
      if (typeof value !== "string") return { rule: "value", message: `${name} ${op} takes a string (got ${shown(value)})` };
      const length = charLength(value);
      if (length === 0 || length > FILTER_LIMITS.maxTextLength) {
        return {
          rule: "text_length",
          message: `${name} ${op} takes 1 to ${FILTER_LIMITS.maxTextLength} characters (got ${length})`,
        };
      }
      return undefined;
    }
    default:
      return scalar(value, op);
  }
}

/** `"weight" is a number: use eq, neq, …` */
export function describeField(field: ResolvedField, operators: readonly string[]): string {
  return `"${field.path}" is ${FIELD_TYPE_LABELS[field.type]}: use ${listWords(operators)}`;
}
