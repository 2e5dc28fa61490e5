import { draftId, type FlowDraft, nextPosition, type StateDraft, type TransitionDraft } from "./draft.ts";
import { snakeKeyFrom, stateKeyFrom } from "./keys.ts";

/**
 * Edits of a flow draft as pure functions, shared by the canvas and the list view so both
 * change the draft the same way. Transitions name states by key; renaming a state's key
 * renames it in the transitions and the initial state too.
 */

export function addState(
  draft: FlowDraft,
  label: string,
  options: { position?: { x: number; y: number }; palette?: readonly string[] } = {},
): { draft: FlowDraft; id: string } {
  const state: StateDraft = {
    id: draftId("state"),
    key: stateKeyFrom(
      label,
      draft.states.map((s) => s.key),
    ),
    originalKey: null,
    autoKey: true,
    label,
    // The first colour of the palette no state wears yet, so states tell apart at a glance.
    color: options.palette?.find((color) => !draft.states.some((s) => s.color === color)) ?? null,
    ...(options.position ?? nextPosition(draft.states)),
  };
  return { draft: { ...draft, states: [...draft.states, state] }, id: state.id };
}

export function updateState(
  draft: FlowDraft,
  id: string,
  patch: Partial<Pick<StateDraft, "label" | "key" | "color">>,
): FlowDraft {
  const state = draft.states.find((s) => s.id === id);
  if (!state) return draft;
  const next: StateDraft = { ...state, ...patch };
  // A new state's key follows its name until the key is typed.
  if (patch.key !== undefined) next.autoKey = false;
  else if (patch.label !== undefined && state.autoKey) next.key = stateKeyFrom(patch.label, otherKeys(draft, id));
  const renamed = next.key !== state.key;
  const rename = (key: string) => (renamed && key === state.key ? next.key : key);
  return {
    states: draft.states.map((s) => (s.id === id ? next : s)),
    initial: draft.initial === null ? null : rename(draft.initial),
    transitions: renamed
      ? draft.transitions.map((t) => ({ ...t, to: rename(t.to), from: t.from === null ? null : t.from.map(rename) }))
      : draft.transitions,
  };
}

function otherKeys(draft: FlowDraft, id: string): string[] {
  return draft.states.filter((s) => s.id !== id).map((s) => s.key);
}

export function moveState(draft: FlowDraft, id: string, position: { x: number; y: number }): FlowDraft {
  return { ...draft, states: draft.states.map((s) => (s.id === id ? { ...s, ...position } : s)) };
}

/**
 * Removes a state with what depends on it: transitions into it, and transitions that could
 * only start from it; others just stop listing it as a start.
 */
export function deleteState(draft: FlowDraft, id: string): FlowDraft {
  const state = draft.states.find((s) => s.id === id);
  if (!state) return draft;
  const transitions: TransitionDraft[] = [];
  for (const t of draft.transitions) {
    if (t.to === state.key) continue;
    if (t.from === null || !t.from.includes(state.key)) {
      transitions.push(t);
      continue;
    }
    const from = t.from.filter((key) => key !== state.key);
    if (from.length > 0) transitions.push({ ...t, from });
  }
  return {
    states: draft.states.filter((s) => s.id !== id),
    initial: draft.initial === state.key ? null : draft.initial,
    transitions,
  };
}

export function setInitial(draft: FlowDraft, key: string | null): FlowDraft {
  return { ...draft, initial: key };
}

/** A new transition between two states (from null: any state), named after its target. */
export function addTransition(
  draft: FlowDraft,
  from: string[] | null,
  to: string,
  name: string,
): { draft: FlowDraft; id: string } {
  const transition: TransitionDraft = {
    id: draftId("transition"),
    key: snakeKeyFrom(
      name,
      draft.transitions.map((t) => t.key),
      "transition",
    ),
    autoKey: true,
    name,
    from,
    to,
    guard: null,
    roles: [],
    updates: [],
    inputs: [],
  };
  return { draft: { ...draft, transitions: [...draft.transitions, transition] }, id: transition.id };
}

export function updateTransition(draft: FlowDraft, id: string, patch: Partial<Omit<TransitionDraft, "id">>): FlowDraft {
  return {
    ...draft,
    transitions: draft.transitions.map((t) => {
      if (t.id !== id) return t;
      const next = { ...t, ...patch };
      if (patch.key !== undefined) next.autoKey = false;
      else if (patch.name !== undefined && t.autoKey) {
        next.key = snakeKeyFrom(
          patch.name,
          draft.transitions.filter((o) => o.id !== id).map((o) => o.key),
          "transition",
        );
      }
      return next;
    }),
  };
}

export function deleteTransition(draft: FlowDraft, id: string): FlowDraft {
  return { ...draft, transitions: draft.transitions.filter((t) => t.id !== id) };
}

/** Moves a state up or down the list: the order of the status field's options (menus, board columns). */
export function reorderState(draft: FlowDraft, id: string, delta: -1 | 1): FlowDraft {
  const index = draft.states.findIndex((s) => s.id === id);
  const target = index + delta;
  if (index < 0 || target < 0 || target >= draft.states.length) return draft;
  const states = [...draft.states];
  const [moved] = states.splice(index, 1);
  if (moved) states.splice(target, 0, moved);
  return { ...draft, states };
}
