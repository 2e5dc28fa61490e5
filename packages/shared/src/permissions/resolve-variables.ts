import type { EffectiveFieldType, FieldDefinition } from "../blueprints/field-types.ts";
import { normalizeInstant } from "../blueprints/field-values.ts";
import { type ReferencedFields, resolveFieldPath } from "../filters/field-path.ts";
import type { Filter, FilterCondition } from "../filters/filter.schema.ts";
import { expectScalar } from "../filters/filter-values.ts";
import { isFilterVariable, looksLikeVariable, type VariableName } from "../filters/filter-variables.ts";
import { storedPresetValue } from "./presets.ts";

/**
 * Variables resolved for one caller (docs/permissions.md, "Variables"). A rule filter
 * becomes a concrete filter of the ordinary language, so `matchesFilter` decides it
 * exactly as it decides a list's filter: a condition whose variable has no value for the
 * caller, or a value of a JSON type the field does not compare with, becomes constant
 * false; constants are
 * folded away (`not` of false is true), leaving either a plain filter (of the same shape
 * as the rule, less the folded items) or a constant.
 */

/** Who is asking, as the database knows them per request. */
export type CallerContext = {
  /** The caller's user id (lowercase uuid); null when unknown. */
  userId: string | null;
  /** The caller's email; compared lowercased. */
  email: string | null;
  /** Keys of the caller's roles in the tenant (`user.roles`). */
  roleKeys: readonly string[];
  /** The caller's member attributes (`member.<key>`): strings, numbers or booleans count. */
  attributes: Readonly<Record<string, unknown>>;
  /** The current instant: a `Date` or an ISO 8601 instant with a zone. */
  now: Date | string;
  /** The tenant's IANA time zone, for `now` on a date field. */
  timezone: string;
};

/** A rule filter resolved for a caller: a plain filter, or `true` (every row) / `false` (no row). */
export type ResolvedRule = Filter | boolean;

/** The current instant in the stored datetime form (UTC, 6 decimals). */
export function nowInstant(caller: Pick<CallerContext, "now">): string {
  const raw = caller.now instanceof Date ? caller.now.toISOString() : caller.now;
  const instant = normalizeInstant(raw);
  if (instant === undefined) throw new Error(`caller.now is not an ISO 8601 instant: ${JSON.stringify(raw)}`);
  return instant;
}

/** Today's date `YYYY-MM-DD` in `timezone` at `now`: what `now` means on a date field. */
export function todayIn(timezone: string, now: Date | string): string {
  const instant = nowInstant({ now });
  const date = new Date(`${instant.slice(0, 23)}Z`);
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year").padStart(4, "0")}-${part("month")}-${part("day")}`;
}

/**
 * The raw value of a variable for the caller and a field of `type`, or undefined when it
 * has none. Empty strings, nulls and attributes that are not a string, number or boolean
 * have no value (the database never stores an empty value either).
 */
export function variableValue(name: VariableName, type: EffectiveFieldType, caller: CallerContext): unknown {
  const present = (value: unknown) => (value === null || value === "" ? undefined : value);
  switch (name) {
    case "user.id":
      return present(caller.userId);
    case "user.email":
      return present(caller.email?.toLowerCase() ?? null);
    case "user.roles":
      return caller.roleKeys;
    case "now":
      return type === "date" ? todayIn(caller.timezone, caller.now) : nowInstant(caller);
    default: {
      const key = name.slice("member.".length);
      const value = Object.hasOwn(caller.attributes, key) ? caller.attributes[key] : undefined;
      const scalar =
        typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value));
      return scalar ? present(value) : undefined;
    }
  }
}

/**
 * Whether a variable's value has the JSON type the field compares with: a number for
 * number, integer and currency (its amount), a boolean for boolean, a string otherwise.
 * A value of the right type is compared as it is (an attribute "north" on a select
 * without that option is simply not equal to any value).
 */
export function fitsType(type: EffectiveFieldType, value: unknown): boolean {
  switch (type) {
    case "number":
    case "integer":
    case "currency":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    default:
      return typeof value === "string";
  }
}

function resolveCondition(
  condition: FilterCondition,
  fields: readonly FieldDefinition[],
  caller: CallerContext,
  referenced?: ReferencedFields,
): ResolvedRule {
  if (!looksLikeVariable(condition.value)) return condition;
  if (!isFilterVariable(condition.value)) throw new Error(`not a variable: ${JSON.stringify(condition.value)}`);
  const field = resolveFieldPath(condition.field, fields, referenced);
  if (!field) throw new Error(`unknown field ${JSON.stringify(condition.field)}`);
  const name = condition.value.var;
  const value = variableValue(name, field.type, caller);
  if (value === undefined) return false;
  if (name === "user.roles") {
    // Role keys that do not fit the field (not one of its options) could never match: they are left out.
    const fitting = (value as readonly string[]).filter((key) => expectScalar(field, key) === undefined);
    return fitting.length === 0 ? false : { field: condition.field, op: condition.op, value: fitting };
  }
  if (!fitsType(field.type, value)) return false;
  return { field: condition.field, op: condition.op, value };
}

/**
 * `filter` with its variables replaced by the caller's values, constants folded: `true`
 * when it holds for every row, `false` for none, otherwise a filter without variables
 * for `matchesFilter`. Expects a filter that passed `validateFilter(…, { variables: true })`.
 */
export function resolveRuleFilter(
  filter: Filter,
  fields: readonly FieldDefinition[],
  caller: CallerContext,
  referenced?: ReferencedFields,
): ResolvedRule {
  if ("and" in filter || "or" in filter) {
    const isAnd = "and" in filter;
    const items = isAnd ? filter.and : filter.or;
    const kept: Filter[] = [];
    for (const item of items) {
      const resolved = resolveRuleFilter(item, fields, caller, referenced);
      // false ends an and, true ends an or; the neutral constant is dropped.
      if (resolved === !isAnd) return !isAnd;
      if (resolved !== isAnd) kept.push(resolved as Filter);
    }
    if (kept.length === 0) return isAnd;
    return isAnd ? { and: kept } : { or: kept };
  }
  if ("not" in filter) {
    const inner = resolveRuleFilter(filter.not, fields, caller, referenced);
    return typeof inner === "boolean" ? !inner : { not: inner };
  }
  return resolveCondition(filter, fields, caller, referenced);
}

/**
 * The value a preset writes for the caller: the literal as saved (stored form), or the
 * variable's value in stored form; null (the field left empty, without its default)
 * when the variable has no value for the caller.
 */
export function resolvePreset(field: FieldDefinition, preset: unknown, caller: CallerContext): unknown {
  if (!looksLikeVariable(preset)) return preset;
  if (!isFilterVariable(preset)) throw new Error(`not a variable: ${JSON.stringify(preset)}`);
  const value = variableValue(preset.var, field.type, caller);
  return value === undefined ? null : storedPresetValue(field, value);
}
