import type { FieldDefinition } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { callRpc } from "../../../lib/api-error.ts";
import { blueprintKeys } from "./keys.ts";

/** How many failed entities get their title looked up (one get_entity each); the rest show their short id. */
export const TITLED_FAILURES = 50;

/** The field that names an entity: the first text field (required ones first). */
export function titleField(fields: readonly FieldDefinition[]): string | null {
  const texts = fields.filter((field) => field.type === "text");
  return (texts.find((field) => field.required) ?? texts[0])?.key ?? null;
}

/**
 * Titles of the entities a migration could not convert, so the failures list says
 * "Parcel 7" rather than an id. Entities the member may not read are left out.
 */
export async function fetchEntityTitles(
  ids: readonly string[],
  fields: readonly FieldDefinition[],
): Promise<Map<string, string>> {
  const key = titleField(fields);
  const titles = new Map<string, string>();
  if (!key) return titles;
  await Promise.all(
    ids.slice(0, TITLED_FAILURES).map(async (id) => {
      try {
        const entity = (await callRpc("get_entity", { p_entity_id: id })) as { data?: Record<string, unknown> } | null;
        const title = entity?.data?.[key];
        if (typeof title === "string" && title.trim() !== "") titles.set(id, title);
      } catch {
        // Not readable (deleted meanwhile, or hidden by a rule): the short id stays.
      }
    }),
  );
  return titles;
}

export function useEntityTitlesQuery(ids: readonly string[], fields: readonly FieldDefinition[]) {
  const shown = ids.slice(0, TITLED_FAILURES);
  return useQuery({
    queryKey: [...blueprintKeys.all, "entity-titles", shown, titleField(fields)],
    queryFn: () => fetchEntityTitles(shown, fields),
    enabled: shown.length > 0,
    staleTime: 30_000,
  });
}
