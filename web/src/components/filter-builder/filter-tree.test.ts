import { FILTER_LIMITS, type Filter } from "@flexoffice/shared";
import { describe, expect, test } from "vitest";
import {
  addCondition,
  addGroup,
  type BuilderField,
  buildFilter,
  canAddCondition,
  canAddGroup,
  checkDraft,
  conditionNumbers,
  type DraftCondition,
  type DraftGroup,
  draftFromFilter,
  emptyCondition,
  emptyRoot,
  operatorsFor,
  removeNode,
  textToValue,
  updateNode,
  variableFitsOperator,
  withField,
  withOperator,
} from "./filter-tree.ts";

const FIELDS: BuilderField[] = [
  { key: "title", label: "Title", type: "text" },
  { key: "weight", label: "Weight", type: "number" },
  { key: "count", label: "Count", type: "integer" },
  { key: "paid", label: "Paid", type: "boolean" },
  { key: "due", label: "Due", type: "date" },
  { key: "driver", label: "Driver", type: "member" },
  { key: "contact", label: "Contact", type: "email" },
  {
    key: "status",
    label: "Status",
    type: "status",
    options: [
      { value: "OPEN", label: "Open" },
      { value: "DONE", label: "Delivered" },
    ],
  },
  {
    key: "tags",
    label: "Tags",
    type: "multi_select",
    options: [
      { value: "red", label: "Red" },
      { value: "blue", label: "Blue" },
    ],
  },
  { key: "created_at", label: "Created", type: "datetime" },
];

function condition(patch: Partial<DraftCondition>): DraftCondition {
  return { ...emptyCondition(), ...patch };
}

function root(items: DraftGroup["items"], mode: DraftGroup["mode"] = "all"): DraftGroup {
  return { ...emptyRoot(), mode, items };
}

describe("round trip: filter -> draft -> filter", () => {
  test.each<{ name: string; filter: Filter }>([
    { name: "one condition", filter: { field: "title", op: "eq", value: "Box" } },
    {
      name: "and of two",
      filter: {
        and: [
          { field: "status", op: "eq", value: "DONE" },
          { field: "weight", op: "gt", value: 2.5 },
        ],
      },
    },
    {
      name: "or nested in and",
      filter: {
        and: [
          { field: "paid", op: "eq", value: true },
          {
            or: [
              { field: "due", op: "lt", value: "2026-01-31" },
              { field: "count", op: "between", value: [1, 3] },
            ],
          },
        ],
      },
    },
    { name: "not contains", filter: { not: { field: "title", op: "contains", value: "test" } } },
    {
      name: "not in, in a group",
      filter: { and: [{ not: { field: "status", op: "in", value: ["OPEN"] } }, { field: "paid", op: "eq", value: true }] },
    },
    {
      name: "none of",
      filter: {
        not: {
          or: [
            { field: "tags", op: "contains", value: "red" },
            { field: "title", op: "is_null", value: true },
          ],
        },
      },
    },
    { name: "is not empty", filter: { field: "title", op: "is_null", value: false } },
    { name: "in list", filter: { field: "count", op: "in", value: [1, 2, 3] } },
    { name: "variable", filter: { field: "driver", op: "eq", value: { var: "user.id" } } },
  ])("$name", ({ filter }) => {
    expect(buildFilter(draftFromFilter(filter, FIELDS), FIELDS).filter).toEqual(filter);
  });

  test("a negation with no own choice reads as 'not all of' one item, meaning the same", () => {
    const draft = draftFromFilter({ not: { field: "weight", op: "eq", value: 1 } }, FIELDS);
    expect(draft).toMatchObject({ kind: "group", mode: "not_all", items: [{ kind: "condition", operator: "eq" }] });
    expect(buildFilter(draft, FIELDS).filter).toEqual({ not: { and: [{ field: "weight", op: "eq", value: 1 }] } });
  });

  test("a root of one item is just that item", () => {
    const draft = root([condition({ field: "title", operator: "eq", text: "a" })], "any");
    expect(buildFilter(draft, FIELDS).filter).toEqual({ field: "title", op: "eq", value: "a" });
  });

  test("null is an empty root and builds back to null", () => {
    const draft = draftFromFilter(null, FIELDS);
    expect(draft.items).toEqual([]);
    expect(checkDraft(draft, FIELDS)).toMatchObject({ filter: null, valid: true });
  });
});

