import type { FieldDefinition, FieldType } from "./field-types.ts";
import {
  CURRENCY_CODE_PATTERN,
  decimalPlaces,
  isEmail,
  isHttpUrl,
  isIsoDate,
  isOneLine,
  isPhone,
  jsonBytes,
  MAX_JSON_BYTES,
  normalizeInstant,
} from "./field-values.ts";

/**
 * Per-type rules of a field definition, run by `FieldDefinitionSchema` after the shape
 * check. Kept apart from the schema so the table of which property belongs to which type
 * reads in one place.
 */

/** Used when a number or currency field omits `precision` / `scale` (scale is at most the precision). */
export const DEFAULT_PRECISION = 18;
export const DEFAULT_SCALE = 2;

/** The precision and scale a number or currency field works with once defaults are filled in. */
export function decimalShape(field: Pick<FieldDefinition, "precision" | "scale">): { precision: number; scale: number } {
  const precision = field.precision ?? DEFAULT_PRECISION;
  return { precision, scale: field.scale ?? Math.min(DEFAULT_SCALE, precision) };
}

/** Values without a useful equality or order cannot be unique; these cannot be indexed either. */
export const NOT_UNIQUE_TYPES: readonly FieldType[] = ["long_text", "json", "multi_select", "boolean", "currency", "status"];
export const NOT_INDEXED_TYPES: readonly FieldType[] = ["long_text", "json", "multi_select"];

type TypedProperty =
  | "min"
  | "max"
  | "min_length"
  | "max_length"
  | "pattern"
  | "precision"
  | "scale"
  | "options"
  | "reference"
  | "currencies";

const RANGE_TYPES: readonly FieldType[] = ["number", "integer", "currency", "date", "datetime"];
const LENGTH_TYPES: readonly FieldType[] = ["text", "long_text", "email", "url", "phone", "multi_select"];
const DECIMAL_TYPES: readonly FieldType[] = ["number", "currency"];
const OPTION_TYPES: readonly FieldType[] = ["single_select", "multi_select", "status"];

/** Which types each type-specific property applies to. */
export const FIELD_PROPERTY_TYPES: Record<TypedProperty, readonly FieldType[]> = {
  min: RANGE_TYPES,
  max: RANGE_TYPES,
  min_length: LENGTH_TYPES,
  max_length: LENGTH_TYPES,
  pattern: ["text", "long_text"],
  precision: DECIMAL_TYPES,
  scale: DECIMAL_TYPES,
  options: OPTION_TYPES,
  reference: ["reference"],
  currencies: ["currency"],
};

export type FieldPropertyIssue = { path: (string | number)[]; message: string };

/** Per-type problems of a field that already has the right shape, as zod issue paths and messages. */
export function checkFieldProperties(field: FieldDefinition): FieldPropertyIssue[] {
  const issues: FieldPropertyIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path, message: `"${field.key}": ${message}` });
  for (const [property, types] of Object.entries(FIELD_PROPERTY_TYPES)) {
    if (field[property as TypedProperty] !== undefined && !types.includes(field.type)) {
      add([property], `${property} does not apply to a ${field.type} field (only ${types.join(", ")})`);
    }
  }
  if (OPTION_TYPES.includes(field.type) && field.options === undefined) add(["options"], `a ${field.type} field needs options`);
  if (field.type === "reference" && field.reference === undefined) add(["reference"], "a reference field needs reference");
  if (field.required && field.reference?.on_delete === "set_null") {
    add(["reference", "on_delete"], 'a required reference cannot be emptied when its target is deleted: use "restrict"');
  }
  if (field.unique && NOT_UNIQUE_TYPES.includes(field.type)) add(["unique"], `a ${field.type} field cannot be unique`);
  if (field.indexed && NOT_INDEXED_TYPES.includes(field.type)) add(["indexed"], `a ${field.type} field cannot be indexed`);
  const seen = new Set<string>();
  field.options?.forEach((option, index) => {
    if (seen.has(option.value)) add(["options", index, "value"], `option "${option.value}" is listed twice`);
    seen.add(option.value);
  });
  if (DECIMAL_TYPES.includes(field.type)) {
    const { precision, scale } = decimalShape(field);
    if (scale > precision) add(["scale"], `scale (${scale}) must be at most the precision (${precision})`);
  }
  if (RANGE_TYPES.includes(field.type)) checkRange(field, add);
  if (field.min_length !== undefined && field.max_length !== undefined && field.min_length > field.max_length) {
    add(["min_length"], "min_length must be at most max_length");
  }
  if (field.default !== undefined) {
    const problem = checkDefault(field);
    if (problem) add(["default"], problem);
  }
  return issues;
}

