import type { FieldDefinition, FlowTransition, Json } from "@flexoffice/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { blueprintChanges, type FlowDesign, type FlowDraft, flowPayload } from "../lib/draft.ts";
import type { SaveStep } from "../lib/server-issue.ts";
import { flowKeys } from "./keys.ts";

/**
 * A refusal while saving, with the call that refused, so the designer can show it at the
 * right control.
 */
export class SaveFlowError extends Error {
  readonly step: SaveStep;
  readonly error: unknown;
  readonly changeStateIds: readonly (string | null)[];
  /** The design with the saved status field, when `save_flow` refused after it was saved. */
  readonly designAfterStates: FlowDesign | null;

  constructor(
    step: SaveStep,
    error: unknown,
    changeStateIds: readonly (string | null)[],
    designAfterStates: FlowDesign | null = null,
  ) {
    super(error instanceof Error ? error.message : "save failed");
    this.name = "SaveFlowError";
    this.step = step;
    this.error = error;
    this.changeStateIds = changeStateIds;
    this.designAfterStates = designAfterStates;
  }
}

type FlowRow = { version: number; states: { key: string; x?: number; y?: number }[]; transitions: FlowTransition[] };

/**
 * Saves a draft: first the status field (its options are the states; `update_blueprint`, only
 * when they changed), then the whole flow with `save_flow`, each against the version the
 * draft was loaded at. Answers the design as the database now holds it.
 */
export async function saveFlowDesign({ design, draft }: { design: FlowDesign; draft: FlowDraft }): Promise<FlowDesign> {
  const statusField = design.statusField;
  if (!statusField) throw new Error("a flow needs a status field");
  const { changes, stateIds } = blueprintChanges(statusField, draft);
  let blueprint = design.blueprint;
  let fields = design.fields;
  if (changes.length > 0) {
    try {
      const saved = (await callRpc("update_blueprint", {
        p_blueprint_id: design.blueprint.id,
        p_expected_version: design.blueprint.version,
        p_changes: changes as unknown as Json,
      })) as { version: number; name: string; fields: FieldDefinition[] };
      blueprint = { ...blueprint, version: saved.version, name: saved.name };
      fields = saved.fields;
    } catch (error) {
      throw new SaveFlowError("states", error, stateIds);
    }
  }
  const newStatusField = fields.find((field) => field.key === statusField.key) ?? statusField;
  const afterStates: FlowDesign = { ...design, blueprint, fields, statusField: newStatusField };
  try {
    const flow = (await callRpc("save_flow", {
      p_blueprint_id: design.blueprint.id,
      p_expected_version: design.flow?.version ?? 0,
      p_flow: flowPayload(draft, newStatusField.key) as unknown as Json,
    })) as FlowRow;
    return {
      ...afterStates,
      flow: { version: flow.version, states: flow.states, transitions: flow.transitions },
    };
  } catch (error) {
    throw new SaveFlowError("flow", error, stateIds, changes.length > 0 ? afterStates : null);
  }
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
