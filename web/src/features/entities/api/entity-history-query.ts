import type { Json } from "@flexoffice/shared";
import { useInfiniteQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { entityKeys } from "./keys.ts";

export type HistoryAction = "create" | "update" | "transition" | "delete" | "restore" | (string & {});

/** One entry of an entity's history; fields the caller cannot read are already left out. */
export type HistoryEntry = {
  id: number;
  version: number;
  occurred_at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: HistoryAction;
  transition_key: string | null;
  from_state: string | null;
  to_state: string | null;
  /** {field: [before, after]} */
  changes: Record<string, [Json, Json]>;
  input: Record<string, Json> | null;
};

export type HistoryPage = { entries: HistoryEntry[]; nextBeforeId: number | null };

const PAGE_SIZE = 25;

export async function fetchHistoryPage(entityId: string, beforeId: number | null): Promise<HistoryPage> {
  const raw = (await callRpc("entity_history", {
    p_entity_id: entityId,
    p_limit: PAGE_SIZE,
    ...(beforeId === null ? {} : { p_before_id: beforeId }),
  })) as { entries?: HistoryEntry[]; next_before_id?: number | null } | null;
  return {
    entries: (raw?.entries ?? []).map((entry) => ({ ...entry, changes: entry.changes ?? {}, input: entry.input ?? null })),
    nextBeforeId: raw?.next_before_id ?? null,
  };
}

/** Newest first, a page at a time ("Show older"). */
export function useEntityHistoryQuery(entityId: string) {
  return useInfiniteQuery({
    queryKey: entityKeys.history(entityId),
    queryFn: ({ pageParam }) => fetchHistoryPage(entityId, pageParam),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeId,
  });
}
