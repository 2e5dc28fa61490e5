import type { FieldDefinition, FlowTransition, Json } from "@flexoffice/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, callRpc } from "../../../lib/api-error.ts";
import { blueprintChanges, type FlowDesign, type FlowDraft, flowPayload } from "../lib/draft.ts";
import type { SaveStep } from "../lib/server-issue.ts";
import { flowKeys } from "./keys.ts";

/**
 * A refusal while saving, with the part that refused (the states or the flow, from the field
 * it names), so the designer can show it at the right control.
 */
export class SaveFlowError extends Error {
  readonly step: SaveStep;
  readonly error: unknown;
  readonly changeStateIds: readonly (string | null)[];

  constructor(step: SaveStep, error: unknown, changeStateIds: readonly (string | null)[]) {
    super(error instanceof Error ? error.message : "save failed");
    this.name = "SaveFlowError";
    this.step = step;
    this.error = error;
    this.changeStateIds = changeStateIds;
  }
}

type FlowRow = { version: number; states: { key: string; x?: number; y?: number }[]; transitions: FlowTransition[] };
type SavedDesign = { blueprint: { version: number; name: string; fields: FieldDefinition[] } | null; flow: FlowRow };

/**
 * Saves a draft whole with `save_flow_design`: the status field's states (its options, as
 * blueprint changes, when they changed) and the flow, each against the version the draft was
 * loaded at, in one transaction: a refusal saves neither. Answers the design as the database
 * now holds it.
 */
export async function saveFlowDesign({ design, draft }: { design: FlowDesign; draft: FlowDraft }): Promise<FlowDesign> {
  const statusField = design.statusField;
  if (!statusField) throw new Error("a flow needs a status field");
  const { changes, stateIds } = blueprintChanges(statusField, draft);
  let saved: SavedDesign;
  try {
    saved = (await callRpc("save_flow_design", {
      p_blueprint_id: design.blueprint.id,
      p_expected_blueprint_version: design.blueprint.version,
      p_changes: changes as unknown as Json,
      p_expected_flow_version: design.flow?.version ?? 0,
      p_flow: flowPayload(draft, statusField.key) as unknown as Json,
    })) as SavedDesign;
  } catch (error) {
    const step: SaveStep = error instanceof ApiError && error.field?.startsWith("changes") ? "states" : "flow";
    throw new SaveFlowError(step, error, stateIds);
  }
  const blueprint = saved.blueprint
    ? { ...design.blueprint, version: saved.blueprint.version, name: saved.blueprint.name }
    : design.blueprint;
  const fields = saved.blueprint?.fields ?? design.fields;
  return {
    ...design,
    blueprint,
    fields,
    statusField: fields.find((field) => field.key === statusField.key) ?? statusField,
    flow: { version: saved.flow.version, states: saved.flow.states, transitions: saved.flow.transitions },
  };
}

export function useSaveFlowMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveFlowDesign,
    onSuccess: (design) => {
      queryClient.setQueryData(flowKeys.design(design.blueprint.id), design);
    },
    onSettled: (_data, _error, { design }) => {
      void queryClient.invalidateQueries({ queryKey: flowKeys.list(design.blueprint.tenantId) });
    },
  });
}
