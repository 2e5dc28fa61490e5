import type { FieldDefinition } from "@flexoffice/shared";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { callRpc, toApiError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { entityTitle, titleFieldOf } from "../lib/record-title.ts";
import { fetchBlueprintVersionFields } from "./blueprint-version-query.ts";
import { toEntityRecord } from "./entity-query.ts";
import { entityKeys } from "./keys.ts";
import { memberNamesQueryOptions } from "./member-names-query.ts";

/** What FieldInput's reference and member pickers show for one entry. */
export type LookupEntry = { id: string; label: string };

const PAGE = 20;
const shortId = (id: string) => `${id.slice(0, 8)}…`;

/** The latest fields of a referenced blueprint, to name its entities by their title field. */
async function targetFields(queryClient: QueryClient, blueprintId: string): Promise<FieldDefinition[]> {
  const row = await queryClient.fetchQuery({
    queryKey: [...entityKeys.all, "blueprint-row", blueprintId],
    queryFn: async () => {
      const { data, error, status } = await supabase.from("blueprints").select("version").eq("id", blueprintId).single();
      if (error) throw toApiError(error, status);
      return { version: data.version };
    },
    staleTime: 60_000,
  });
  return queryClient.fetchQuery({
    queryKey: entityKeys.blueprintVersion(blueprintId, row.version),
    queryFn: () => fetchBlueprintVersionFields(blueprintId, row.version),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Entities of the referenced blueprint whose text contains the search (query_entities' free-text search). */
async function searchEntities(queryClient: QueryClient, blueprintId: string, search: string): Promise<LookupEntry[]> {
  const fields = await targetFields(queryClient, blueprintId);
  const title = titleFieldOf(fields);
  const answer = (await callRpc("query_entities", {
    p_blueprint_id: blueprintId,
    p_limit: PAGE,
    ...(search.trim() ? { p_search: search.trim() } : {}),
  })) as { entities?: unknown[] } | null;
  return (answer?.entities ?? []).map((raw) => {
    const entity = toEntityRecord(raw);
    return { id: entity.id, label: entityTitle(title, entity.data) ?? shortId(entity.id) };
  });
}

/** Members of the tenant whose name or email contains the search (from the tenant's cached member names). */
async function searchMembers(queryClient: QueryClient, tenantId: string, search: string): Promise<LookupEntry[]> {
  const names = await queryClient.fetchQuery(memberNamesQueryOptions(tenantId));
  const needle = search.trim().toLowerCase();
  return [...names]
    .map(([id, label]) => ({ id, label }))
    .filter((entry) => !needle || entry.label.toLowerCase().includes(needle))
    .sort((a, b) => a.label.localeCompare(b.label))
    .slice(0, PAGE);
}

async function labelOf(
  queryClient: QueryClient,
  tenantId: string,
  field: FieldDefinition,
  id: string,
): Promise<string | undefined> {
  if (field.type === "member") return (await queryClient.fetchQuery(memberNamesQueryOptions(tenantId))).get(id);
  const blueprintId = field.reference?.blueprint_id;
  if (!blueprintId) return undefined;
  const entity = toEntityRecord(await callRpc("get_entity", { p_entity_id: id }));
  return entityTitle(titleFieldOf(await targetFields(queryClient, blueprintId)), entity.data) ?? undefined;
}

/**
 * The searches behind reference and member fields (FieldInput's `referenceOptions` and
 * `referenceLabel`), cached per search so typing back and forth does not ask twice. The
 * database decides what the member may see of the referenced blueprint.
 */
export function useLookupLoaders(tenantId: string) {
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      referenceOptions: (field: FieldDefinition, search: string): Promise<LookupEntry[]> => {
        const target = field.type === "member" ? `members:${tenantId}` : (field.reference?.blueprint_id ?? "");
        return queryClient.fetchQuery({
          queryKey: entityKeys.referenceOptions(target, search.trim()),
          queryFn: () =>
            field.type === "member"
              ? searchMembers(queryClient, tenantId, search)
              : target
                ? searchEntities(queryClient, target, search)
                : [],
          staleTime: 30_000,
        });
      },
      referenceLabel: (field: FieldDefinition, id: string): Promise<string | undefined> =>
        queryClient
          .fetchQuery({
            queryKey: entityKeys.referenceLabels(field.reference?.blueprint_id ?? `members:${tenantId}`, [id]),
            queryFn: async () => (await labelOf(queryClient, tenantId, field, id)) ?? null,
            staleTime: 60_000,
          })
          .then((label) => label ?? undefined)
          .catch(() => undefined),
    }),
    [queryClient, tenantId],
  );
}