/** Bounds are numbers for numeric types (the amount for currency) and ISO strings for dates. */
function checkRange(field: FieldDefinition, add: (path: string[], message: string) => void): void {
  const comparable = (bound: "min" | "max"): number | string | undefined => {
    const value = field[bound];
    if (value === undefined) return undefined;
    const problem = checkBound(field, value);
    if (problem) {
      add([bound], `${bound} ${problem}`);
      return undefined;
    }
    return field.type === "datetime" ? normalizeInstant(value) : value;
  };
  const min = comparable("min");
  const max = comparable("max");
  if (min !== undefined && max !== undefined && min > max) add(["min"], "min must be at most max");
}

function checkBound(field: FieldDefinition, value: number | string): string | undefined {
  switch (field.type) {
    case "integer":
      return Number.isSafeInteger(value) ? undefined : "is a whole number within ±9007199254740991";
    case "date":
      return isIsoDate(value) ? undefined : "is a date YYYY-MM-DD";
    case "datetime":
      return normalizeInstant(value) ? undefined : "is an ISO 8601 instant with a time zone";
    default:
      return typeof value === "number" ? undefined : "is a number";
  }
}

function checkDefault(field: FieldDefinition): string | undefined {
  const fallback = field.default;
  if (fallback === undefined) return undefined;
  switch (fallback.kind) {
    case "now":
      return field.type === "date" || field.type === "datetime" ? undefined : "default now applies to date and datetime only";
    case "current_user":
      return field.type === "member" ? undefined : "default current_user applies to member only";
    case "literal":
      if (field.type === "reference" || field.type === "member") return `a ${field.type} field has no literal default`;
      return checkLiteral(field, fallback.value);
  }
}

/**
 * Whether a literal default could be written as the field's value. Input forms are
 * accepted where the database canonicalises them (surrounding spaces, email case,
 * datetime offsets, choice order); an empty value is refused (remove the default
 * instead). Bounds, lengths and patterns are left to the database.
 */
export function checkLiteral(field: FieldDefinition, value: unknown): string | undefined {
  if (value === null || value === undefined) return "a literal default needs a value";
  if ((typeof value === "string" && value.trim() === "") || (Array.isArray(value) && value.length === 0)) {
    return field.type === "json" ? undefined : "default is empty: remove it instead";
  }
  const options = field.options?.map((option) => option.value) ?? [];
  const ok = (valid: boolean, expected: string) => (valid ? undefined : `default is ${expected}`);
  switch (field.type) {
    case "text":
      return ok(typeof value === "string" && isOneLine(value.trim()), "one line of text");
    case "long_text":
      return ok(typeof value === "string", "a string");
    case "number":
      return checkDecimal(value, field);
    case "integer":
      return ok(Number.isSafeInteger(value), "a whole number within ±9007199254740991");
    case "boolean":
      return ok(typeof value === "boolean", "true or false");
    case "date":
      return ok(isIsoDate(value), "a date YYYY-MM-DD");
    case "datetime":
      return ok(normalizeInstant(value) !== undefined, "an ISO 8601 instant with a time zone");
    case "single_select":
    case "status":
      return ok(typeof value === "string" && options.includes(value), `one of ${options.join(", ")}`);
    case "multi_select":
      return ok(
        Array.isArray(value) && new Set(value).size === value.length && value.every((v) => options.includes(v)),
        `a list of distinct options among ${options.join(", ")}`,
      );
    case "email":
      return ok(typeof value === "string" && isEmail(value.trim().toLowerCase()), "an email local@domain.tld");
    case "url":
      return ok(typeof value === "string" && isHttpUrl(value.trim()), "an http:// or https:// address with a host");
    case "phone":
      return ok(
        typeof value === "string" && isPhone(value.trim()),
        "a phone number (digits, optional leading +, ( ) - . and spaces; 3-30 characters)",
      );
    case "currency":
      return checkMoney(value, field);
    case "json":
      return ok(jsonBytes(value) <= MAX_JSON_BYTES, "at most 64 KiB of JSON");
    default:
      return `a ${field.type} field has no literal default`;
  }
}

/** More decimals than `scale` are refused, not rounded, and the integer part fits `precision - scale` digits. */
function checkDecimal(value: unknown, field: FieldDefinition): string | undefined {
  const { precision, scale } = decimalShape(field);
  if (typeof value !== "number" || !Number.isFinite(value)) return "default is a number";
  if (scale > precision) return undefined; // reported on scale
  if (decimalPlaces(value) > scale) return `default has at most ${scale} decimals`;
  if (Math.abs(value) >= 10 ** (precision - scale)) return `default has at most ${precision - scale} digits before the point`;
  return undefined;
}

function checkMoney(value: unknown, field: FieldDefinition): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return 'default is {"amount": number, "currency": "EUR"}';
  const { amount, currency, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return "default has only amount and currency";
  const allowed = field.currencies;
  if (typeof currency !== "string" || !CURRENCY_CODE_PATTERN.test(currency)) return "default currency is three capital letters";
  if (allowed && !allowed.includes(currency)) return `default currency is one of ${allowed.join(", ")}`;
  return checkDecimal(amount, field);
}
