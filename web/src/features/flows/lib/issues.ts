import type { FieldInputProblem } from "../../../components/fields/lib/field-input-values.ts";

/**
 * Where a problem with the draft is shown: the flow as a whole, the state list, one state's
 * control, or one control of a transition (`path` as the database names it under
 * `flow.transitions.<n>`: `name`, `updates.0.value`, `inputs.1.key`, `guard`, ...).
 */
export type IssueTarget =
  | { kind: "flow" }
  | { kind: "states" }
  | { kind: "state"; id: string; prop: "label" | "key" | null }
  | { kind: "transition"; id: string; path: string };

/** Keys of the `validation` group of the flows catalogue. */
export type IssueCode =
  | "noStates"
  | "tooManyStates"
  | "stateLabel"
  | "stateKey"
  | "stateKeyDuplicate"
  | "tooManyTransitions"
  | "transitionName"
  | "transitionKey"
  | "transitionKeyDuplicate"
  | "transitionTo"
  | "transitionFrom"
  | "guardInvalid"
  | "tooManyUpdates"
  | "updateField"
  | "updateStateField"
  | "updateFieldTwice"
  | "updateKind"
  | "updateValue"
  | "updateFrom"
  | "updateInput"
  | "updateOperand"
  | "tooManyInputs"
  | "inputLabel"
  | "inputKey"
  | "inputKeyDuplicate";

/**
 * A problem found before saving (`code`, or `field` for a value the field does not take, in
 * the words of the shared field controls) or reported by the database (`message`, already human).
 */
export type DraftIssue =
  | { target: IssueTarget; code: IssueCode }
  | { target: IssueTarget; field: FieldInputProblem }
  | { target: IssueTarget; message: string };

/** Issues aimed at one transition control, or at any control under a path prefix. */
export function issuesAt(issues: readonly DraftIssue[], transitionId: string, path: string): DraftIssue[] {
  return issues.filter(
    (issue) =>
      issue.target.kind === "transition" &&
      issue.target.id === transitionId &&
      (issue.target.path === path || issue.target.path.startsWith(`${path}.`)),
  );
}

export function stateIssues(issues: readonly DraftIssue[], stateId: string, prop: "label" | "key" | null): DraftIssue[] {
  return issues.filter((issue) => issue.target.kind === "state" && issue.target.id === stateId && issue.target.prop === prop);
}

/** Whether anything is wrong with a state or transition, for markers in the canvas and the list. */
export function hasIssues(issues: readonly DraftIssue[], id: string): boolean {
  return issues.some((issue) => "id" in issue.target && issue.target.id === id);
}
