import { checkLiteral } from "../blueprints/field-properties.ts";
import { FIELD_TYPE_LABELS, type FieldDefinition, type FieldType } from "../blueprints/field-types.ts";
import { isUuid, normalizeInstant } from "../blueprints/field-values.ts";
import {
  isVariableName,
  looksLikeVariable,
  type VariableKind,
  type VariableProblem,
  variableKind,
} from "../filters/filter-variables.ts";
import { listWords } from "../filters/operators.ts";

/**
 * Presets of a `create` grant (docs/permissions.md): values forced on the new entity,
 * either a literal or a variable resolved for the caller.
 */

/** Field types each variable can preset; `user.roles` (a list) presets nothing. */
export const PRESET_VARIABLE_TYPES: Record<VariableKind, readonly FieldType[]> = {
  "user.id": ["member"],
  "user.email": ["text", "email"],
  "user.roles": [],
  now: ["date", "datetime"],
  // Attributes are strings, numbers or booleans: the types whose values are plain ones.
  member: ["text", "email", "url", "phone", "long_text", "single_select", "status", "number", "integer", "boolean"],
};

/**
 * Why a literal preset is not a value `field` takes, or undefined when it is one. Any
 * input form the field accepts will do (surrounding spaces, email case, datetime
 * offsets, choice order), as for a default: the database saves the preset in the
 * stored form. Bounds, patterns and whether a referenced entity or member exists are
 * checked on the write, as for any value.
 */
export function checkPresetLiteral(field: FieldDefinition, value: unknown): string | undefined {
  if (value === null || value === undefined) return "needs a value";
  if (field.type === "reference" || field.type === "member") return isUuid(value) ? undefined : "is an id (a lowercase uuid)";
  return checkLiteral(field, value)?.replace(/^default /, "");
}

/** A number written as text, as the database's decimal parser reads it (spaces around it allowed). */
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?$/;

/**
 * The stored form of a value a preset variable writes, as any write stores its input:
 * text trimmed (nothing left: empty, so null), emails lowercased, a blank long text
 * empty, a number written as text a number, datetimes canonical UTC; other values as
 * they are. A value the field does not take is left as it is: the write refuses it like
 * any invalid value.
 */
export function storedPresetValue(field: FieldDefinition, value: unknown): unknown {
  if (typeof value !== "string") return value;
  switch (field.type) {
    case "text":
    case "url":
    case "phone":
      return value.trim() || null;
    case "email":
      return value.trim().toLowerCase() || null;
    case "long_text":
      return value.trim() === "" ? null : value;
    case "number":
    case "integer": {
      const text = value.replace(/^ +| +$/g, "");
      return DECIMAL_TEXT.test(text) ? Number(text) : value;
    }
    case "datetime":
      return normalizeInstant(value) ?? value;
    default:
      return value;
  }
}

/** The problem with a variable-shaped preset value for `field`. */
export function checkPresetVariable(field: FieldDefinition, value: Record<string, unknown>): VariableProblem | undefined {
  if (Object.keys(value).length !== 1) return { rule: "shape", message: 'a variable is {"var": name} and nothing else' };
  const name = value.var;
  if (!isVariableName(name)) {
    return { rule: "unknown_variable", message: "a variable is user.id, user.email, user.roles, now or member.<key>" };
  }
  const types = PRESET_VARIABLE_TYPES[variableKind(name)];
  if (types.includes(field.type)) return undefined;
  const takes = types.length === 0 ? "no field" : listWords(types.map(String));
  return {
    rule: "variable_type",
    message: `${name} presets ${takes}; "${field.key}" is ${FIELD_TYPE_LABELS[field.type]}`,
  };
}

export type PresetProblem = { rule: "shape" | "unknown_variable" | "variable_type" | "preset"; message: string };

/** The problem with one preset of a `create` grant, or undefined. */
export function checkPreset(field: FieldDefinition, value: unknown): PresetProblem | undefined {
  if (looksLikeVariable(value)) return checkPresetVariable(field, value);
  const problem = checkPresetLiteral(field, value);
  return problem === undefined ? undefined : { rule: "preset", message: `"${field.key}" preset ${problem}` };
}
