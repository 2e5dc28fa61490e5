import type { FieldDefinition } from "@flexoffice/shared";
import { useMemo } from "react";
import type { LookupOption } from "../../../components/fields/index.ts";
import { callRpc, throwOnError } from "../../../lib/api-error.ts";
import { supabase } from "../../../lib/supabase.ts";

const shortId = (id: string) => `${id.slice(0, 8)}…`;

/** The first text value of an entity: good enough to recognise it in the preview's picker. */
function entityLabel(raw: unknown): LookupOption | null {
  const entity = (raw ?? {}) as { id?: unknown; data?: unknown };
  if (typeof entity.id !== "string") return null;
  const data = (entity.data ?? {}) as Record<string, unknown>;
  const text = Object.values(data).find((value): value is string => typeof value === "string" && value.trim() !== "");
  return { id: entity.id, label: text ?? shortId(entity.id) };
}

async function searchEntities(blueprintId: string, search: string): Promise<LookupOption[]> {
  const answer = (await callRpc("query_entities", {
    p_blueprint_id: blueprintId,
    p_limit: 20,
    ...(search ? { p_search: search } : {}),
  })) as { entities?: unknown[] } | null;
  return (answer?.entities ?? []).map(entityLabel).filter((option): option is LookupOption => option !== null);
}

async function searchMembers(tenantId: string, search: string): Promise<LookupOption[]> {
  const members = await supabase.from("tenant_members").select("user_id").eq("tenant_id", tenantId).then(throwOnError);
  if (members.length === 0) return [];
  const profiles = await supabase
    .from("profiles")
    .select("id, full_name, email")
    .in(
      "id",
      members.map((m) => m.user_id),
    )
    .then(throwOnError);
  const needle = search.toLowerCase();
  return profiles
    .map((p) => ({ id: p.id, label: p.full_name || p.email || shortId(p.id) }))
    .filter((option) => !needle || option.label.toLowerCase().includes(needle))
    .slice(0, 20);
}

/**
 * What the preview's reference and member pickers offer: real entities of the referenced
 * blueprint and real members, so the person sees the picker as it will be. Read-only.
 */
export function usePreviewLookups(tenantId: string) {
  return useMemo(
    () => ({
      referenceOptions: async (field: FieldDefinition, search: string): Promise<LookupOption[]> => {
        if (field.type === "member") return searchMembers(tenantId, search.trim());
        const target = field.reference?.blueprint_id;
        return target ? searchEntities(target, search.trim()) : [];
      },
    }),
    [tenantId],
  );
}
