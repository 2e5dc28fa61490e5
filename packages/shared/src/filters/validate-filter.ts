import { type FieldDefinition, SYSTEM_FIELDS } from "../blueprints/field-types.ts";
import { type ReferencedFields, type ResolvedField, resolveFieldPath } from "./field-path.ts";
import { FILTER_LIMITS, FILTER_OPERATORS, type FilterOperator, SORT_DIRECTIONS } from "./filter.schema.ts";
import { checkConditionValue, describeField } from "./filter-values.ts";
import { checkConditionVariable, looksLikeVariable, nestedVariableProblem } from "./filter-variables.ts";
import { isSortable, listWords, OPERATORS_BY_TYPE, UNSORTABLE_TYPES } from "./operators.ts";

/**
 * Checks a filter or sort against a blueprint before it is sent, with the rule names the
 * API uses in `FOVAL` details, so a filter builder can point at the broken node instead
 * of showing a failed request.
 */

/** `unknown_variable` and `variable_type` only arise for rule filters (`{ variables: true }`). */
export const FILTER_RULES = [
  "shape",
  "unknown_field",
  "operator",
  "value",
  "depth",
  "size",
  "list_size",
  "text_length",
  "unknown_variable",
  "variable_type",
] as const;
export type FilterRule = (typeof FILTER_RULES)[number];

export type FilterValidationOptions = {
  /**
   * Accept `{"var": name}` as a condition's value and type-check it against the
   * Variables table of docs/permissions.md: row rules and validations of grants. Lists
   * and guards leave this off, so a variable there is refused as a bad value.
   */
  variables?: boolean;
};

/** `path` is a dot path to the node at fault: `filter`, `filter.and.0.or.1`, `sort.0`. */
export type FilterIssue = { path: string; rule: FilterRule; message: string };

const CONDITION_KEYS = new Set(["field", "op", "value"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Field names are echoed in messages; a hostile one is cut short, never executed or parsed. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 77)}…` : name);
}

function unknownField(name: string, fields: readonly FieldDefinition[]): string {
  if (name.includes(".")) {
    return `${quoted(name)} is not <reference field>.<field> of this blueprint (one level into a reference field only)`;
  }
  const keys = fields.map((field) => field.key);
  const shown = keys.length > 20 ? [...keys.slice(0, 20), "…"] : keys;
  const system = Object.keys(SYSTEM_FIELDS).join(", ");
  return `${quoted(name)} is not a field of this blueprint: use one of ${shown.join(", ")}, a system field (${system}) or <reference field>.<field>`;
}

/**
 * All problems of `filter` for a blueprint with `fields`; empty when the database would
 * accept it. `referenced` gives the fields behind a reference field, for `ref.field` paths.
 */
export function validateFilter(
  filter: unknown,
  fields: readonly FieldDefinition[],
  referenced?: ReferencedFields,
  options: FilterValidationOptions = {},
): FilterIssue[] {
  const issues: FilterIssue[] = [];
  let conditions = 0;

  const checkCondition = (node: Record<string, unknown>, path: string): void => {
    const extra = Object.keys(node).filter((key) => !CONDITION_KEYS.has(key));
    const { field: name, op } = node;
    if (extra.length > 0 || typeof name !== "string" || typeof op !== "string") {
      issues.push({ path, rule: "shape", message: "a condition is {field, op, value} with a field name and an operator" });
      return;
    }
    const field = resolveFieldPath(name, fields, referenced);
    if (!field) {
      issues.push({ path, rule: "unknown_field", message: unknownField(name, fields) });
      return;
    }
    const allowed = OPERATORS_BY_TYPE[field.type];
    if (!(FILTER_OPERATORS as readonly string[]).includes(op) || !allowed.includes(op as FilterOperator)) {
      issues.push({ path, rule: "operator", message: describeField(field, allowed) });
      return;
    }
    const problem =
      options.variables && looksLikeVariable(node.value)
        ? checkConditionVariable(field, op as FilterOperator, node.value)
        : ((options.variables ? nestedVariableProblem(node.value) : undefined) ??
          checkConditionValue(field, op as FilterOperator, node.value));
    if (problem) issues.push({ path, ...problem });
  };

  const walk = (node: unknown, path: string, depth: number): void => {
    if (depth > FILTER_LIMITS.maxDepth) {
      issues.push({ path, rule: "depth", message: `a filter nests at most ${FILTER_LIMITS.maxDepth} levels deep` });
      return;
    }
    if (!isRecord(node)) {
      issues.push({ path, rule: "shape", message: "a filter is {and: […]}, {or: […]}, {not: …} or {field, op, value}" });
      return;
    }
    const keys = Object.keys(node);
    const only = keys.length === 1 ? keys[0] : undefined;
    if (only === "and" || only === "or") {
      const items = node[only];
      if (!Array.isArray(items)) {
        issues.push({ path, rule: "shape", message: `${only} takes a list of filters` });
        return;
      }
      if (items.length === 0 || items.length > FILTER_LIMITS.maxGroupItems) {
        const message = `${only} takes 1 to ${FILTER_LIMITS.maxGroupItems} filters (got ${items.length})`;
        issues.push({ path, rule: "size", message });
      }
      items.forEach((item, index) => {
        walk(item, `${path}.${only}.${index}`, depth + 1);
      });
      return;
    }
    if (only === "not") {
      walk(node.not, `${path}.not`, depth + 1);
      return;
    }
    if ("field" in node || "op" in node) {
      conditions += 1;
      checkCondition(node, path);
      return;
    }
    issues.push({ path, rule: "shape", message: "a filter is {and: […]}, {or: […]}, {not: …} or {field, op, value}" });
  };

  walk(filter, "filter", 1);
  if (conditions > FILTER_LIMITS.maxConditions) {
    const message = `a filter has at most ${FILTER_LIMITS.maxConditions} conditions (got ${conditions})`;
    issues.push({ path: "filter", rule: "size", message });
  }
  return issues;
}

/** Problems of a sort: 1-5 `{field, direction}` keys over fields that have an order. */
export function validateSort(sort: unknown, fields: readonly FieldDefinition[], referenced?: ReferencedFields): FilterIssue[] {
  if (!Array.isArray(sort)) return [{ path: "sort", rule: "shape", message: "a sort is a list of {field, direction}" }];
  const issues: FilterIssue[] = [];
  if (sort.length === 0 || sort.length > FILTER_LIMITS.maxSortKeys) {
    issues.push({
      path: "sort",
      rule: "size",
      message: `a sort has 1 to ${FILTER_LIMITS.maxSortKeys} keys (got ${sort.length})`,
    });
  }
  sort.forEach((key: unknown, index) => {
    const path = `sort.${index}`;
    const valid =
      isRecord(key) &&
      Object.keys(key).every((name) => name === "field" || name === "direction") &&
      typeof key.field === "string" &&
      (SORT_DIRECTIONS as readonly unknown[]).includes(key.direction);
    if (!valid) {
      issues.push({ path, rule: "shape", message: 'a sort key is {field, direction} with direction "asc" or "desc"' });
      return;
    }
    const field: ResolvedField | undefined = resolveFieldPath(key.field as string, fields, referenced);
    if (!field) {
      issues.push({ path, rule: "unknown_field", message: unknownField(key.field as string, fields) });
    } else if (!isSortable(field.type)) {
      const message = `"${field.path}" cannot be sorted by: ${listWords(UNSORTABLE_TYPES.map(String))} fields have no order`;
      issues.push({ path, rule: "operator", message });
    }
  });
  return issues;
}
