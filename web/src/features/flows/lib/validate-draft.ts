import { type FieldDefinition, validateFilter } from "@flexoffice/shared";
import { checkFieldInput, type FieldInputProblem } from "../../../components/fields/lib/field-input-values.ts";
import { type FlowDraft, parseOperand, type TransitionDraft } from "./draft.ts";
import type { DraftIssue, IssueCode, IssueTarget } from "./issues.ts";
import { isInputKey, isTransitionKey } from "./keys.ts";
import { acceptsKind, canCast, isArithmetic, isNumericType } from "./update-kinds.ts";

/** The database's limits on a flow (FlowSchema, `private.check_flow`). */
export const FLOW_LIMITS = { states: 200, transitions: 100, updates: 50, inputs: 20, name: 100 } as const;

/**
 * Everything `save_flow` (and the status field change) would refuse, found before sending, so
 * each problem is shown at the control that causes it instead of one failed request at a time.
 */
export function validateDraft(draft: FlowDraft, fields: readonly FieldDefinition[], stateField: string): DraftIssue[] {
  const issues: DraftIssue[] = [];
  const add = (target: IssueTarget, code: IssueCode) => issues.push({ target, code });

  if (draft.states.length === 0) add({ kind: "states" }, "noStates");
  if (draft.states.length > FLOW_LIMITS.states) add({ kind: "states" }, "tooManyStates");
  const stateKeys = new Set<string>();
  for (const state of draft.states) {
    const label = state.label.trim();
    if (label.length < 1 || label.length > FLOW_LIMITS.name) add({ kind: "state", id: state.id, prop: "label" }, "stateLabel");
    if (state.key.length < 1 || state.key.length > 100 || state.key !== state.key.trim()) {
      add({ kind: "state", id: state.id, prop: "key" }, "stateKey");
    } else if (stateKeys.has(state.key)) {
      add({ kind: "state", id: state.id, prop: "key" }, "stateKeyDuplicate");
    }
    stateKeys.add(state.key);
  }

  if (draft.transitions.length > FLOW_LIMITS.transitions) add({ kind: "flow" }, "tooManyTransitions");
  const transitionKeys = new Set<string>();
  for (const transition of draft.transitions) {
    validateTransition(transition, { fields, stateField, stateKeys, transitionKeys }, (path, problem) =>
      issues.push(
        typeof problem === "string"
          ? { target: { kind: "transition", id: transition.id, path }, code: problem }
          : { target: { kind: "transition", id: transition.id, path }, field: problem },
      ),
    );
    transitionKeys.add(transition.key);
  }
  return issues;
}

type Context = {
  fields: readonly FieldDefinition[];
  stateField: string;
  stateKeys: ReadonlySet<string>;
  transitionKeys: ReadonlySet<string>;
};

function validateTransition(
  t: TransitionDraft,
  ctx: Context,
  add: (path: string, problem: IssueCode | FieldInputProblem) => void,
): void {
  const name = t.name.trim();
  if (name.length < 1 || name.length > FLOW_LIMITS.name) add("name", "transitionName");
  if (!isTransitionKey(t.key)) add("key", "transitionKey");
  else if (ctx.transitionKeys.has(t.key)) add("key", "transitionKeyDuplicate");
  if (!ctx.stateKeys.has(t.to)) add("to", "transitionTo");
  if (t.from !== null && (t.from.length === 0 || t.from.some((key) => !ctx.stateKeys.has(key)))) add("from", "transitionFrom");
  if (t.guard !== null && validateFilter(t.guard, ctx.fields).length > 0) add("guard", "guardInvalid");

  if (t.inputs.length > FLOW_LIMITS.inputs) add("inputs", "tooManyInputs");
  const inputKeys = new Set<string>();
  t.inputs.forEach((input, i) => {
    const label = input.label.trim();
    if (label.length < 1 || label.length > FLOW_LIMITS.name) add(`inputs.${i}.label`, "inputLabel");
    if (!isInputKey(input.key)) add(`inputs.${i}.key`, "inputKey");
    else if (inputKeys.has(input.key)) add(`inputs.${i}.key`, "inputKeyDuplicate");
    inputKeys.add(input.key);
  });

  if (t.updates.length > FLOW_LIMITS.updates) add("updates", "tooManyUpdates");
  const written = new Set<string>();
  t.updates.forEach((update, i) => {
    const path = `updates.${i}`;
    const target = ctx.fields.find((f) => f.key === update.field);
    if (!target) {
      add(`${path}.field`, "updateField");
      return;
    }
    if (target.key === ctx.stateField) {
      add(`${path}.field`, "updateStateField");
      return;
    }
    if (written.has(target.key)) add(`${path}.field`, "updateFieldTwice");
    written.add(target.key);
    if (!acceptsKind(target.type, update.kind)) {
      add(`${path}.kind`, "updateKind");
      return;
    }
    if (update.kind === "literal") {
      const problem = update.value === undefined ? undefined : checkFieldInput({ ...target, required: false }, update.value);
      if (update.value === undefined) add(`${path}.value`, "updateValue");
      else if (problem) add(`${path}.value`, problem);
    }
    if (update.kind === "copy") {
      const source = ctx.fields.find((f) => f.key === update.from);
      if (!source || source.key === target.key || !canCast(source.type, target.type)) add(`${path}.from`, "updateFrom");
    }
    if (update.kind === "input") {
      const source = t.inputs.find((input) => input.key === update.from);
      if (!source || !canCast(source.type, target.type)) add(`${path}.from`, "updateInput");
    }
    if (isArithmetic(update.kind)) {
      if (update.source === "operand" && parseOperand(update.operand) === null) add(`${path}.operand`, "updateOperand");
      if (update.source === "field") {
        const source = ctx.fields.find((f) => f.key === update.from);
        if (!source || !isNumericType(source.type)) add(`${path}.from`, "updateFrom");
      }
    }
  });
}
