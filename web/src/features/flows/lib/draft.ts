import type { FieldDefinition, Filter, Flow, FlowTransition, FlowUpdate } from "@flexoffice/shared";
import { isArithmetic, type UpdateKind } from "./update-kinds.ts";

/**
 * The flow designer edits a draft: the states (the options of the blueprint's status field,
 * with their canvas positions), the initial state (the field's default) and the transitions.
 * Saving turns it into blueprint changes (when the states changed) and the flow, sent together to `save_flow_design`.
 */

/** Input types a transition can ask for: values a person types or picks without options. */
export const INPUT_TYPES = [
  "text",
  "long_text",
  "number",
  "integer",
  "boolean",
  "date",
  "datetime",
  "email",
  "url",
  "phone",
] as const;
export type InputType = (typeof INPUT_TYPES)[number];

export type StateDraft = {
  id: string;
  /** The option value stored on entities. */
  key: string;
  /** The value the status field has for it now; null for a state added in this draft. */
  originalKey: string | null;
  /** Set when the key follows the name (a new state whose key was not typed). */
  autoKey: boolean;
  label: string;
  color: string | null;
  x: number;
  y: number;
};

export type InputDraft = {
  id: string;
  key: string;
  label: string;
  type: InputType;
  required: boolean;
  /** Set when the key follows the label (a new input whose key was not typed). */
  autoKey: boolean;
  /** Other properties of a loaded definition (description, bounds), kept while the type stays. */
  rest: Record<string, unknown>;
};

export type UpdateDraft = {
  id: string;
  /** The field it writes ("" until chosen). */
  field: string;
  kind: UpdateKind;
  /** literal: the value in its stored form; undefined while empty. */
  value: unknown;
  /** copy: a field key; input: an input key; arithmetic with source "field": a number field key. */
  from: string;
  /** Arithmetic: a typed number (kept as text so a half-typed value survives) or a number field. */
  operand: string;
  source: "operand" | "field";
};

export type TransitionDraft = {
  id: string;
  key: string;
  /** Set when the key follows the name (a new transition whose key was not typed). */
  autoKey: boolean;
  name: string;
  /** null: from any state. */
  from: string[] | null;
  to: string;
  guard: Filter | null;
  roles: string[];
  updates: UpdateDraft[];
  inputs: InputDraft[];
};

export type FlowDraft = { states: StateDraft[]; initial: string | null; transitions: TransitionDraft[] };

export type RoleOption = { id: string; name: string; key: string };

/** What the designer loads: the blueprint at its latest version, its flow and the tenant's roles. */
export type FlowDesign = {
  blueprint: { id: string; tenantId: string; name: string; version: number };
  fields: FieldDefinition[];
  /** The blueprint's status field (at most one), which the flow drives. */
  statusField: FieldDefinition | null;
  flow: { version: number; states: { key: string; x?: number; y?: number }[]; transitions: FlowTransition[] } | null;
  roles: RoleOption[];
};

let sequence = 0;
/** Ids for draft items, stable while editing (React keys, selection). */
export function draftId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/**
 * The default layout: states top to bottom in columns of four, which suits the canvas beside
 * the side panel better than one long row.
 */
export const LAYOUT = { column: 280, row: 140, perColumn: 4 } as const;

/** The n-th place of the default layout. */
export function gridPosition(index: number): { x: number; y: number } {
  return { x: Math.floor(index / LAYOUT.perColumn) * LAYOUT.column, y: (index % LAYOUT.perColumn) * LAYOUT.row };
}

/** A position for a state added now: the first place of the default layout no state is near. */
export function nextPosition(states: readonly StateDraft[]): { x: number; y: number } {
  for (let index = 0; ; index += 1) {
    const place = gridPosition(index);
    const taken = states.some((s) => Math.abs(s.x - place.x) < LAYOUT.column / 2 && Math.abs(s.y - place.y) < LAYOUT.row / 2);
    if (!taken) return place;
  }
}

function inputFrom(definition: FieldDefinition): InputDraft {
  const { key, label, type, required, ...rest } = definition;
  return {
    id: draftId("input"),
    key,
    label,
    type: (INPUT_TYPES as readonly string[]).includes(type) ? (type as InputType) : "text",
    required: required ?? false,
    autoKey: false,
    rest,
  };
}

function updateFrom(update: FlowUpdate): UpdateDraft {
  const draft: UpdateDraft = {
    id: draftId("update"),
    field: update.field,
    kind: update.kind,
    value: undefined,
    from: "",
    operand: "",
    source: "operand",
  };
  if (update.kind === "literal") draft.value = update.value;
  if ("from" in update) {
    draft.from = update.from;
    draft.source = "field";
  }
  if ("operand" in update) draft.operand = String(update.operand);
  return draft;
}

/** The draft a design starts from: the saved flow, states in the default layout where no position was saved. */
export function draftFromDesign(design: FlowDesign): FlowDraft {
  const options = design.statusField?.options ?? [];
  const saved = new Map((design.flow?.states ?? []).map((s) => [s.key, s]));
  const states = options.map((option, index) => {
    const position = saved.get(option.value);
    return {
      id: draftId("state"),
      key: option.value,
      originalKey: option.value,
      autoKey: false,
      label: option.label ?? option.value,
      color: option.color ?? null,
      x: position?.x ?? gridPosition(index).x,
      y: position?.y ?? gridPosition(index).y,
    };
  });
  const initialDefault = design.statusField?.default;
  const initial = initialDefault?.kind === "literal" && typeof initialDefault.value === "string" ? initialDefault.value : null;
  const transitions = (design.flow?.transitions ?? []).map(
    (t): TransitionDraft => ({
      id: draftId("transition"),
      key: t.key,
      autoKey: false,
      name: t.name,
      from: t.from ?? null,
      to: t.to,
      guard: (t.guard as Filter | null | undefined) ?? null,
      roles: t.roles ?? [],
      updates: (t.updates ?? []).map(updateFrom),
      inputs: (t.inputs ?? []).map(inputFrom),
    }),
  );
  return { states, initial, transitions };
}

