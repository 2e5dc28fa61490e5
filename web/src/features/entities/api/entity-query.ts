import type { Json } from "@flexoffice/shared";
import { useQuery } from "@tanstack/react-query";
import { ApiError, callRpc } from "../../../lib/api-error.ts";
import { entityKeys } from "./keys.ts";

/** Values of an entity keyed by field key; fields the caller cannot read are absent. */
export type EntityData = Record<string, Json>;

/** One entity as the API answers it (get_entity, create_entity, update_entity, transition_entity). */
export type EntityRecord = {
  id: string;
  blueprint_id: string;
  blueprint_version: number;
  version: number;
  data: EntityData;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  updated_by: string | null;
  deleted_at: string | null;
};

/** Every entity answer goes through here, so the screens never meet a half-shaped one. */
export function toEntityRecord(raw: unknown): EntityRecord {
  const value = (raw ?? {}) as Partial<EntityRecord>;
  if (typeof value.id !== "string" || typeof value.version !== "number") {
    throw new ApiError({ code: "unknown", status: 200, serverMessage: "Unexpected entity answer." });
  }
  return {
    id: value.id,
    blueprint_id: value.blueprint_id ?? "",
    blueprint_version: value.blueprint_version ?? 1,
    version: value.version,
    data: value.data && typeof value.data === "object" ? value.data : {},
    created_at: value.created_at ?? "",
    created_by: value.created_by ?? null,
    updated_at: value.updated_at ?? "",
    updated_by: value.updated_by ?? null,
    deleted_at: value.deleted_at ?? null,
  };
}

export async function fetchEntity(entityId: string): Promise<EntityRecord> {
  return toEntityRecord(await callRpc("get_entity", { p_entity_id: entityId }));
}

/** An unknown or invisible entity (404) is an answer, not a failure worth retrying. */
export function useEntityQuery(entityId: string, enabled = true) {
  return useQuery({
    queryKey: entityKeys.entity(entityId),
    queryFn: () => fetchEntity(entityId),
    enabled,
    retry: (count, error) => !(error instanceof ApiError && (error.code === "FONF0" || error.code === "FOVAL")) && count < 2,
  });
}
