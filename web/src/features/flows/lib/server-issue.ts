import { ApiError } from "../../../lib/api-error.ts";
import type { FlowDraft } from "./draft.ts";
import type { IssueTarget } from "./issues.ts";

/** Which part of a save was refused: the status field's states (`changes.*`) or the flow (`flow.*`). */
export type SaveStep = "states" | "flow";

/**
 * The control a refusal names (`details.field`), so the message is shown where the problem is:
 * `flow.transitions.2.updates.0.value` is the value of the first update of the third
 * transition; `changes.0.field.options.1` the second state. Null when it names nothing the
 * designer shows (the message then goes above the editor).
 */
export function targetOfRefusal(
  error: unknown,
  step: SaveStep,
  draft: FlowDraft,
  changeStateIds: readonly (string | null)[],
): IssueTarget | null {
  if (!(error instanceof ApiError) || error.code !== "FOVAL" || !error.field) return null;
  const field = error.field;
  if (step === "flow") {
    const transition = /^flow\.transitions\.(\d+)(?:\.(.+))?$/.exec(field);
    if (transition) {
      const item = draft.transitions[Number(transition[1])];
      return item ? { kind: "transition", id: item.id, path: transition[2] ?? "name" } : { kind: "flow" };
    }
    const state = /^flow\.states\.(\d+)/.exec(field);
    if (state) {
      const item = draft.states[Number(state[1])];
      return item ? { kind: "state", id: item.id, prop: null } : { kind: "states" };
    }
    return field.startsWith("flow.state") ? { kind: "states" } : { kind: "flow" };
  }
  const change = /^changes\.(\d+)(?:\.(.+))?$/.exec(field);
  if (!change) return { kind: "states" };
  const option = /options\.(\d+)/.exec(change[2] ?? "");
  if (option) {
    const item = draft.states[Number(option[1])];
    return item ? { kind: "state", id: item.id, prop: "label" } : { kind: "states" };
  }
  const renamed = changeStateIds[Number(change[1])];
  if (renamed) return { kind: "state", id: renamed, prop: "key" };
  return { kind: "states" };
}
