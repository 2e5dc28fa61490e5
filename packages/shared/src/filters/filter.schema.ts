import { z } from "zod";

/**
 * The filter language shared by lists, guards and row rules (docs/entities.md, "Filter
 * language"). The database compiles the same JSON with `private.compile_filter`; this
 * schema checks the shape and the limits that do not depend on a blueprint. Whether a
 * field exists and takes the operator and value is `validateFilter`'s job.
 */

export const FILTER_OPERATORS = [
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
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export const FilterOperatorSchema = z.enum(FILTER_OPERATORS);

/** Bounds that keep a compiled query cheap; the database refuses the same. */
export const FILTER_LIMITS = {
  /** Levels of nesting, counting every node: a lone condition is depth 1, `{not: condition}` depth 2. */
  maxDepth: 6,
  /** Conditions (leaves) in the whole filter. */
  maxConditions: 100,
  /** Items of one `and` / `or` list (and at least 1). */
  maxGroupItems: 50,
  /** Values of one `in` list (and at least 1). */
  maxInValues: 500,
  /** Characters of a `contains` / `starts_with` value (and at least 1). */
  maxTextLength: 200,
  /** Keys of a sort (and at least 1). */
  maxSortKeys: 5,
} as const;

export type FilterCondition = { field: string; op: FilterOperator; value?: unknown };
export type FilterAnd = { and: Filter[] };
export type FilterOr = { or: Filter[] };
export type FilterNot = { not: Filter };
export type Filter = FilterAnd | FilterOr | FilterNot | FilterCondition;

export const FilterConditionSchema = z.strictObject({
  field: z.string().min(1),
  op: FilterOperatorSchema,
  value: z.unknown().optional(),
});

const FilterNodeSchema: z.ZodType<Filter> = z.lazy(() =>
  z.union([
    z.strictObject({ and: z.array(FilterNodeSchema).min(1).max(FILTER_LIMITS.maxGroupItems) }),
    z.strictObject({ or: z.array(FilterNodeSchema).min(1).max(FILTER_LIMITS.maxGroupItems) }),
    z.strictObject({ not: FilterNodeSchema }),
    FilterConditionSchema,
  ]),
);

/** Depth (nodes on the longest path) and number of conditions of a filter. */
export function measureFilter(filter: Filter): { depth: number; conditions: number } {
  if ("and" in filter || "or" in filter) {
    const items = "and" in filter ? filter.and : filter.or;
    let depth = 0;
    let conditions = 0;
    for (const item of items) {
      const inner = measureFilter(item);
      depth = Math.max(depth, inner.depth);
      conditions += inner.conditions;
    }
    return { depth: depth + 1, conditions };
  }
  if ("not" in filter) {
    const inner = measureFilter(filter.not);
    return { depth: inner.depth + 1, conditions: inner.conditions };
  }
  return { depth: 1, conditions: 1 };
}

/** A filter of valid shape within the limits. Use `validateFilter` for field, operator and value checks. */
export const FilterSchema = FilterNodeSchema.superRefine((filter, ctx) => {
  const { depth, conditions } = measureFilter(filter);
  if (depth > FILTER_LIMITS.maxDepth) {
    ctx.addIssue({ code: "custom", message: `a filter nests at most ${FILTER_LIMITS.maxDepth} levels deep` });
  }
  if (conditions > FILTER_LIMITS.maxConditions) {
    ctx.addIssue({ code: "custom", message: `a filter has at most ${FILTER_LIMITS.maxConditions} conditions` });
  }
});

export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const SortKeySchema = z.strictObject({ field: z.string().min(1), direction: z.enum(SORT_DIRECTIONS) });
export type SortKey = z.infer<typeof SortKeySchema>;

/** 1-5 keys; empty values sort last either way and the entity id breaks ties. */
export const SortSchema = z.array(SortKeySchema).min(1).max(FILTER_LIMITS.maxSortKeys);
export type Sort = z.infer<typeof SortSchema>;

/** What a list uses when it names no sort. */
export const DEFAULT_SORT: Sort = [{ field: "created_at", direction: "desc" }];
