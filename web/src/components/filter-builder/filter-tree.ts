import {
  type EffectiveFieldType,
  FILTER_LIMITS,
  type FieldDefinition,
  type Filter,
  type FilterCondition,
  type FilterIssue,
  type FilterOperator,
  type FilterRule,
  isFilterVariable,
  OPERATORS_BY_TYPE,
  OPTION_FIELD_TYPES,
  type ReferencedFields,
  SYSTEM_FIELDS,
  type VariableName,
  validateFilter,
  variableFits,
  variableKind,
} from "@flexoffice/shared";

/**
 * The filter builder's editing model. A `Filter` (packages/shared) can only hold finished
 * conditions, but people build them one control at a time, so the builder edits a draft
 * tree whose conditions may lack a field, an operator or a value, converts it back to a
 * `Filter` when it is complete, and checks it with the shared validator. Everything here is
 * pure so it can be tested without a browser.
 */

/** What a filter may name: a field key (or `ref.field`), its label, its type and, for choices, its options. */
export type BuilderField = { key: string; label: string; type: EffectiveFieldType; options?: { value: string; label: string }[] };

/**
 * The comparisons people pick. Each maps to one operator of the filter language, some
 * wrapped in `not` ("does not contain") and `is_null` split into its two meanings.
 */
export const UI_OPERATORS = [
  "eq",
  "neq",
  "lt",
  "lte",
  "gt",
  "gte",
  "between",
  "not_between",
  "in",
  "not_in",
  "contains",
  "not_contains",
  "starts_with",
  "not_starts_with",
  "is_empty",
  "is_not_empty",
] as const;
export type UiOperator = (typeof UI_OPERATORS)[number];

type OperatorMapping = { op: FilterOperator; negate: boolean; fixed?: boolean };

const MAPPING: Record<UiOperator, OperatorMapping> = {
  eq: { op: "eq", negate: false },
  neq: { op: "neq", negate: false },
  lt: { op: "lt", negate: false },
  lte: { op: "lte", negate: false },
  gt: { op: "gt", negate: false },
  gte: { op: "gte", negate: false },
  between: { op: "between", negate: false },
  not_between: { op: "between", negate: true },
  in: { op: "in", negate: false },
  not_in: { op: "in", negate: true },
  contains: { op: "contains", negate: false },
  not_contains: { op: "contains", negate: true },
  starts_with: { op: "starts_with", negate: false },
  not_starts_with: { op: "starts_with", negate: true },
  is_empty: { op: "is_null", negate: false, fixed: true },
  is_not_empty: { op: "is_null", negate: false, fixed: false },
};

/** Operators of the language whose negation reads naturally as its own choice. */
const NEGATABLE: readonly FilterOperator[] = ["between", "in", "contains", "starts_with"];

export function operatorMapping(operator: UiOperator): OperatorMapping {
  return MAPPING[operator];
}

/** The choices offered for a field type, in the order of the shared operator list. */
export function operatorsFor(type: EffectiveFieldType): UiOperator[] {
  const out: UiOperator[] = [];
  for (const op of OPERATORS_BY_TYPE[type]) {
    if (op === "is_null") out.push("is_empty", "is_not_empty");
    else {
      out.push(op);
      if (NEGATABLE.includes(op)) out.push(`not_${op}` as UiOperator);
    }
  }
  return out;
}

/** What the value controls look like for an operator. */
export type ValueShape = "none" | "single" | "range" | "list";

export function valueShape(operator: UiOperator): ValueShape {
  const { op } = MAPPING[operator];
  if (op === "is_null") return "none";
  if (op === "between") return "range";
  if (op === "in") return "list";
  return "single";
}

export type GroupMode = "all" | "any" | "none" | "not_all";
export const GROUP_MODES: readonly GroupMode[] = ["all", "any", "none", "not_all"];

/** A condition as typed so far: values are the controls' text, converted when the condition is complete. */
export type DraftCondition = {
  kind: "condition";
  id: string;
  field: string;
  operator: UiOperator | "";
  /** single value */
  text: string;
  /** between */
  low: string;
  high: string;
  /** in: option values, or lines of a text area (blank lines ignored) */
  list: string[];
  /** A variable chosen instead of a literal value ("" = a literal). */
  variable: VariableName | "";
};

export type DraftGroup = { kind: "group"; id: string; mode: GroupMode; items: DraftNode[] };
export type DraftNode = DraftCondition | DraftGroup;

