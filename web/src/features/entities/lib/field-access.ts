import type { ActionAccess, EntityAccess, EntityAction } from "../api/access-query.ts";

type ExplainAnswer = {
  roles?: { source?: string; grants?: { action?: string; presets?: Record<string, unknown> }[] | null }[];
  actions?: Partial<Record<EntityAction, { allowed?: boolean; fields?: string[] }>>;
  entity?: Partial<Record<EntityAction, { allowed?: boolean }>>;
};

const ACTIONS: EntityAction[] = ["read", "create", "update", "delete", "transition"];

/**
 * Reads `explain_permissions` (about the member themselves) into the shape the screens use.
 * Presets count only when every create grant of the member sets them: then whatever is
 * typed there is replaced, so the form locks the field and says why.
 */
export function parseAccess(raw: unknown): EntityAccess {
  const answer = (raw ?? {}) as ExplainAnswer;
  const access = {} as Record<EntityAction, ActionAccess>;
  for (const action of ACTIONS) {
    const entry = answer.actions?.[action];
    access[action] = { allowed: entry?.allowed === true, fields: entry?.fields ?? null };
  }
  type Grant = { action?: string; presets?: Record<string, unknown> };
  const createGrants = (answer.roles ?? []).flatMap((role): Grant[] =>
    role.source === "admin" ? [{ action: "create" }] : (role.grants ?? []).filter((grant) => grant.action === "create"),
  );
  const presetKeys = createGrants.map((grant) => new Set(Object.keys(grant.presets ?? {})));
  const [first, ...rest] = presetKeys;
  const preset = new Set([...(first ?? [])].filter((key) => rest.every((keys) => keys.has(key))));
  let entity: EntityAccess["entity"] = null;
  if (answer.entity) {
    entity = {};
    for (const action of ACTIONS) entity[action] = answer.entity[action]?.allowed === true;
  }
  return { ...access, presetOnCreate: preset, entity };
}

/** Whether a field may be read: absent from the list means hidden (null: every field). */
export function canRead(access: EntityAccess, key: string): boolean {
  return access.read.allowed && (access.read.fields === null || access.read.fields.includes(key));
}

/** Whether a field may be written by the action (create or update). */
export function canWrite(access: EntityAccess, action: "create" | "update", key: string): boolean {
  const entry = access[action];
  return entry.allowed && (entry.fields === null || entry.fields.includes(key));
}
