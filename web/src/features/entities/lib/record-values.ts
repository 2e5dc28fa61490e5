import type { FieldDefinition, Json } from "@flexoffice/shared";
import { isEmptyValue } from "../../../components/fields/index.ts";
import type { EntityData } from "../api/entity-query.ts";

/**
 * Between what the database stores and what the form holds. The form keeps one value per
 * field key in the stored form (FieldInput speaks it); these functions decide what a save
 * sends: on create only the filled fields (the rest take their defaults), on edit only what
 * changed, with `null` to clear.
 */

export type FormValues = Record<string, unknown>;

/** "No value" as the database stores it (an absent key); a JSON field's "" and [] are values, money needs an amount. */
export function isBlank(field: FieldDefinition, value: unknown): boolean {
  if (field.type === "json") return value === null || value === undefined;
  if (field.type === "currency" && value && typeof value === "object") {
    const amount = (value as { amount?: unknown }).amount;
    return amount === null || amount === undefined || amount === "";
  }
  return isEmptyValue(value);
}

/** Key order must not make two equal values look different (currency objects, JSON). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** Whether two values of a field mean the same thing (all empties are equal). */
export function sameValue(field: FieldDefinition, a: unknown, b: unknown): boolean {
  const emptyA = isBlank(field, a);
  const emptyB = isBlank(field, b);
  if (emptyA || emptyB) return emptyA && emptyB;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/**
 * The form's starting values: an entity's values, or for a new one each field's literal
 * default (copied; so people see what they will get), `null` for nothing. `now` and
 * `current_user` defaults are left empty: the database fills them in.
 */
export function initialFormValues(fields: readonly FieldDefinition[], data: EntityData | null): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    if (data) values[field.key] = data[field.key] ?? null;
    else values[field.key] = field.default?.kind === "literal" ? structuredClone(field.default.value) : null;
  }
  return values;
}

/** Text is sent trimmed the way the database stores it; other values as they are. */
function toJson(field: FieldDefinition, value: unknown): Json {
  if (typeof value === "string" && field.type !== "long_text") return value.trim();
  return value as Json;
}

/** What create_entity gets: every filled field the member may write; empty fields are left to their defaults. */
export function createPayload(
  fields: readonly FieldDefinition[],
  values: FormValues,
  writable: (key: string) => boolean,
): EntityData {
  const data: EntityData = {};
  for (const field of fields) {
    const value = values[field.key];
    if (!writable(field.key) || isBlank(field, value)) continue;
    data[field.key] = toJson(field, value);
  }
  return data;
}

/** What update_entity gets: the writable fields whose value differs from the version edited (null clears). */
export function updatePatch(
  fields: readonly FieldDefinition[],
  values: FormValues,
  base: EntityData,
  writable: (key: string) => boolean,
): EntityData {
  const patch: EntityData = {};
  for (const field of fields) {
    if (!writable(field.key)) continue;
    const value = values[field.key];
    if (sameValue(field, value, base[field.key])) continue;
    patch[field.key] = isBlank(field, value) ? null : toJson(field, value);
  }
  return patch;
}

export type ConflictMerge = {
  /** The form's values after taking the newer version: the person's own edits win. */
  values: FormValues;
  /** Fields someone else changed meanwhile. */
  theirs: string[];
  /** Fields this person changed and keeps (may overlap with `theirs`). */
  yours: string[];
};

/**
 * After a stale-version refusal: start from the newer version, keep what this person typed.
 * They see which fields the other person changed and save again over the new version.
 */
export function mergeAfterConflict(
  fields: readonly FieldDefinition[],
  values: FormValues,
  edited: EntityData,
  latest: EntityData,
): ConflictMerge {
  const merged: FormValues = {};
  const theirs: string[] = [];
  const yours: string[] = [];
  for (const field of fields) {
    const mine = !sameValue(field, values[field.key], edited[field.key]);
    const changed = !sameValue(field, edited[field.key], latest[field.key]);
    if (mine) yours.push(field.key);
    if (changed) theirs.push(field.key);
    merged[field.key] = mine ? values[field.key] : (latest[field.key] ?? null);
  }
  return { values: merged, theirs, yours };
}
