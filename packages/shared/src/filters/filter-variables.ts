import { z } from "zod";
import { type EffectiveFieldType, FIELD_TYPE_LABELS } from "../blueprints/field-types.ts";
import type { ResolvedField } from "./field-path.ts";
import type { FilterOperator } from "./filter.schema.ts";
import { listWords, OPERATORS_BY_TYPE } from "./operators.ts";

/**
 * Variables in row rules and validations (docs/permissions.md, "Variables"): a condition's
 * whole `value` may be `{"var": name}`, resolved per request from the caller. Ordinary
 * filters (lists, guards) never take them; `validateFilter` checks them only when called
 * with `{ variables: true }`.
 */

/** Member attribute keys, as `member.<key>` names them. */
export const MEMBER_ATTRIBUTE_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

export const USER_VARIABLES = ["user.id", "user.email", "user.roles", "now"] as const;
export type VariableName = (typeof USER_VARIABLES)[number] | `member.${string}`;

/** The row of the Variables table a name belongs to. */
export type VariableKind = (typeof USER_VARIABLES)[number] | "member";

export type FilterVariable = { var: VariableName };

/** Whether `name` is a variable of the table: one of the fixed names or `member.<key>`. */
export function isVariableName(name: unknown): name is VariableName {
  if (typeof name !== "string") return false;
  if ((USER_VARIABLES as readonly string[]).includes(name)) return true;
  return name.startsWith("member.") && MEMBER_ATTRIBUTE_KEY_PATTERN.test(name.slice("member.".length));
}

export function variableKind(name: VariableName): VariableKind {
  return name.startsWith("member.") ? "member" : (name as VariableKind);
}

export const VariableNameSchema = z.custom<VariableName>(isVariableName, {
  message: "a variable is user.id, user.email, user.roles, now or member.<key>",
});

export const FilterVariableSchema = z.strictObject({ var: VariableNameSchema });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Whether a value is written as a variable (an object with a `var` key), well formed or
 * not. No operator takes an object as a literal (currency filters take the amount), so
 * this never mistakes a literal for a variable.
 */
export function looksLikeVariable(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && Object.hasOwn(value, "var");
}

/** A well-formed variable with a known name. */
export function isFilterVariable(value: unknown): value is FilterVariable {
  return looksLikeVariable(value) && Object.keys(value).length === 1 && isVariableName(value.var);
}

type VariableRule = {
  /** Field types it compares with. */
  types: readonly EffectiveFieldType[];
  operators: readonly FilterOperator[];
  /** For messages: what the variable holds. */
  holds: string;
};

/**
 * Fields a member attribute (a string, number or boolean) compares with: those whose
 * values are plain text, numbers or booleans. Dates, instants and ids have their own
 * variables (`now`, `user.id`), so an attribute never has to be formatted as one.
 */
export const MEMBER_VARIABLE_TYPES: readonly EffectiveFieldType[] = [
  "text",
  "email",
  "url",
  "phone",
  "long_text",
  "single_select",
  "status",
  "multi_select",
  "number",
  "integer",
  "currency",
  "boolean",
];

/**
 * The Variables table of docs/permissions.md. `user.id` compares with member fields,
 * `created_by` and `updated_by` (all of type member); a member attribute with the
 * operators of the list that the field itself takes (so `multi_select` only `contains`).
 */
export const VARIABLE_RULES: Record<VariableKind, VariableRule> = {
  "user.id": { types: ["member"], operators: ["eq", "neq"], holds: "the caller's user id" },
  "user.email": { types: ["text", "email"], operators: ["eq", "neq", "contains", "starts_with"], holds: "the caller's email" },
  "user.roles": {
    types: ["text", "single_select", "status", "multi_select"],
    operators: ["in"],
    holds: "the keys of the caller's roles",
  },
  member: {
    types: MEMBER_VARIABLE_TYPES,
    operators: ["eq", "neq", "lt", "lte", "gt", "gte", "contains", "starts_with"],
    holds: "a member attribute",
  },
  now: { types: ["date", "datetime"], operators: ["eq", "neq", "lt", "lte", "gt", "gte"], holds: "the current time" },
};

export type VariableRuleName = "shape" | "unknown_variable" | "variable_type";
export type VariableProblem = { rule: VariableRuleName; message: string };

/** Whether a variable of `kind` may stand as the value of `op` on a field of `type`. */
export function variableFits(kind: VariableKind, type: EffectiveFieldType, op: FilterOperator): boolean {
  const rule = VARIABLE_RULES[kind];
  return rule.operators.includes(op) && OPERATORS_BY_TYPE[type].includes(op) && rule.types.includes(type);
}

/** Names are echoed in messages; a hostile one is cut short. */
function quoted(name: unknown): string {
  const text = typeof name === "string" ? name : (JSON.stringify(name) ?? String(name));
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}…` : text);
}

/** The problem with a variable-shaped value of a condition whose field and operator are already known to fit each other. */
export function checkConditionVariable(field: ResolvedField, op: FilterOperator, value: unknown): VariableProblem | undefined {
  if (!looksLikeVariable(value) || Object.keys(value).length !== 1) {
    return { rule: "shape", message: 'a variable is {"var": name} and nothing else' };
  }
  const name = value.var;
  if (!isVariableName(name)) {
    return {
      rule: "unknown_variable",
      message: `${quoted(name)} is not a variable: use user.id, user.email, user.roles, now or member.<key> (key: a-z, 0-9, _; 40 characters at most)`,
    };
  }
  const kind = variableKind(name);
  if (variableFits(kind, field.type, op)) return undefined;
  const rule = VARIABLE_RULES[kind];
  const types = listWords(rule.types.map(String));
  return {
    rule: "variable_type",
    message: `${name} (${rule.holds}) compares with ${types} using ${listWords(rule.operators)}; "${field.path}" is ${FIELD_TYPE_LABELS[field.type]} and ${op} was used`,
  };
}

/** Variables inside a list (`in`, `between`) are refused: a variable is a condition's whole value. */
export function nestedVariableProblem(value: unknown): VariableProblem | undefined {
  if (!Array.isArray(value) || !value.some(looksLikeVariable)) return undefined;
  return { rule: "variable_type", message: "a variable is the whole value of a condition, not an item of a list" };
}
