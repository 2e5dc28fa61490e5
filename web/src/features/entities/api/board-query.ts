import type { Filter, Json } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { type EntityRecord, toEntityRecord } from "./entity-query.ts";
import { entityKeys } from "./keys.ts";

/** The cards of one column: the most recently changed first, and how many the column holds. */
export type BoardColumnData = { entities: EntityRecord[]; total: number; exact: boolean };

/** Cards per column: a board is for the work in flight; the grid lists everything. */
export const BOARD_COLUMN_LIMIT = 50;

/** The key of the column for entities without a state (they can still be moved into one). */
export const NO_STATE = "__none__";

async function fetchColumn(blueprintId: string, filter: Filter): Promise<BoardColumnData> {
  const answer = (await callRpc("query_entities", {
    p_blueprint_id: blueprintId,
    p_filter: filter as Json,
    p_sort: [{ field: "updated_at", direction: "desc" }],
    p_limit: BOARD_COLUMN_LIMIT,
    p_count: true,
  })) as { entities?: unknown[]; count?: { value?: number; exact?: boolean } | null } | null;
  const entities = (answer?.entities ?? []).map(toEntityRecord);
  return { entities, total: answer?.count?.value ?? entities.length, exact: answer?.count?.exact !== false };
}

/**
 * One page of each state's entities (query_entities filtered on the state field), plus those
 * with no state at all. The database applies the member's read rules and hidden fields.
 */
export async function fetchBoard(blueprintId: string, stateField: string, states: readonly string[]) {
  const columns = await Promise.all([
    ...states.map((state) => fetchColumn(blueprintId, { field: stateField, op: "eq", value: state })),
    fetchColumn(blueprintId, { field: stateField, op: "is_null", value: true }),
  ]);
  const byState = new Map<string, BoardColumnData>();
  states.forEach((state, index) => {
    const column = columns[index];
    if (column) byState.set(state, column);
  });
  const none = columns[states.length];
  if (none && none.total > 0) byState.set(NO_STATE, none);
  return byState;
}

export function useBoardQuery(blueprintId: string | undefined, stateField: string | undefined, states: readonly string[]) {
  return useQuery({
    queryKey: entityKeys.board(blueprintId ?? "", stateField ?? "", states),
    queryFn: () => fetchBoard(blueprintId ?? "", stateField ?? "", states),
    enabled: Boolean(blueprintId && stateField),
  });
}
