import {
  CURRENCY_CODE_PATTERN,
  charLength,
  decimalPlaces,
  decimalShape,
  type FieldDefinition,
  isEmail,
  isHttpUrl,
  isIsoDate,
  isOneLine,
  isPhone,
  isUuid,
  jsonBytes,
  MAX_JSON_BYTES,
  normalizeInstant,
} from "@flexoffice/shared";

/** A stored currency value. */
export type Money = { amount: number; currency: string };

/**
 * What a new form starts with: the field's literal default (copied, so editing the form never
 * changes the definition), otherwise nothing. `now` and `current_user` defaults are filled in
 * by the database when the value is left empty, so the form leaves them empty too.
 */
export function emptyValue(field: FieldDefinition): unknown {
  if (field.default?.kind !== "literal") return null;
  const value = field.default.value;
  return value === null || typeof value !== "object" ? value : structuredClone(value);
}

/** Whether a value counts as "no value" (stored as an absent key): null, blank text, no choices. */
export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** The rules a value typed into a form can break, each with a message in the `fields.validation` catalogue. */
export type FieldInputRule =
  | "required"
  | "number"
  | "integer"
  | "scale"
  | "digits"
  | "min"
  | "max"
  | "minLength"
  | "maxLength"
  | "minChoices"
  | "maxChoices"
  | "oneLine"
  | "email"
  | "url"
  | "phone"
  | "option"
  | "date"
  | "datetime"
  | "currency"
  | "boolean"
  | "id"
  | "json";

export type FieldInputProblem = { rule: FieldInputRule; values?: Record<string, string | number> };

const problem = (rule: FieldInputRule, values?: Record<string, string | number>): FieldInputProblem =>
  values ? { rule, values } : { rule };

/**
 * The first rule a form value breaks, checked before the round trip so the person sees it at
 * the field while typing. The database checks everything again (and more: patterns, unique
 * values, whether a referenced entity exists); its refusal lands on the same field.
 */
export function checkFieldInput(field: FieldDefinition, value: unknown): FieldInputProblem | undefined {
  if (isEmptyValue(value)) return field.required ? problem("required") : undefined;
  switch (field.type) {
    case "text":
    case "long_text":
    case "email":
    case "url":
    case "phone":
      return checkText(field, value);
    case "number":
    case "integer":
      return checkNumber(field, value);
    case "currency":
      return checkMoney(field, value);
    case "boolean":
      return typeof value === "boolean" ? undefined : problem("boolean");
    case "date":
      if (!isIsoDate(value)) return problem("date");
      return checkBounds(field, value);
    case "datetime": {
      const instant = normalizeInstant(value);
      if (!instant) return problem("datetime");
      return checkBounds(field, instant, (bound) => normalizeInstant(bound));
    }
    case "single_select":
    case "status":
      return typeof value === "string" && optionValues(field).includes(value) ? undefined : problem("option");
    case "multi_select":
      return checkChoices(field, value);
    case "reference":
    case "member":
      return isUuid(value) ? undefined : problem("id");
    case "json":
      return jsonBytes(value) <= MAX_JSON_BYTES ? undefined : problem("json");
  }
}

function optionValues(field: FieldDefinition): string[] {
  return field.options?.map((option) => option.value) ?? [];
}

function checkText(field: FieldDefinition, value: unknown): FieldInputProblem | undefined {
  if (typeof value !== "string") return problem("oneLine");
  const text = field.type === "long_text" ? value : value.trim();
  if (field.type !== "long_text" && !isOneLine(text)) return problem("oneLine");
  if (field.type === "email" && !isEmail(text.toLowerCase())) return problem("email");
  if (field.type === "url" && !isHttpUrl(text)) return problem("url");
  if (field.type === "phone" && !isPhone(text)) return problem("phone");
  const length = charLength(text);
  if (field.min_length !== undefined && length < field.min_length) return problem("minLength", { count: field.min_length });
  if (field.max_length !== undefined && length > field.max_length) return problem("maxLength", { count: field.max_length });
  return undefined;
}

function checkNumber(field: FieldDefinition, value: unknown): FieldInputProblem | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return problem("number");
  if (field.type === "integer") {
    if (!Number.isSafeInteger(value)) return problem("integer");
  } else {
    const decimals = checkDecimals(field, value);
    if (decimals) return decimals;
  }
  return checkBounds(field, value);
}

function checkDecimals(field: FieldDefinition, value: number): FieldInputProblem | undefined {
  const { precision, scale } = decimalShape(field);
  if (decimalPlaces(value) > scale) return problem("scale", { count: scale });
  if (Math.abs(value) >= 10 ** (precision - scale)) return problem("digits", { count: precision - scale });
  return undefined;
}

function checkMoney(field: FieldDefinition, value: unknown): FieldInputProblem | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return problem("number");
  const { amount, currency } = value as Partial<Money>;
  if (typeof currency !== "string" || !CURRENCY_CODE_PATTERN.test(currency)) return problem("currency");
  if (field.currencies && !field.currencies.includes(currency)) return problem("currency");
  if (typeof amount !== "number" || !Number.isFinite(amount)) return problem("number");
  return checkDecimals(field, amount) ?? checkBounds(field, amount);
}

function checkChoices(field: FieldDefinition, value: unknown): FieldInputProblem | undefined {
  const options = optionValues(field);
  if (!Array.isArray(value) || value.some((choice) => typeof choice !== "string" || !options.includes(choice))) {
    return problem("option");
  }
  if (field.min_length !== undefined && value.length < field.min_length)
    return problem("minChoices", { count: field.min_length });
  if (field.max_length !== undefined && value.length > field.max_length)
    return problem("maxChoices", { count: field.max_length });
  return undefined;
}

/** min/max as stored on the field (numbers, or ISO text for dates; date-times compared in their canonical form). */
function checkBounds<T extends number | string>(
  field: FieldDefinition,
  value: T,
  normalize: (bound: unknown) => unknown = (bound) => bound,
): FieldInputProblem | undefined {
  const min = field.min === undefined ? undefined : normalize(field.min);
  const max = field.max === undefined ? undefined : normalize(field.max);
  if (min !== undefined && typeof min === typeof value && value < (min as T)) return problem("min", { min: String(field.min) });
  if (max !== undefined && typeof max === typeof value && value > (max as T)) return problem("max", { max: String(field.max) });
  return undefined;
}

/** Options in the field's order: how a multi select is stored. */
export function sortChoices(field: FieldDefinition, choices: readonly string[]): string[] {
  const order = optionValues(field);
  return [...new Set(choices)].filter((choice) => order.includes(choice)).sort((a, b) => order.indexOf(a) - order.indexOf(b));
}