/** A number as typed, or null when it is not one. */
export function parseOperand(text: string): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "" || !/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** The update as `save_flow` takes it (the draft is validated first, so its parts are present). */
export function updatePayload(update: UpdateDraft): FlowUpdate {
  const field = update.field;
  if (update.kind === "literal") return { field, kind: "literal", value: (update.value ?? null) as never };
  if (update.kind === "now" || update.kind === "current_user") return { field, kind: update.kind };
  if (update.kind === "copy" || update.kind === "input") return { field, kind: update.kind, from: update.from };
  if (isArithmetic(update.kind)) {
    return update.source === "field"
      ? { field, kind: update.kind, from: update.from }
      : { field, kind: update.kind, operand: parseOperand(update.operand) ?? 0 };
  }
  return { field, kind: "now" };
}

export function inputPayload(input: InputDraft): FieldDefinition {
  return { ...input.rest, key: input.key, label: input.label.trim(), type: input.type, required: input.required };
}

export function transitionPayload(t: TransitionDraft): FlowTransition {
  return {
    key: t.key,
    name: t.name.trim(),
    from: t.from,
    to: t.to,
    guard: t.guard,
    roles: t.roles,
    updates: t.updates.map(updatePayload),
    inputs: t.inputs.map(inputPayload),
  };
}

/** The flow as `save_flow` takes it; positions are whole pixels. */
export function flowPayload(draft: FlowDraft, stateField: string): Flow {
  return {
    state_field: stateField,
    states: draft.states.map((s) => ({ key: s.key, x: Math.round(s.x), y: Math.round(s.y) })),
    transitions: draft.transitions.map(transitionPayload),
  };
}

/** The status field as the draft's states and initial state define it. */
export function statusFieldFrom(base: FieldDefinition, draft: FlowDraft): FieldDefinition {
  const { default: _previous, ...rest } = base;
  const field: FieldDefinition = {
    ...rest,
    options: draft.states.map((s) => ({
      value: s.key,
      label: s.label.trim(),
      ...(s.color ? { color: s.color } : {}),
    })),
  };
  if (draft.initial !== null) field.default = { kind: "literal", value: draft.initial };
  return field;
}

export type BlueprintChange =
  | { op: "rename_option"; key: string; from: string; to: string }
  | { op: "update_field"; key: string; field: FieldDefinition };

/** Key order does not matter when comparing definitions the database echoes back. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * The blueprint changes that make the status field match the draft: a `rename_option` per
 * state whose key changed (entities holding it are renamed when migrated), then one
 * `update_field` for names, colours, added or removed states and the initial state.
 * `stateIds[i]` is the state change i is about (null for the field as a whole), so a refusal
 * can be shown at that state.
 */
export function blueprintChanges(
  base: FieldDefinition,
  draft: FlowDraft,
): { changes: BlueprintChange[]; stateIds: (string | null)[] } {
  const changes: BlueprintChange[] = [];
  const stateIds: (string | null)[] = [];
  // An option without a label shows its value; the draft writes that label out, which is no change.
  let renamed: FieldDefinition = { ...base, options: (base.options ?? []).map((o) => ({ ...o, label: o.label ?? o.value })) };
  for (const state of draft.states) {
    if (state.originalKey === null || state.originalKey === state.key) continue;
    const from = state.originalKey;
    changes.push({ op: "rename_option", key: base.key, from, to: state.key });
    stateIds.push(state.id);
    renamed = {
      ...renamed,
      options: (renamed.options ?? []).map((o) => (o.value === from ? { ...o, value: state.key } : o)),
      ...(renamed.default?.kind === "literal" && renamed.default.value === from
        ? { default: { kind: "literal" as const, value: state.key } }
        : {}),
    };
  }
  const wanted = statusFieldFrom(base, draft);
  if (canonical(wanted) !== canonical(renamed)) {
    changes.push({ op: "update_field", key: base.key, field: wanted });
    stateIds.push(null);
  }
  return { changes, stateIds };
}

/** What decides whether the draft has unsaved changes (ids and key-following flags do not count). */
export function draftSignature(draft: FlowDraft): string {
  return canonical({
    states: draft.states.map(({ key, originalKey, label, color, x, y }) => ({
      key,
      originalKey,
      label,
      color,
      x: Math.round(x),
      y: Math.round(y),
    })),
    initial: draft.initial,
    transitions: draft.transitions.map((t) => ({
      ...transitionPayload(t),
      name: t.name,
      updates: t.updates.map(({ id: _id, ...rest }) => rest),
      inputs: t.inputs.map(({ id: _id, autoKey: _auto, ...rest }) => rest),
    })),
  });
}

/** The transitions that start or end at a state (what deleting it would change). */
export function transitionsTouching(draft: FlowDraft, stateKey: string): TransitionDraft[] {
  return draft.transitions.filter((t) => t.to === stateKey || (t.from ?? []).includes(stateKey));
}
