import type { FieldDefinition, Json } from "@flexoffice/shared";
import { type QueryClient, useQueries, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { callRpc, throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import { entityTitle, titleFieldOf } from "../lib/record-title.ts";
import { fetchBlueprintVersionFields } from "./blueprint-version-query.ts";
import type { GridRow } from "./entities-page-query.ts";
import { toEntityRecord } from "./entity-query.ts";
import { gridKeys } from "./grid-keys.ts";
import { entityKeys } from "./keys.ts";
import { useMemberNamesQuery } from "./member-names-query.ts";

/** Ids resolved per request (query_entities' page size limit). */
const CHUNK = 200;

/**
 * The titles of referenced entities, read through query_entities on their blueprint, so the
 * reader's permissions there apply: entities (or titles) they cannot read stay unnamed.
 */
async function fetchReferenceTitles(queryClient: QueryClient, blueprintId: string, ids: readonly string[]) {
  const blueprint = await supabase.from("blueprints").select("version").eq("id", blueprintId).single().then(throwOnError);
  const fields = await queryClient.fetchQuery({
    queryKey: entityKeys.blueprintVersion(blueprintId, blueprint.version),
    queryFn: () => fetchBlueprintVersionFields(blueprintId, blueprint.version),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const title = titleFieldOf(fields);
  const answer = (await callRpc("query_entities", {
    p_blueprint_id: blueprintId,
    p_filter: { field: "id", op: "in", value: [...ids] },
    p_limit: CHUNK,
  })) as { entities?: unknown[] } | null;
  const titles = new Map<string, string>();
  for (const raw of answer?.entities ?? []) {
    const entity = toEntityRecord(raw);
    const text = entityTitle(title, entity.data as Record<string, Json>);
    if (text) titles.set(entity.id, text);
  }
  return titles;
}

/** One lookup of every title resolved so far (module-level, so useQueries keeps its result while nothing changed). */
function mergeTitles(results: { data?: Map<string, string> }[]): Map<string, string> {
  const merged = new Map<string, string>();
  for (const result of results) for (const [id, title] of result.data ?? []) merged.set(id, title);
  return merged;
}

/** The reference ids of the loaded rows, per referenced blueprint, in chunks that stay stable as more rows load. */
function referenceChunks(fields: readonly FieldDefinition[], rows: readonly GridRow[]) {
  const byTarget = new Map<string, string[]>();
  for (const field of fields) {
    const target = field.type === "reference" ? field.reference?.blueprint_id : undefined;
    if (!target) continue;
    const list = byTarget.get(target) ?? [];
    const seen = new Set(list);
    for (const row of rows) {
      const id = row.data[field.key];
      if (typeof id === "string" && !seen.has(id)) {
        seen.add(id);
        list.push(id);
      }
    }
    byTarget.set(target, list);
  }
  const chunks: { blueprintId: string; ids: string[] }[] = [];
  for (const [blueprintId, ids] of byTarget) {
    for (let start = 0; start < ids.length; start += CHUNK) chunks.push({ blueprintId, ids: ids.slice(start, start + CHUNK) });
  }
  return chunks;
}

/**
 * Names for member and reference cells of the loaded rows: FieldValue's `referenceLabel`. Until
 * a name is known (or when the reader may not see it) the cell shows a short id.
 */
export function useGridLabels(tenantId: string, fields: readonly FieldDefinition[], rows: readonly GridRow[]) {
  const queryClient = useQueryClient();
  const hasMembers = fields.some((field) => field.type === "member");
  const members = useMemberNamesQuery(tenantId, hasMembers);
  const chunks = useMemo(() => referenceChunks(fields, rows), [fields, rows]);
  const titles = useQueries({
    queries: chunks.map((chunk) => ({
      queryKey: gridKeys.referenceTitles(chunk.blueprintId, chunk.ids),
      queryFn: () => fetchReferenceTitles(queryClient, chunk.blueprintId, chunk.ids),
      staleTime: 60_000,
      retry: false,
    })),
    combine: mergeTitles,
  });
  // Without member fields, the names (prefetched for the filter) must not re-render every cell when they arrive.
  const memberNames = hasMembers ? members.data : undefined;
  return useCallback(
    (field: FieldDefinition, id: string): string | undefined => (field.type === "member" ? memberNames?.get(id) : titles.get(id)),
    [memberNames, titles],
  );
}