describe("checkDraft", () => {
  test.each([
    { name: "no field", item: condition({}), missing: "field" },
    { name: "no value", item: condition({ field: "title", operator: "eq" }), missing: "value" },
    { name: "blank value", item: condition({ field: "title", operator: "eq", text: "   " }), missing: "value" },
    { name: "half a range", item: condition({ field: "weight", operator: "between", low: "1" }), missing: "value" },
    { name: "empty list", item: condition({ field: "count", operator: "in", list: ["", " "] }), missing: "value" },
  ])("incomplete: $name", ({ item, missing }) => {
    const check = checkDraft(root([item]), FIELDS);
    expect(check.valid).toBe(false);
    expect(check.filter).toBeNull();
    expect(check.problems.get(item.id)).toEqual({ kind: "incomplete", missing });
  });

  test.each([
    { name: "option not offered", item: condition({ field: "status", operator: "eq", text: "LOST" }), rule: "value" },
    { name: "not a number", item: condition({ field: "weight", operator: "eq", text: "heavy" }), rule: "value" },
    { name: "fraction for an integer", item: condition({ field: "count", operator: "eq", text: "1.5" }), rule: "value" },
    { name: "id that is no uuid", item: condition({ field: "driver", operator: "eq", text: "bob" }), rule: "value" },
    {
      name: "text too long",
      item: condition({ field: "title", operator: "contains", text: "x".repeat(FILTER_LIMITS.maxTextLength + 1) }),
      rule: "text_length",
    },
    { name: "unknown field", item: condition({ field: "nope", operator: "eq", text: "x" }), rule: "unknown_field" },
  ])("refused by the shared validator: $name", ({ item, rule }) => {
    const check = checkDraft(root([condition({ field: "title", operator: "eq", text: "ok" }), item]), FIELDS);
    expect(check.valid).toBe(false);
    expect(check.problems.get(item.id)).toMatchObject({ kind: "rule", rule });
    expect(check.problems.size).toBe(1);
  });

  test("a problem deep in a negated group points at its condition", () => {
    const bad = condition({ field: "status", operator: "eq", text: "LOST" });
    const draft = root([
      condition({ field: "title", operator: "eq", text: "a" }),
      { kind: "group", id: "g-neg", mode: "none", items: [condition({ field: "paid", operator: "eq", text: "true" }), bad] },
    ]);
    expect(checkDraft(draft, FIELDS).problems.get(bad.id)).toMatchObject({ kind: "rule", rule: "value" });
  });

  test("variables are refused unless the builder offers them", () => {
    const item = condition({ field: "driver", operator: "eq", variable: "user.id" });
    expect(checkDraft(root([item]), FIELDS).problems.get(item.id)).toMatchObject({ rule: "value" });
    expect(checkDraft(root([item]), FIELDS, { variables: true })).toMatchObject({ valid: true });
  });

  test("a variable that does not fit the field is named", () => {
    const item = condition({ field: "title", operator: "eq", variable: "user.id" });
    expect(checkDraft(root([item]), FIELDS, { variables: true }).problems.get(item.id)).toMatchObject({ rule: "variable_type" });
  });

  test("emails compare in lower case, as stored", () => {
    const check = checkDraft(root([condition({ field: "contact", operator: "eq", text: " Ann@Example.com " })]), FIELDS);
    expect(check.filter).toEqual({ field: "contact", op: "eq", value: "ann@example.com" });
  });
});

describe("editing", () => {
  test("adding and removing conditions and groups", () => {
    let draft = emptyRoot();
    const first = addCondition(draft, draft.id);
    draft = first.root;
    const nested = addGroup(draft, draft.id);
    draft = nested.root;
    expect(draft.items).toHaveLength(2);
    expect(draft.items[1]).toMatchObject({ kind: "group", mode: "any", items: [{ id: nested.id }] });
    expect([...conditionNumbers(draft).entries()]).toEqual([
      [first.id, 1],
      [nested.id, 2],
    ]);
    draft = removeNode(draft, nested.id);
    expect(draft.items).toHaveLength(1);
    draft = removeNode(draft, first.id);
    expect(draft.items).toEqual([]);
  });

  test("choosing a field resets the comparison to the type's first and clears the values", () => {
    const item = condition({ field: "title", operator: "contains", text: "abc", variable: "user.email" });
    const status = FIELDS.find((field) => field.key === "status");
    expect(withField(item, status)).toMatchObject({ field: "status", operator: "eq", text: "", variable: "" });
  });

  test("changing the comparison keeps what was typed where it still fits", () => {
    const single = condition({ field: "count", operator: "eq", text: "4" });
    expect(withOperator(single, "in", "integer").list).toEqual(["4"]);
    expect(withOperator(single, "between", "integer").low).toBe("4");
    const list = condition({ field: "count", operator: "in", list: ["7", "8"] });
    expect(withOperator(list, "eq", "integer").text).toBe("7");
    const withVariable = condition({ field: "title", operator: "eq", variable: "user.email" });
    expect(withOperator(withVariable, "contains", "text").variable).toBe("user.email");
    expect(withOperator(withVariable, "lt", "text").variable).toBe("");
  });

  test("updateNode changes only the node with that id", () => {
    const a = condition({ field: "title" });
    const b = condition({ field: "weight" });
    const next = updateNode(root([a, b]), b.id, (node) => ({ ...node, field: "count" }) as DraftCondition);
    expect(next.items.map((item) => (item.kind === "condition" ? item.field : ""))).toEqual(["title", "count"]);
  });

  test("nesting stops at the depth limit", () => {
    let draft = emptyRoot();
    let groupId = draft.id;
    let levels = 1;
    while (canAddGroup(draft, groupId)) {
      const added = addGroup(draft, groupId);
      draft = added.root;
      const parent = draft.items.length > 0 ? findGroupHolding(draft, added.id) : undefined;
      groupId = parent ?? groupId;
      levels += 1;
    }
    // root + nested groups + the condition in the deepest group
    expect(levels + 1).toBe(FILTER_LIMITS.maxDepth);
    const last = addCondition(draft, groupId);
    const filled = fill(last.root);
    expect(checkDraft(filled, FIELDS).valid).toBe(true);
  });

  test("groups hold at most the limit of items", () => {
    let draft = emptyRoot();
    for (let i = 0; i < FILTER_LIMITS.maxGroupItems; i += 1) draft = addCondition(draft, draft.id).root;
    expect(canAddCondition(draft, draft.id)).toBe(false);
    expect(canAddGroup(draft, draft.id)).toBe(false);
  });
});

