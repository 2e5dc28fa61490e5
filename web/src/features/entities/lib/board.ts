import type { FieldDefinition, FieldOption } from "@flexoffice/shared";
import type { FlowDefinition } from "../api/blueprint-query.ts";
import type { EntityTransition } from "../api/entity-transitions-query.ts";

/** One column of the board: a state of the flow, labelled and coloured as the status field's option. */
export type BoardColumn = { state: string; label: string; color: string | undefined };

/**
 * The board's columns in the flow's order (every option of the status field is a state);
 * options the flow does not list yet come last, so no entity is without a column.
 */
export function boardColumns(flow: FlowDefinition, stateField: FieldDefinition | undefined): BoardColumn[] {
  const options: FieldOption[] = stateField?.options ?? [];
  const byValue = new Map(options.map((option) => [option.value, option]));
  const order = [...flow.states.map((state) => state.key), ...options.map((option) => option.value)];
  const seen = new Set<string>();
  const columns: BoardColumn[] = [];
  for (const state of order) {
    if (seen.has(state)) continue;
    seen.add(state);
    const option = byValue.get(state);
    columns.push({ state, label: option?.label ?? state, color: option?.color });
  }
  return columns;
}

/** Why a card cannot go from one column to another, or the transitions that take it there. */
export type MovePlan =
  | { kind: "same" }
  | { kind: "none" }
  | { kind: "blocked"; transitions: EntityTransition[] }
  | { kind: "run"; transition: EntityTransition }
  | { kind: "choose"; transitions: EntityTransition[] };

/**
 * How a drop onto a column becomes a transition, from what entity_transitions says the member
 * can run now: exactly one available transition to that state runs (after its inputs, if
 * any); several let the person choose; none explains why (none leads there, or those that do
 * are not possible now: their guard, the member's roles).
 */
export function planMove(transitions: readonly EntityTransition[], from: string | null, to: string): MovePlan {
  if (from === to) return { kind: "same" };
  const leading = transitions.filter((transition) => transition.to === to && transition.reason !== "from_state");
  const available = leading.filter((transition) => transition.available);
  if (available.length === 1 && available[0]) return { kind: "run", transition: available[0] };
  if (available.length > 1) return { kind: "choose", transitions: available };
  if (leading.length > 0) return { kind: "blocked", transitions: leading };
  return { kind: "none" };
}

/** The columns a card may be dropped on now (its own column is always a valid place to put it back). */
export function reachableStates(transitions: readonly EntityTransition[]): Set<string> {
  return new Set(transitions.filter((transition) => transition.available).map((transition) => transition.to));
}