let sequence = 0;
function nextId(): string {
  sequence += 1;
  return `fb${sequence}`;
}

export function emptyCondition(): DraftCondition {
  return { kind: "condition", id: nextId(), field: "", operator: "", text: "", low: "", high: "", list: [], variable: "" };
}

export function emptyRoot(): DraftGroup {
  return { kind: "group", id: nextId(), mode: "all", items: [] };
}

// ---------------------------------------------------------------------------
// Values: stored form <-> control text
// ---------------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, "0");

/** An ISO instant as a datetime-local control shows it (the browser's time zone). */
export function instantToLocal(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local control's text as an ISO instant (the browser's time zone), or the text when it is no date. */
export function localToInstant(text: string): string {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** The text a control shows for a stored value. */
export function valueToText(type: EffectiveFieldType, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (type === "datetime" && typeof value === "string") return instantToLocal(value);
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/**
 * The stored value for a control's text, or undefined while it is empty. Text that is not a
 * number for a number field stays text, so the validator names it instead of it vanishing.
 */
export function textToValue(type: EffectiveFieldType, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  switch (type) {
    case "number":
    case "integer":
    case "currency": {
      const n = Number(trimmed);
      return Number.isFinite(n) ? n : trimmed;
    }
    case "boolean":
      return trimmed === "true" ? true : trimmed === "false" ? false : trimmed;
    case "datetime":
      return localToInstant(trimmed);
    case "email":
      return trimmed.toLowerCase();
    case "date":
    case "single_select":
    case "multi_select":
    case "status":
    case "reference":
    case "member":
    case "id":
      return trimmed;
    default:
      return text;
  }
}

// ---------------------------------------------------------------------------
// Filter -> draft
// ---------------------------------------------------------------------------

function isGroup(filter: Filter): filter is { and: Filter[] } | { or: Filter[] } {
  return "and" in filter || "or" in filter;
}

function conditionFrom(condition: FilterCondition, negate: boolean, typeOf: (key: string) => EffectiveFieldType): DraftCondition {
  const type = typeOf(condition.field);
  let operator: UiOperator;
  if (condition.op === "is_null") operator = condition.value === false ? "is_not_empty" : "is_empty";
  else operator = (negate ? `not_${condition.op}` : condition.op) as UiOperator;
  const draft: DraftCondition = { ...emptyCondition(), field: condition.field, operator };
  const value = condition.value;
  if (isFilterVariable(value)) return { ...draft, variable: value.var };
  const shape = valueShape(operator);
  if (shape === "single") draft.text = valueToText(type, value);
  else if (shape === "range" && Array.isArray(value)) {
    draft.low = valueToText(type, value[0]);
    draft.high = valueToText(type, value[1]);
  } else if (shape === "list" && Array.isArray(value)) draft.list = value.map((item) => valueToText(type, item));
  return draft;
}

function groupFrom(filter: { and: Filter[] } | { or: Filter[] }, negate: boolean, typeOf: (key: string) => EffectiveFieldType) {
  const items = "and" in filter ? filter.and : filter.or;
  const mode: GroupMode = "and" in filter ? (negate ? "not_all" : "all") : negate ? "none" : "any";
  return { kind: "group", id: nextId(), mode, items: items.map((item) => nodeFrom(item, typeOf)) } satisfies DraftGroup;
}

function nodeFrom(filter: Filter, typeOf: (key: string) => EffectiveFieldType): DraftNode {
  if (isGroup(filter)) return groupFrom(filter, false, typeOf);
  if ("not" in filter) {
    const inner = filter.not;
    if (isGroup(inner)) return groupFrom(inner, true, typeOf);
    if (!("not" in inner) && NEGATABLE.includes(inner.op)) return conditionFrom(inner, true, typeOf);
    // Any other negation reads as "not all of" one item: the same meaning.
    return { kind: "group", id: nextId(), mode: "not_all", items: [nodeFrom(inner, typeOf)] };
  }
  return conditionFrom(filter, false, typeOf);
}

/** The draft that shows `filter`; `null` is an empty filter. */
export function draftFromFilter(filter: Filter | null, fields: readonly BuilderField[]): DraftGroup {
  if (!filter) return emptyRoot();
  const byKey = new Map(fields.map((field) => [field.key, field.type]));
  const typeOf = (key: string): EffectiveFieldType =>
    byKey.get(key) ?? SYSTEM_FIELDS[key as keyof typeof SYSTEM_FIELDS] ?? "text";
  const node = nodeFrom(filter, typeOf);
  return node.kind === "group" ? node : { ...emptyRoot(), items: [node] };
}

// ---------------------------------------------------------------------------
// Draft -> filter
// ---------------------------------------------------------------------------

export type Incomplete = "field" | "operator" | "value";

/** Why a node is not usable yet: a missing part, or a rule of the validator with its message. */
export type NodeProblem = { kind: "incomplete"; missing: Incomplete } | { kind: "rule"; rule: FilterRule; message: string };

/** The condition's value in the filter language, or the part still missing. */
export function conditionValue(
  condition: DraftCondition,
  type: EffectiveFieldType,
): { ok: true; value: unknown } | { ok: false; missing: Incomplete } {
  if (condition.operator === "") return { ok: false, missing: "operator" };
  const mapping = MAPPING[condition.operator];
  const shape = valueShape(condition.operator);
  if (shape === "none") return { ok: true, value: mapping.fixed };
  if (condition.variable !== "") return { ok: true, value: { var: condition.variable } };
  if (shape === "single") {
    const value = textToValue(type, condition.text);
    return value === undefined ? { ok: false, missing: "value" } : { ok: true, value };
  }
  if (shape === "range") {
    const low = textToValue(type, condition.low);
    const high = textToValue(type, condition.high);
    return low === undefined || high === undefined ? { ok: false, missing: "value" } : { ok: true, value: [low, high] };
  }
  const values = condition.list.map((item) => textToValue(type, item)).filter((value) => value !== undefined);
  return values.length === 0 ? { ok: false, missing: "value" } : { ok: true, value: values };
}

export type BuildResult = {
  /** The filter, when every condition is complete (null for an empty draft). */
  filter: Filter | null;
  /** Missing parts by node id. */
  incomplete: Map<string, Incomplete>;
  /** Dot paths of the built filter (`filter.and.1`) to the node they came from. */
  paths: Map<string, string>;
};

/** Builds the filter a draft stands for; a root group of one item is just that item. */
export function buildFilter(root: DraftGroup, fields: readonly BuilderField[]): BuildResult {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const incomplete = new Map<string, Incomplete>();
  const paths = new Map<string, string>();

  const build = (node: DraftNode, path: string): Filter | undefined => {
    paths.set(path, node.id);
    if (node.kind === "group") {
      const negate = node.mode === "none" || node.mode === "not_all";
      const key = node.mode === "all" || node.mode === "not_all" ? "and" : "or";
      const inner = negate ? `${path}.not` : path;
      if (negate) paths.set(inner, node.id);
      const items = node.items.map((item, index) => build(item, `${inner}.${key}.${index}`));
      if (items.some((item) => item === undefined)) return undefined;
      const group = (key === "and" ? { and: items } : { or: items }) as Filter;
      return negate ? { not: group } : group;
    }
    if (node.field === "") {
      incomplete.set(node.id, "field");
      return undefined;
    }
    const field = byKey.get(node.field);
    const type: EffectiveFieldType = field?.type ?? SYSTEM_FIELDS[node.field as keyof typeof SYSTEM_FIELDS] ?? "text";
    const value = conditionValue(node, type);
    if (!value.ok) {
      incomplete.set(node.id, value.missing);
      return undefined;
    }
    const mapping = MAPPING[node.operator as UiOperator];
    const condition: FilterCondition = { field: node.field, op: mapping.op, value: value.value };
    if (!mapping.negate) return condition;
    paths.set(`${path}.not`, node.id);
    return { not: condition };
  };

  if (root.items.length === 0) {
    paths.set("filter", root.id);
    return { filter: null, incomplete, paths };
  }
  const unwrap = root.items.length === 1 && (root.mode === "all" || root.mode === "any");
  const only = root.items[0];
  const filter = unwrap && only ? build(only, "filter") : build(root, "filter");
  if (unwrap) paths.set("filter", only?.id ?? root.id);
  return { filter: incomplete.size === 0 ? (filter ?? null) : null, incomplete, paths };
}

/** Field definitions the shared validator reads, from the builder's field list. */
export function definitionsOf(fields: readonly BuilderField[]): {
  definitions: FieldDefinition[];
  referenced: ReferencedFields;
} {
  const toDefinition = (field: BuilderField, key: string): FieldDefinition | undefined => {
    if (field.type === "id" || Object.hasOwn(SYSTEM_FIELDS, key)) return undefined;
    const options = (OPTION_FIELD_TYPES as readonly string[]).includes(field.type)
      ? field.options?.map((option) => ({ value: option.value, label: option.label }))
      : undefined;
    return { key, label: field.label, type: field.type, ...(options && options.length > 0 ? { options } : {}) };
  };
  const definitions: FieldDefinition[] = [];
  const nested = new Map<string, FieldDefinition[]>();
  for (const field of fields) {
    const dot = field.key.indexOf(".");
    if (dot < 0) {
      const definition = toDefinition(field, field.key);
      if (definition) definitions.push(definition);
      continue;
    }
    const via = field.key.slice(0, dot);
    const definition = toDefinition(field, field.key.slice(dot + 1));
    if (definition) nested.set(via, [...(nested.get(via) ?? []), definition]);
  }
  // A reference path needs its reference field; add it when the caller listed only the paths.
  for (const via of nested.keys()) {
    if (!definitions.some((definition) => definition.key === via)) {
      definitions.push({ key: via, label: via, type: "reference" });
    }
  }
  return { definitions, referenced: (via) => nested.get(via) };
}

export type DraftCheck = {
  filter: Filter | null;
  /** True when the draft can be used: complete and accepted by the validator. */
  valid: boolean;
  problems: Map<string, NodeProblem>;
};

/** Builds and validates a draft: what to emit, and what to show next to each node. */
export function checkDraft(root: DraftGroup, fields: readonly BuilderField[], options: { variables?: boolean } = {}): DraftCheck {
  const built = buildFilter(root, fields);
  const problems = new Map<string, NodeProblem>();
  for (const [id, missing] of built.incomplete) problems.set(id, { kind: "incomplete", missing });
  if (built.incomplete.size > 0) return { filter: null, valid: false, problems };
  if (!built.filter) return { filter: null, valid: true, problems };
  const { definitions, referenced } = definitionsOf(fields);
  const issues: FilterIssue[] = validateFilter(built.filter, definitions, referenced, { variables: options.variables ?? false });
  for (const issue of issues) {
    const id = built.paths.get(issue.path) ?? root.id;
    if (!problems.has(id)) problems.set(id, { kind: "rule", rule: issue.rule, message: issue.message });
  }
  return { filter: issues.length === 0 ? built.filter : null, valid: issues.length === 0, problems };
}

// ---------------------------------------------------------------------------
// Editing (immutable)
// ---------------------------------------------------------------------------

function mapNodes(node: DraftNode, id: string, change: (node: DraftNode) => DraftNode): DraftNode {
  if (node.id === id) return change(node);
  if (node.kind === "condition") return node;
  return { ...node, items: node.items.map((item) => mapNodes(item, id, change)) };
}

/** Replaces the node with `id` by `change(node)`. */
export function updateNode(root: DraftGroup, id: string, change: (node: DraftNode) => DraftNode): DraftGroup {
  return mapNodes(root, id, change) as DraftGroup;
}

/** Removes a node; a nested group left empty goes with it (the root may be empty). */
export function removeNode(root: DraftGroup, id: string): DraftGroup {
  const prune = (group: DraftGroup): DraftGroup => {
    const items: DraftNode[] = [];
    for (const item of group.items) {
      if (item.id === id) continue;
      if (item.kind === "group") {
        const pruned = prune(item);
        if (pruned.items.length > 0) items.push(pruned);
      } else items.push(item);
    }
    return { ...group, items };
  };
  return prune(root);
}

export function findNode(root: DraftNode, id: string): DraftNode | undefined {
  if (root.id === id) return root;
  if (root.kind === "condition") return undefined;
  for (const item of root.items) {
    const found = findNode(item, id);
    if (found) return found;
  }
  return undefined;
}

export function countConditions(node: DraftNode): number {
  return node.kind === "condition" ? 1 : node.items.reduce((sum, item) => sum + countConditions(item), 0);
}

/** Levels the node adds to the built filter: a negation is one more. */
function ownLevels(node: DraftNode): number {
  if (node.kind === "condition") return node.operator !== "" && MAPPING[node.operator].negate ? 2 : 1;
  return node.mode === "none" || node.mode === "not_all" ? 2 : 1;
}

/** Levels from the root down to and including the group `id`, or undefined when it is not in the tree. */
export function groupLevel(root: DraftGroup, id: string): number | undefined {
  const walk = (node: DraftNode, above: number): number | undefined => {
    const here = above + ownLevels(node);
    if (node.id === id) return here;
    if (node.kind === "condition") return undefined;
    for (const item of node.items) {
      const found = walk(item, here);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(root, 0);
}

/** Whether another condition fits into group `id` (limits on conditions and on items of a group). */
export function canAddCondition(root: DraftGroup, groupId: string): boolean {
  const group = findNode(root, groupId);
  return (
    group?.kind === "group" &&
    group.items.length < FILTER_LIMITS.maxGroupItems &&
    countConditions(root) < FILTER_LIMITS.maxConditions
  );
}

/** Whether a nested group (holding one condition) fits into group `id` without nesting too deep. */
export function canAddGroup(root: DraftGroup, groupId: string): boolean {
  const level = groupLevel(root, groupId);
  return level !== undefined && canAddCondition(root, groupId) && level + 2 <= FILTER_LIMITS.maxDepth;
}

/** Adds a blank condition at the end of group `groupId`; returns the tree and the new condition's id. */
export function addCondition(root: DraftGroup, groupId: string): { root: DraftGroup; id: string } {
  const condition = emptyCondition();
  const next = updateNode(root, groupId, (node) =>
    node.kind === "group" ? { ...node, items: [...node.items, condition] } : node,
  );
  return { root: next, id: condition.id };
}

/**
 * Adds a nested group with one blank condition. It combines the other way than its parent
 * ("any" inside "all"), which is why people nest at all.
 */
export function addGroup(root: DraftGroup, groupId: string): { root: DraftGroup; id: string } {
  const condition = emptyCondition();
  const next = updateNode(root, groupId, (node) => {
    if (node.kind !== "group") return node;
    const mode: GroupMode = node.mode === "any" || node.mode === "none" ? "all" : "any";
    return { ...node, items: [...node.items, { kind: "group", id: nextId(), mode, items: [condition] }] };
  });
  return { root: next, id: condition.id };
}

/** Picks a field: the comparison and values start over, as they depend on its type. */
export function withField(condition: DraftCondition, field: BuilderField | undefined): DraftCondition {
  const operators = field ? operatorsFor(field.type) : [];
  return {
    ...condition,
    field: field?.key ?? "",
    operator: operators[0] ?? "",
    text: "",
    low: "",
    high: "",
    list: [],
    variable: "",
  };
}

/** Whether a variable can stand as the value of this comparison on a field of `type`. */
export function variableFitsOperator(name: VariableName, type: EffectiveFieldType, operator: UiOperator | ""): boolean {
  if (operator === "") return false;
  const shape = valueShape(operator);
  if (shape === "none" || shape === "range") return false;
  return variableFits(variableKind(name), type, MAPPING[operator].op);
}

/** Changes the comparison, carrying over what was typed when the value keeps a similar shape. */
export function withOperator(condition: DraftCondition, operator: UiOperator, type: EffectiveFieldType): DraftCondition {
  const before = condition.operator === "" ? "none" : valueShape(condition.operator);
  const after = valueShape(operator);
  const next: DraftCondition = { ...condition, operator };
  const first = before === "single" ? condition.text : before === "range" ? condition.low : (condition.list[0] ?? "");
  if (after === "single" && before !== "single") next.text = first;
  if (after === "range" && before !== "range") next.low = first;
  if (after === "list" && before !== "list") next.list = first ? [first] : [];
  if (next.variable !== "" && !variableFitsOperator(next.variable, type, operator)) next.variable = "";
  return next;
}

/** Conditions in reading order, numbered from 1, for labels such as "Field of condition 2". */
export function conditionNumbers(root: DraftGroup): Map<string, number> {
  const numbers = new Map<string, number>();
  const walk = (node: DraftNode) => {
    if (node.kind === "condition") numbers.set(node.id, numbers.size + 1);
    else node.items.forEach(walk);
  };
  walk(root);
  return numbers;
}

/** Nested groups in reading order, numbered from 1 (the root is not numbered). */
export function groupNumbers(root: DraftGroup): Map<string, number> {
  const numbers = new Map<string, number>();
  const walk = (node: DraftNode) => {
    if (node.kind !== "group") return;
    if (node !== root) numbers.set(node.id, numbers.size + 1);
    node.items.forEach(walk);
  };
  walk(root);
  return numbers;
}
