import type { EffectiveFieldType } from "../blueprints/field-types.ts";
import type { FilterOperator } from "./filter.schema.ts";

/** Operators by field type, as the table in docs/entities.md; the SQL compiler refuses the rest. */

const ORDERED: readonly FilterOperator[] = ["eq", "neq", "lt", "lte", "gt", "gte", "between", "in", "is_null"];
const TEXT: readonly FilterOperator[] = [
  "eq",
  "neq",
  "lt",
  "lte",
  "gt",
  "gte",
  "between",
  "in",
  "contains",
  "starts_with",
  "is_null",
];
const CHOICE: readonly FilterOperator[] = ["eq", "neq", "in", "is_null"];

export const OPERATORS_BY_TYPE: Record<EffectiveFieldType, readonly FilterOperator[]> = {
  text: TEXT,
  email: TEXT,
  url: TEXT,
  phone: TEXT,
  long_text: ["contains", "starts_with", "is_null"],
  number: ORDERED,
  integer: ORDERED,
  currency: ORDERED,
  date: ORDERED,
  datetime: ORDERED,
  boolean: ["eq", "neq", "is_null"],
  single_select: CHOICE,
  status: CHOICE,
  reference: CHOICE,
  member: CHOICE,
  multi_select: ["contains", "in", "is_null"],
  json: ["is_null"],
  id: ["eq", "neq", "in"],
};

/** Types a list cannot be sorted by: their values have no useful order. */
export const UNSORTABLE_TYPES: readonly EffectiveFieldType[] = ["long_text", "json", "multi_select"];

/** Sorting follows the same fields as filters except those without an order. */
export function isSortable(type: EffectiveFieldType): boolean {
  return !UNSORTABLE_TYPES.includes(type);
}

/** "a, b or c", for messages that say what is allowed. */
export function listWords(words: readonly string[], limit = 20): string {
  const shown = words.length > limit ? [...words.slice(0, limit), "…"] : [...words];
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} or ${shown.at(-1)}`;
}
