import {
  type EffectiveFieldType,
  type Filter,
  type FilterCondition,
  isFilterVariable,
  SYSTEM_FIELDS,
  type VariableName,
} from "@flexoffice/shared";
import type { TFunction } from "i18next";
import type { BuilderField, UiOperator } from "./filter-tree.ts";
import { valueShape } from "./filter-tree.ts";

/**
 * One line of words for a filter ("Status is Delivered and Driver is me"), for chips, row
 * rule summaries and confirmations. Uses the shared catalogue's `filterBuilder` group, so
 * pass the `t` of `useTranslation()` (default namespace).
 */

type DescribeVariable = { name: VariableName; label: string };

const DATE_TYPES: readonly EffectiveFieldType[] = ["date", "datetime"];
const TEXT_ORDER_TYPES: readonly EffectiveFieldType[] = ["text", "email", "url", "phone"];
const ORDER_OPERATORS: readonly UiOperator[] = ["lt", "lte", "gt", "gte"];
const MULTI_OPERATORS: readonly UiOperator[] = ["contains", "not_contains", "in", "not_in"];

/** The words for a comparison on a field of `type` ("is before" for dates, "includes" for multi selects). */
export function operatorLabel(t: TFunction, operator: UiOperator, type: EffectiveFieldType): string {
  if (ORDER_OPERATORS.includes(operator) && DATE_TYPES.includes(type)) {
    return t(`filterBuilder.dateOperators.${operator as "lt"}`);
  }
  if (ORDER_OPERATORS.includes(operator) && TEXT_ORDER_TYPES.includes(type)) {
    return t(`filterBuilder.textOperators.${operator as "lt"}`);
  }
  if (MULTI_OPERATORS.includes(operator) && type === "multi_select") {
    return t(`filterBuilder.multiOperators.${operator as "contains"}`);
  }
  return t(`filterBuilder.operators.${operator}`);
}

/** How a variable reads in a sentence: the caller's label if given, else the catalogue's words. */
export function variableLabel(t: TFunction, name: VariableName, variables?: readonly DescribeVariable[]): string {
  const given = variables?.find((variable) => variable.name === name);
  if (given) return given.label;
  switch (name) {
    case "user.id":
      return t("filterBuilder.variables.userId");
    case "user.email":
      return t("filterBuilder.variables.userEmail");
    case "user.roles":
      return t("filterBuilder.variables.userRoles");
    case "now":
      return t("filterBuilder.variables.now");
    default:
      return t("filterBuilder.variables.member", { key: name.slice("member.".length) });
  }
}

function scalarText(t: TFunction, value: unknown, field: BuilderField | undefined, type: EffectiveFieldType): string {
  if (typeof value === "boolean") return value ? t("filterBuilder.yes") : t("filterBuilder.no");
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") return JSON.stringify(value) ?? "";
  const option = field?.options?.find((candidate) => candidate.value === value);
  if (option) return option.label;
  if (type === "datetime") {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) {
      return new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(date);
    }
  }
  if (type === "date" || type === "member" || type === "reference" || type === "id") return value;
  return t("filterBuilder.describe.quoted", { value });
}

function listText(t: TFunction, items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return t("filterBuilder.describe.list", { items: items.slice(0, -1).join(", "), last: items.at(-1) });
}

function uiOperatorOf(condition: FilterCondition, negate: boolean): UiOperator {
  if (condition.op === "is_null") return condition.value === false ? "is_not_empty" : "is_empty";
  return (negate ? `not_${condition.op}` : condition.op) as UiOperator;
}

function conditionText(
  t: TFunction,
  condition: FilterCondition,
  negate: boolean,
  byKey: Map<string, BuilderField>,
  variables?: readonly DescribeVariable[],
): string {
  const field = byKey.get(condition.field);
  const type: EffectiveFieldType = field?.type ?? SYSTEM_FIELDS[condition.field as keyof typeof SYSTEM_FIELDS] ?? "text";
  const operator = uiOperatorOf(condition, negate);
  const fieldName = field?.label ?? condition.field;
  const words = operatorLabel(t, operator, type);
  const shape = valueShape(operator);
  if (shape === "none") return t("filterBuilder.describe.conditionNoValue", { field: fieldName, operator: words });
  let value: string;
  if (isFilterVariable(condition.value)) value = variableLabel(t, condition.value.var, variables);
  else if (shape === "range" && Array.isArray(condition.value)) {
    value = t("filterBuilder.describe.range", {
      low: scalarText(t, condition.value[0], field, type),
      high: scalarText(t, condition.value[1], field, type),
    });
  } else if (shape === "list" && Array.isArray(condition.value)) {
    value = listText(
      t,
      condition.value.map((item) => scalarText(t, item, field, type)),
    );
  } else value = scalarText(t, condition.value, field, type);
  return t("filterBuilder.describe.condition", { field: fieldName, operator: words, value });
}

/**
 * "Status is Delivered and Driver is me": a filter as one line. Nested groups are put in
 * parentheses; `variables` gives the labels the caller shows for variables (optional).
 */
export function describeFilter(
  filter: Filter | null,
  fields: readonly BuilderField[],
  t: TFunction,
  variables?: readonly DescribeVariable[],
): string {
  if (!filter) return t("filterBuilder.describe.everything");
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const describe = (node: Filter, nested: boolean): string => {
    if ("and" in node || "or" in node) {
      const items = "and" in node ? node.and : node.or;
      const joiner = ` ${t("and" in node ? "filterBuilder.describe.and" : "filterBuilder.describe.or")} `;
      const text = items.map((item) => describe(item, true)).join(joiner);
      return nested && items.length > 1 ? t("filterBuilder.describe.group", { inner: text }) : text;
    }
    if ("not" in node) {
      const inner = node.not;
      if (
        !("and" in inner) &&
        !("or" in inner) &&
        !("not" in inner) &&
        ["between", "in", "contains", "starts_with"].includes(inner.op)
      ) {
        return conditionText(t, inner, true, byKey, variables);
      }
      return t("filterBuilder.describe.not", { inner: describe(inner, false) });
    }
    return conditionText(t, node, false, byKey, variables);
  };
  return describe(filter, false);
}
