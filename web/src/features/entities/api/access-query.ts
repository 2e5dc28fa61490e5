import { queryOptions, useQuery } from "@tanstack/react-query";
import { ApiError, callRpc } from "../../../lib/api-error.ts";
import { parseAccess } from "../lib/field-access.ts";
import { entityKeys } from "./keys.ts";

export type EntityAction = "read" | "create" | "update" | "delete" | "transition";

/** One action as `explain_permissions` tells it: allowed at all, and the fields (null: every field). */
export type ActionAccess = { allowed: boolean; fields: string[] | null };

/**
 * What the signed-in member may do with a blueprint's entities: a UI hint to hide or disable
 * what would be refused. The database checks every call again.
 */
export type EntityAccess = Record<EntityAction, ActionAccess> & {
  /** Fields every create grant of the member presets: whatever they type there is replaced. */
  presetOnCreate: ReadonlySet<string>;
  /** With an entity: whether this entity is within the member's rows for each action. */
  entity: Partial<Record<EntityAction, boolean>> | null;
};

/** Asks the database what the member may do (about themselves, so no capability is needed). */
export async function fetchAccess(
  tenantId: string,
  userId: string,
  blueprintId: string,
  entityId?: string,
): Promise<EntityAccess> {
  const raw = await callRpc("explain_permissions", {
    p_tenant_id: tenantId,
    p_user_id: userId,
    p_blueprint_id: blueprintId,
    ...(entityId ? { p_entity_id: entityId } : {}),
  });
  return parseAccess(raw);
}

export function useAccessQuery(tenantId: string, userId: string, blueprintId: string | undefined, entityId?: string) {
  return useQuery(accessQueryOptions(tenantId, userId, blueprintId, entityId));
}

export function accessQueryOptions(tenantId: string, userId: string, blueprintId: string | undefined, entityId?: string) {
  return queryOptions({
    queryKey: entityKeys.access(blueprintId ?? "", userId, entityId),
    queryFn: () => fetchAccess(tenantId, userId, blueprintId ?? "", entityId),
    enabled: Boolean(blueprintId) && Boolean(userId),
    // An unknown entity or blueprint is an answer (the page says "not found"), not worth asking again.
    retry: (count, error) => !(error instanceof ApiError && (error.code === "FONF0" || error.code === "FOVAL")) && count < 2,
  });
}

// The field checks live with the pure logic (lib/), so tests and pure modules can use them without the client.
export { canRead, canWrite, parseAccess } from "../lib/field-access.ts";
