import type { FieldDefinition } from "../blueprints/field-types.ts";
import { isSystemField } from "../blueprints/field-types.ts";
import { type Comparable, compareText, compareValues, operandComparable, storedComparable } from "./compare-values.ts";
import { type ReferencedFields, type ResolvedField, resolveFieldPath } from "./field-path.ts";
import { DEFAULT_SORT, type Filter, type FilterCondition, type Sort } from "./filter.schema.ts";

/**
 * The reference evaluator: what the database's compiled filter and sort select, written
 * plainly so property tests can compare it with the API. It follows docs/entities.md:
 * two-valued logic where a condition on an empty value is false (`neq` included) and
 * `not` negates the whole condition; `contains`/`starts_with` compare `toLowerCase()`d
 * strings; text orders by code point, i.e. SQL `COLLATE "C"` byte order; datetimes
 * compare as canonical UTC text; numbers and currency amounts numerically.
 * Filters are expected to have passed `validateFilter`; a malformed one throws.
 */

/** An entity as the API returns it, with `data` in the stored canonical form. */
export type FilterEntity = {
  id: string;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  version: number;
  data: Record<string, unknown>;
};

export type EvaluationContext<E extends FilterEntity = FilterEntity> = {
  /** Fields of the entities' blueprint. */
  fields: readonly FieldDefinition[];
  /** Fields of the blueprint behind a reference field, for `ref.field` paths. */
  referencedFields?: ReferencedFields;
  /** The live entity a reference field points to; undefined reads as empty. */
  resolve?: (referenceKey: string, entityId: string) => E | undefined;
};

function resolveOrThrow(path: string, ctx: EvaluationContext): ResolvedField {
  const field = resolveFieldPath(path, ctx.fields, ctx.referencedFields);
  if (!field) throw new Error(`unknown field ${JSON.stringify(path)}`);
  return field;
}

/** Own properties only, so a key such as `constructor` never reads the prototype. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function rawValue(field: ResolvedField, entity: FilterEntity, ctx: EvaluationContext): unknown {
  let holder: FilterEntity | undefined = entity;
  if (field.via !== undefined) {
    const id = own(entity.data, field.via);
    holder = typeof id === "string" ? ctx.resolve?.(field.via, id) : undefined;
  }
  if (!holder) return undefined;
  return isSystemField(field.key) ? holder[field.key] : own(holder.data, field.key);
}

function readValue(field: ResolvedField, entity: FilterEntity, ctx: EvaluationContext): Comparable | undefined {
  return storedComparable(field.type, rawValue(field, entity, ctx));
}

function matchesCondition(condition: FilterCondition, entity: FilterEntity, ctx: EvaluationContext): boolean {
  const field = resolveOrThrow(condition.field, ctx);
  const stored = readValue(field, entity, ctx);
  const { op, value } = condition;
  if (op === "is_null") return (stored === undefined) === (value === true);
  if (stored === undefined) return false;
  if (Array.isArray(stored)) {
    // multi_select: contains = has the option, in = has any of them.
    if (op === "contains") return stored.includes(value as string);
    if (op === "in") return (value as unknown[]).some((option) => stored.includes(option as string));
    throw new Error(`${op} does not apply to ${field.path}`);
  }
  const operand = (raw: unknown) => operandComparable(field.type, raw);
  const order = (raw: unknown) => compareValues(stored as Comparable, operand(raw));
  switch (op) {
    case "eq":
      return order(value) === 0;
    case "neq":
      return order(value) !== 0;
    case "lt":
      return order(value) < 0;
    case "lte":
      return order(value) <= 0;
    case "gt":
      return order(value) > 0;
    case "gte":
      return order(value) >= 0;
    case "between": {
      const [low, high] = value as [unknown, unknown];
      return order(low) >= 0 && order(high) <= 0;
    }
    case "in":
      return (value as unknown[]).some((item) => order(item) === 0);
    case "contains":
      return String(stored).toLowerCase().includes(String(value).toLowerCase());
    case "starts_with":
      return String(stored).toLowerCase().startsWith(String(value).toLowerCase());
  }
}

/** Whether `entity` is selected by `filter`, as the database would decide. */
export function matchesFilter<E extends FilterEntity>(filter: Filter, entity: E, ctx: EvaluationContext<E>): boolean {
  if ("and" in filter) return filter.and.every((item) => matchesFilter(item, entity, ctx));
  if ("or" in filter) return filter.or.some((item) => matchesFilter(item, entity, ctx));
  if ("not" in filter) return !matchesFilter(filter.not, entity, ctx);
  return matchesCondition(filter, entity, ctx as EvaluationContext);
}

/**
 * `entities` in the order the database returns them for `sort` (default `created_at
 * desc`): empty values last in both directions, then the entity id as the final
 * tie-breaker, in the direction of the last key (so the default order is one index scan).
 * Text orders by code point, which is SQL's `COLLATE "C"`. Returns a new array.
 */
export function sortEntities<E extends FilterEntity>(
  entities: readonly E[],
  sort: Sort | undefined,
  ctx: EvaluationContext<E>,
): E[] {
  const keys = (sort ?? DEFAULT_SORT).map((key) => ({
    field: resolveOrThrow(key.field, ctx as EvaluationContext),
    descending: key.direction === "desc",
  }));
  const rows = entities.map((entity) => ({
    entity,
    values: keys.map((key) => readValue(key.field, entity, ctx as EvaluationContext)),
  }));
  rows.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.values[i];
      const y = b.values[i];
      if (x === undefined || y === undefined) {
        if (x !== y) return x === undefined ? 1 : -1;
        continue;
      }
      const order = compareValues(x, y);
      if (order !== 0) return keys[i]?.descending ? -order : order;
    }
    const byId = compareText(a.entity.id, b.entity.id);
    return keys.at(-1)?.descending ? -byId : byId;
  });
  return rows.map((row) => row.entity);
}
