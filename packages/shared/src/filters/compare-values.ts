import type { EffectiveFieldType } from "../blueprints/field-types.ts";
import { CANONICAL_DATETIME_PATTERN, normalizeInstant } from "../blueprints/field-values.ts";

/**
 * Comparable forms of stored values and filter operands, for the reference evaluator.
 * Text, dates, datetimes and ids compare as strings, numbers and currency amounts
 * numerically, booleans false < true (as in SQL).
 */

export type Comparable = string | number | boolean | readonly string[];

/**
 * Orders strings by Unicode code point, which is the UTF-8 byte order Postgres uses for
 * `COLLATE "C"`. It equals JavaScript's `<` (UTF-16 code units) except when a character
 * beyond U+FFFF meets one in U+E000–U+FFFF, where code units would disagree with SQL.
 */
export function compareText(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xSurrogate = x >= 0xd800 && x <= 0xdfff;
    const ySurrogate = y >= 0xd800 && y <= 0xdfff;
    if (xSurrogate !== ySurrogate) return xSurrogate ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Orders two comparable values of the same field type; mixing kinds is a bug, so it throws. */
export function compareValues(a: Comparable, b: Comparable): number {
  if (typeof a === "string" && typeof b === "string") return compareText(a, b);
  if (typeof a === "number" && typeof b === "number") return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  throw new Error(`cannot compare ${typeof a} with ${typeof b}`);
}

const isString = (value: unknown): value is string => typeof value === "string";

/**
 * The comparable form of a value read from an entity, or undefined when it is empty.
 * Empty is what the database never stores (it drops the key on write): absent, null,
 * `""` and a `multi_select` with no choice. A value whose
 * JSON type does not fit the field (left over from an older blueprint version) is treated
 * as empty rather than guessed at. Datetimes not in canonical form (PostgREST prints
 * `+00:00` and trims zeros) are normalised first.
 */
export function storedComparable(type: EffectiveFieldType, raw: unknown): Comparable | undefined {
  if (raw === null || raw === undefined) return undefined;
  switch (type) {
    case "number":
    case "integer":
      return typeof raw === "number" && Number.isFinite(raw) ? raw : undefined;
    case "currency": {
      const amount = typeof raw === "object" ? (raw as { amount?: unknown }).amount : undefined;
      return typeof amount === "number" && Number.isFinite(amount) ? amount : undefined;
    }
    case "boolean":
      return typeof raw === "boolean" ? raw : undefined;
    case "datetime":
      if (!isString(raw)) return undefined;
      return CANONICAL_DATETIME_PATTERN.test(raw) ? raw : normalizeInstant(raw);
    case "multi_select":
      return Array.isArray(raw) && raw.length > 0 && raw.every(isString) ? raw : undefined;
    case "json":
      return true;
    default:
      return isString(raw) && raw !== "" ? raw : undefined;
  }
}

/** The comparable form of one operand of a condition: datetimes become canonical UTC. */
export function operandComparable(type: EffectiveFieldType, value: unknown): Comparable {
  if (type === "datetime") {
    const instant = normalizeInstant(value);
    if (instant === undefined) throw new Error(`not an ISO 8601 instant: ${JSON.stringify(value)}`);
    return instant;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  throw new Error(`not a scalar filter value: ${JSON.stringify(value)}`);
}
