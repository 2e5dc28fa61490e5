import type { Json } from "@flexoffice/shared";
import {
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from "@tanstack/react-query";
import { ApiError, callRpc } from "../../../lib/api-error.ts";
import type { EntityData } from "./entity-query.ts";
import { refetchGridOnFocus } from "./grid-cache.ts";
import { type GridQueryParams, gridKeys } from "./grid-keys.ts";

/** One row of a grid page, as query_entities answers it (fields the caller cannot read are absent). */
export type GridRow = {
  id: string;
  blueprint_version: number;
  version: number;
  data: EntityData;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
};

/** The size of the result: exact up to the cap, an estimate with its lower bound beyond. */
export type GridCount = { value: number; exact: boolean; atLeast: number | null };

export type GridPage = { rows: GridRow[]; nextCursor: string | null };

/** Rows per request: large enough that fast scrolling seldom waits, small enough to answer quickly. */
export const PAGE_SIZE = 200;
/** Counted exactly up to here; beyond, the database estimates (docs/entities.md, "Queries"). */
export const COUNT_CAP = 10_000;

type QueryAnswer = {
  entities?: unknown[];
  next_cursor?: string | null;
  count?: { value?: number; exact?: boolean; at_least?: number } | null;
};

function toGridRow(raw: unknown): GridRow {
  const row = (raw ?? {}) as Partial<GridRow>;
  if (typeof row.id !== "string" || typeof row.version !== "number") {
    throw new ApiError({ code: "unknown", status: 200, serverMessage: "Unexpected row in the list answer." });
  }
  return {
    id: row.id,
    blueprint_version: row.blueprint_version ?? 1,
    version: row.version,
    data: row.data && typeof row.data === "object" ? (row.data as Record<string, Json>) : {},
    created_at: row.created_at ?? "",
    created_by: row.created_by ?? null,
    updated_at: row.updated_at ?? "",
    updated_by: row.updated_by ?? null,
  };
}

/** The query's filter, sort and search as query_entities takes them. */
function queryArgs(params: GridQueryParams) {
  const search = params.search.trim();
  return {
    ...(params.filter ? { p_filter: params.filter as unknown as Json } : {}),
    ...(params.sort.length > 0 ? { p_sort: params.sort } : {}),
    ...(search ? { p_search: search } : {}),
  };
}

/**
 * One keyset page of a blueprint's entities. The database applies the caller's row and field
 * rules and refuses a filter, sort or search on a field they cannot read (403 hidden_field).
 */
export async function fetchEntitiesPage(blueprintId: string, params: GridQueryParams, cursor: string | null): Promise<GridPage> {
  const answer = (await callRpc("query_entities", {
    p_blueprint_id: blueprintId,
    p_limit: PAGE_SIZE,
    ...queryArgs(params),
    ...(cursor ? { p_cursor: cursor } : {}),
  })) as QueryAnswer | null;
  return { rows: (answer?.entities ?? []).map(toGridRow), nextCursor: answer?.next_cursor ?? null };
}

/**
 * How many entities match, asked apart from the first page so the rows show without waiting
 * for the count: exact up to COUNT_CAP, estimated beyond.
 */
export async function fetchEntitiesCount(blueprintId: string, params: GridQueryParams): Promise<GridCount> {
  const answer = (await callRpc("query_entities", {
    p_blueprint_id: blueprintId,
    p_limit: 1,
    p_count: true,
    p_count_cap: COUNT_CAP,
    ...queryArgs(params),
  })) as QueryAnswer | null;
  const count = answer?.count;
  if (!count || typeof count.value !== "number") {
    throw new ApiError({ code: "unknown", status: 200, serverMessage: "The list answer has no count." });
  }
  return { value: count.value, exact: count.exact !== false, atLeast: count.at_least ?? null };
}

/** The count of the grid's query; refetched with the blueprint's data after every write. */
export function gridCountQueryOptions(blueprintId: string, params: GridQueryParams) {
  return queryOptions({
    queryKey: gridKeys.count(blueprintId, params),
    queryFn: () => fetchEntitiesCount(blueprintId, params),
    retry: false,
  });
}

/** The grid's pages, one keyset page after another. */
export function gridPagesQueryOptions(blueprintId: string, params: GridQueryParams) {
  return infiniteQueryOptions({
    queryKey: gridKeys.pages(blueprintId, params),
    queryFn: ({ pageParam }) => fetchEntitiesPage(blueprintId, params, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: (count, error) => !(error instanceof ApiError && ["FODEN", "FOVAL", "FONF0"].includes(error.code)) && count < 2,
  });
}

export function useEntitiesCountQuery(blueprintId: string, params: GridQueryParams) {
  return useQuery({ ...gridCountQueryOptions(blueprintId, params), placeholderData: keepPreviousData });
}

/**
 * Loads the first page and the count of a grid into the cache (unless fresh there), so the
 * workspace's own queries find them when it mounts (api/grid-prefetch.ts).
 */
export async function prefetchGrid(queryClient: QueryClient, blueprintId: string, params: GridQueryParams): Promise<void> {
  await Promise.all([
    queryClient.prefetchInfiniteQuery(gridPagesQueryOptions(blueprintId, params)),
    queryClient.prefetchQuery(gridCountQueryOptions(blueprintId, params)),
  ]);
}

/** Pages of the grid, loaded one after another as the person scrolls; the last result stays on screen while a new query loads. */
export function useEntitiesPagesQuery(blueprintId: string, params: GridQueryParams) {
  return useInfiniteQuery({
    ...gridPagesQueryOptions(blueprintId, params),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: refetchGridOnFocus,
  });
}
