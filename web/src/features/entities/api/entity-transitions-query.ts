import type { FieldDefinition } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { entityKeys } from "./keys.ts";

/** Why a transition cannot run now (entity_transitions). */
export type TransitionBlock = "role" | "row_rule" | "from_state" | "guard" | "blueprint_version";

export type EntityTransition = {
  key: string;
  name: string;
  to: string;
  inputs: FieldDefinition[];
  available: boolean;
  reason: TransitionBlock | null;
  /** The guard in words (from the database), when the transition has one. */
  guard: string | null;
};

export type EntityTransitions = {
  stateField: string | null;
  /** null when the member cannot read the state field, or the entity has no state. */
  state: string | null;
  transitions: EntityTransition[];
};

export async function fetchEntityTransitions(entityId: string): Promise<EntityTransitions> {
  const raw = (await callRpc("entity_transitions", { p_entity_id: entityId })) as {
    state_field?: string | null;
    state?: string | null;
    transitions?: (Omit<EntityTransition, "inputs"> & { inputs?: FieldDefinition[] | null })[];
  } | null;
  return {
    stateField: raw?.state_field ?? null,
    state: raw?.state ?? null,
    transitions: (raw?.transitions ?? []).map((t) => ({ ...t, inputs: t.inputs ?? [], guard: t.guard ?? null })),
  };
}

/** What the member can run on the entity now, and why not the rest. */
export function useEntityTransitionsQuery(entityId: string, enabled = true) {
  return useQuery({
    queryKey: entityKeys.transitions(entityId),
    queryFn: () => fetchEntityTransitions(entityId),
    enabled,
  });
}