describe("operators and values", () => {
  test.each([
    { name: "text", type: "text" as const, expected: ["eq", "neq", "lt", "lte", "gt", "gte", "between", "not_between", "in"] },
    { name: "boolean", type: "boolean" as const, expected: ["eq", "neq", "is_empty", "is_not_empty"] },
    { name: "multi select", type: "multi_select" as const, expected: ["contains", "not_contains", "in", "not_in"] },
    { name: "id", type: "id" as const, expected: ["eq", "neq", "in", "not_in"] },
  ])("operatorsFor: $name", ({ type, expected }) => {
    expect(operatorsFor(type).slice(0, expected.length)).toEqual(expected);
  });

  test.each([
    { name: "number", type: "number" as const, text: " 2.5 ", value: 2.5 },
    { name: "not a number stays text", type: "number" as const, text: "abc", value: "abc" },
    { name: "boolean", type: "boolean" as const, text: "false", value: false },
    { name: "empty", type: "text" as const, text: "  ", value: undefined },
    { name: "text keeps its spaces", type: "text" as const, text: " a ", value: " a " },
    { name: "date", type: "date" as const, text: "2026-01-31", value: "2026-01-31" },
  ])("textToValue: $name", ({ type, text, value }) => {
    expect(textToValue(type, text)).toEqual(value);
  });

  test("datetime values are instants", () => {
    const value = textToValue("datetime", "2026-01-31T09:30");
    expect(typeof value === "string" && new Date(value).toISOString() === value).toBe(true);
  });

  test.each([
    { name: "user.id on a member field", variable: "user.id" as const, type: "member" as const, op: "eq" as const, fits: true },
    { name: "user.id on text", variable: "user.id" as const, type: "text" as const, op: "eq" as const, fits: false },
    { name: "user.roles with in", variable: "user.roles" as const, type: "status" as const, op: "in" as const, fits: true },
    { name: "user.roles with eq", variable: "user.roles" as const, type: "status" as const, op: "eq" as const, fits: false },
    { name: "now before a date", variable: "now" as const, type: "date" as const, op: "lt" as const, fits: true },
    { name: "never in a range", variable: "now" as const, type: "date" as const, op: "between" as const, fits: false },
    {
      name: "attribute on a number",
      variable: "member.region" as const,
      type: "number" as const,
      op: "gte" as const,
      fits: true,
    },
  ])("variableFitsOperator: $name", ({ variable, type, op, fits }) => {
    expect(variableFitsOperator(variable, type, op)).toBe(fits);
  });
});

function findGroupHolding(draft: DraftGroup, conditionId: string): string | undefined {
  for (const item of draft.items) {
    if (item.kind !== "group") continue;
    if (item.items.some((child) => child.id === conditionId)) return item.id;
    const deeper = findGroupHolding(item, conditionId);
    if (deeper) return deeper;
  }
  return undefined;
}

function fill(node: DraftGroup): DraftGroup {
  return {
    ...node,
    items: node.items.map((item) =>
      item.kind === "group" ? fill(item) : { ...item, field: "title", operator: "eq" as const, text: "x" },
    ),
  };
}
