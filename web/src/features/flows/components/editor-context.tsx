import { createContext, useContext } from "react";
import type { FlowDesign, FlowDraft } from "../lib/draft.ts";
import type { DraftIssue } from "../lib/issues.ts";

/** What is being edited in the side panel. */
export type Selection = { kind: "state" | "transition"; id: string } | null;

/** Which control of the side panel takes focus after an action (adding, "Edit" in the list, a problem). */
export type FocusRequest = { id: string; control: string; sequence: number } | null;

/**
 * The designer's shared state: the canvas, the list view and the side panel all read the
 * same draft and change it through `edit`, so every view stays in step.
 */
export type FlowEditorApi = {
  design: FlowDesign;
  draft: FlowDraft;
  /** Problems to show now (after a save was attempted, and the database's refusals). */
  issues: readonly DraftIssue[];
  selection: Selection;
  /** Whether states may change (their keys, names and colours live in the blueprint). */
  canEditStates: boolean;
  focusRequest: FocusRequest;
  edit: (change: (draft: FlowDraft) => FlowDraft) => void;
  select: (selection: Selection, focus?: string) => void;
  requestDelete: (target: NonNullable<Selection>) => void;
  addState: () => void;
  addTransition: (from?: string[] | null, to?: string) => void;
  /** A guard being edited is incomplete (the condition builder says so); blocks saving. */
  setGuardValid: (transitionId: string, valid: boolean) => void;
};

const EditorContext = createContext<FlowEditorApi | null>(null);

export const FlowEditorProvider = EditorContext.Provider;

export function useFlowEditor(): FlowEditorApi {
  const value = useContext(EditorContext);
  if (!value) throw new Error("useFlowEditor() is only available inside the flow editor");
  return value;
}
