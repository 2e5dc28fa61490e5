/** A deleted blueprint as list_trash returns it (the row plus how many entities went with it). */
export type TrashedBlueprint = {
  id: string;
  key: string;
  name: string;
  description: string | null;
  deleted_at: string;
  deleted_by: string | null;
  /** Entities that went to the trash with it and that the caller may read. */
  entities: number;
};

/** A deleted entity as list_trash returns it: only the values the caller may read. */
export type TrashedEntity = {
  id: string;
  blueprint_id: string;
  blueprint_version: number;
  blueprint_name: string;
  data: Record<string, unknown>;
  deleted_at: string;
  deleted_by: string | null;
  /** Went to the trash with its blueprint: it comes back when the blueprint does. */
  with_blueprint: boolean;
};

export type TrashPage = {
  blueprints: TrashedBlueprint[];
  entities: TrashedEntity[];
  retention_days: number;
};

/** A field of a blueprint version, as far as naming an entity needs it. */
export type FieldSummary = { key: string; label: string; type: string };

export type TrashKind = "blueprint" | "entity";

/** One row of the trash screen, whichever kind it is. */
export type TrashItem = {
  kind: TrashKind;
  id: string;
  /** What a person recognises: the blueprint's name, or the entity's first text value. */
  title: string;
  /** The entity's blueprint, or the blueprint itself. */
  blueprintId: string;
  blueprintName: string;
  deletedAt: string;
  deletedBy: string | null;
  /** Entities only: it can come back only with its blueprint. */
  withBlueprint: boolean;
  /** Blueprints only: how many entities return with it. */
  entityCount: number;
};

const DAY_MS = 86_400_000;

/** Field types whose value reads as a name. */
const NAMING_TYPES = new Set(["text", "email", "url", "phone", "single_select", "status", "long_text"]);

/**
 * Whole days until the nightly job purges an item (deleted_at + retention); 0 once it is due.
 * Rounded up, so "1 day left" means it goes at the next run after at most a day.
 */
export function daysLeft(deletedAt: string, retentionDays: number, now: Date = new Date()): number {
  const due = new Date(deletedAt).getTime() + retentionDays * DAY_MS;
  return Math.max(0, Math.ceil((due - now.getTime()) / DAY_MS));
}

/** The date the item becomes due for purging. */
export function purgeDate(deletedAt: string, retentionDays: number): string {
  return new Date(new Date(deletedAt).getTime() + retentionDays * DAY_MS).toISOString();
}

/**
 * The entity's name as a person would say it: the first naming field (in the blueprint's
 * order) that holds a value, else null (the screen then shows its short id).
 */
export function entityTitle(data: Record<string, unknown>, fields: readonly FieldSummary[] | undefined): string | null {
  for (const field of fields ?? []) {
    if (!NAMING_TYPES.has(field.type)) continue;
    const value = data[field.key];
    if (typeof value === "string" && value.trim() !== "") return value.trim().split("\n")[0] ?? null;
  }
  if (!fields) {
    for (const value of Object.values(data)) if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}

/** The first 8 characters of an id: enough to tell entities apart on one screen. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/**
 * Blueprints and entities as one list, newest deletion first. `fieldsOf` names the fields of
 * the version an entity was written with.
 */
export function toTrashItems(
  page: Pick<TrashPage, "blueprints" | "entities">,
  fieldsOf: (blueprintId: string, version: number) => readonly FieldSummary[] | undefined,
): TrashItem[] {
  const items: TrashItem[] = [
    ...page.blueprints.map<TrashItem>((b) => ({
      kind: "blueprint",
      id: b.id,
      title: b.name,
      blueprintId: b.id,
      blueprintName: b.name,
      deletedAt: b.deleted_at,
      deletedBy: b.deleted_by,
      withBlueprint: false,
      entityCount: b.entities,
    })),
    ...page.entities.map<TrashItem>((e) => ({
      kind: "entity",
      id: e.id,
      title: entityTitle(e.data, fieldsOf(e.blueprint_id, e.blueprint_version)) ?? `#${shortId(e.id)}`,
      blueprintId: e.blueprint_id,
      blueprintName: e.blueprint_name,
      deletedAt: e.deleted_at,
      deletedBy: e.deleted_by,
      withBlueprint: e.with_blueprint,
      entityCount: 0,
    })),
  ];
  return items.sort((a, b) => b.deletedAt.localeCompare(a.deletedAt) || a.id.localeCompare(b.id));
}

export type TrashFilter = { kind: TrashKind | "all"; blueprintId: string | "all" };

/** The items a filter keeps: a blueprint filter keeps the blueprint itself and its entities. */
export function filterTrash(items: readonly TrashItem[], filter: TrashFilter): TrashItem[] {
  return items.filter(
    (item) =>
      (filter.kind === "all" || item.kind === filter.kind) &&
      (filter.blueprintId === "all" || item.blueprintId === filter.blueprintId),
  );
}

/**
 * The blueprints to filter the trash by, by name: the live ones (`live`; their deleted records
 * may be on pages not loaded yet) and those the trash mentions (deleted blueprints, and the
 * blueprints of loaded deleted records).
 */
export function trashBlueprints(
  items: readonly TrashItem[],
  live: readonly { id: string; name: string }[] = [],
): { id: string; name: string }[] {
  const byId = new Map<string, string>();
  for (const blueprint of live) byId.set(blueprint.id, blueprint.name);
  for (const item of items) byId.set(item.blueprintId, item.blueprintName);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
