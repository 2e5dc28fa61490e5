import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { callRpc, throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";
import type { FieldSummary, TrashPage } from "../lib/trash-items.ts";
import { trashKeys } from "./keys.ts";

/** Entities per page; blueprints come whole with every page. */
export const TRASH_PAGE_SIZE = 50;

/** A page of the trash with what the screen needs to name things: people and the entities' fields. */
export type LoadedTrashPage = TrashPage & {
  /** Display names of the people who deleted something (members the caller can see). */
  people: Record<string, string>;
  /** Field lists per `${blueprint_id}:${version}`. */
  fields: Record<string, FieldSummary[]>;
};

function asFields(value: unknown): FieldSummary[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((f) => {
    const field = f as Partial<FieldSummary>;
    return typeof field.key === "string" && typeof field.type === "string"
      ? [{ key: field.key, type: field.type, label: typeof field.label === "string" ? field.label : field.key }]
      : [];
  });
}

/** Where the next page starts: after the last entity seen, in the list's (deleted_at, id) order. */
export type TrashCursor = { deletedAt: string; id: string };

/**
 * One page of list_trash (entities after `cursor`, only `blueprintId`'s when given), with the
 * deleters' names from the profiles the caller may read and the field lists of the entities' versions.
 */
export async function fetchTrashPage(
  tenantId: string,
  blueprintId: string | null,
  cursor: TrashCursor | null,
): Promise<LoadedTrashPage> {
  const page = (await callRpc("list_trash", {
    p_tenant_id: tenantId,
    p_limit: TRASH_PAGE_SIZE,
    ...(cursor ? { p_before: cursor.deletedAt, p_before_id: cursor.id } : {}),
    ...(blueprintId ? { p_blueprint_id: blueprintId } : {}),
  })) as unknown as TrashPage;
  const userIds = [
    ...new Set([...page.blueprints, ...page.entities].map((x) => x.deleted_by).filter((id): id is string => !!id)),
  ];
  const blueprintIds = [...new Set(page.entities.map((e) => e.blueprint_id))];
  const [profiles, versions] = await Promise.all([
    userIds.length
      ? supabase.from("profiles").select("id, full_name, email").in("id", userIds).then(throwOnError)
      : Promise.resolve([]),
    blueprintIds.length
      ? supabase
          .from("blueprint_versions")
          .select("blueprint_id, version, fields")
          .in("blueprint_id", blueprintIds)
          .then(throwOnError)
      : Promise.resolve([]),
  ]);
  const people: Record<string, string> = {};
  for (const p of profiles) people[p.id] = p.full_name.trim() || p.email || "";
  const fields: Record<string, FieldSummary[]> = {};
  for (const v of versions) fields[`${v.blueprint_id}:${v.version}`] = asFields(v.fields);
  return { ...page, people, fields };
}

/**
 * The trash, page by page (the next page starts after the last entity seen), of every
 * blueprint or of one; the last list stays on screen while another blueprint's loads.
 */
export function useTrashQuery(tenantId: string, blueprintId: string | null) {
  return useInfiniteQuery({
    queryKey: trashKeys.listOf(tenantId, blueprintId),
    queryFn: ({ pageParam }) => fetchTrashPage(tenantId, blueprintId, pageParam),
    initialPageParam: null as TrashCursor | null,
    getNextPageParam: (last): TrashCursor | null => {
      const oldest = last.entities[last.entities.length - 1];
      return last.entities.length === TRASH_PAGE_SIZE && oldest ? { deletedAt: oldest.deleted_at, id: oldest.id } : null;
    },
    placeholderData: keepPreviousData,
  });
}
