import type { Json } from "@flexoffice/shared";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import type { FlowDesign } from "../lib/draft.ts";
import { snakeKeyFrom, stateKeyFrom } from "../lib/keys.ts";
import { flowKeys } from "./keys.ts";

export type AddStatusField = { design: FlowDesign; label: string; firstState: string };

/**
 * Gives a blueprint the status field a flow needs (a new blueprint version, `manage_blueprints`):
 * one state to start with, which new records take.
 */
export async function addStatusField({ design, label, firstState }: AddStatusField): Promise<void> {
  const key = snakeKeyFrom(
    label,
    design.fields.map((f) => f.key),
    "status",
  );
  const value = stateKeyFrom(firstState, []);
  await callRpc("update_blueprint", {
    p_blueprint_id: design.blueprint.id,
    p_expected_version: design.blueprint.version,
    p_changes: [
      {
        op: "add_field",
        field: {
          key,
          label: label.trim(),
          type: "status",
          options: [{ value, label: firstState.trim() }],
          default: { kind: "literal", value },
        },
      },
    ] as Json,
  });
}

export function useAddStatusFieldMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addStatusField,
    onSuccess: (_data, { design }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: flowKeys.design(design.blueprint.id) }),
        queryClient.invalidateQueries({ queryKey: flowKeys.list(design.blueprint.tenantId) }),
      ]),
  });
}
