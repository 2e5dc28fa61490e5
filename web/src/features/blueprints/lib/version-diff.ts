import type { FieldDefinition, FieldOption } from "@flexoffice/shared";
import { cleanField, stableJson } from "./draft.ts";

/** One property that differs between two definitions of the same field. */
export type PropertyChange = { property: string; before: unknown; after: unknown };

/** How the options of a select or status field changed. */
export type OptionsChange = {
  added: FieldOption[];
  removed: FieldOption[];
  renamed: { from: string; to: string }[];
  relabelled: { value: string; before: FieldOption; after: FieldOption }[];
  reordered: boolean;
};

export type FieldDiff =
  | { kind: "added"; field: FieldDefinition; position: number }
  | { kind: "removed"; field: FieldDefinition }
  | {
      kind: "changed";
      before: FieldDefinition;
      after: FieldDefinition;
      renamedFrom: string | null;
      typeChanged: boolean;
      properties: PropertyChange[];
      options: OptionsChange | null;
    };

export type DetailsChange = { property: "name" | "description" | "icon"; before: unknown; after: unknown };

export type VersionDiff = { fields: FieldDiff[]; moved: string[]; details: DetailsChange[] };

type StoredChange = {
  op?: string;
  from?: unknown;
  to?: unknown;
  key?: unknown;
  before?: unknown;
  name?: unknown;
  description?: unknown;
  icon?: unknown;
};

const PROPERTY_ORDER = [
  "label",
  "type",
  "description",
  "required",
  "unique",
  "indexed",
  "default",
  "min",
  "max",
  "min_length",
  "max_length",
  "pattern",
  "precision",
  "scale",
  "reference",
  "currencies",
];

function diffOptions(before: FieldOption[], after: FieldOption[], renames: Map<string, string>): OptionsChange | null {
  const renamedFrom = new Map([...renames].map(([from, to]) => [to, from]));
  const origin = (value: string) => renamedFrom.get(value) ?? value;
  const beforeValues = new Set(before.map((o) => o.value));
  const added = after.filter((o) => !beforeValues.has(origin(o.value)));
  const kept = new Set(after.map((o) => origin(o.value)));
  const removed = before.filter((o) => !kept.has(o.value));
  const renamed = after
    .filter((o) => renamedFrom.has(o.value) && beforeValues.has(origin(o.value)))
    .map((o) => ({ from: origin(o.value), to: o.value }));
  const relabelled = after.flatMap((o) => {
    const previous = before.find((b) => b.value === origin(o.value));
    return previous && (previous.label !== o.label || previous.color !== o.color)
      ? [{ value: o.value, before: previous, after: o }]
      : [];
  });
  const beforeOrder = before.map((o) => o.value).filter((v) => kept.has(v));
  const afterOrder = after.map((o) => origin(o.value)).filter((v) => beforeValues.has(v));
  const reordered = beforeOrder.join("\u0000") !== afterOrder.join("\u0000");
  return added.length || removed.length || renamed.length || relabelled.length || reordered
    ? { added, removed, renamed, relabelled, reordered }
    : null;
}

/**
 * What changed from one version to the next, field by field, for the versions page. The
 * fields are compared by key, following the renames the version declares (so a renamed
 * field is one changed field, not one removed and one added).
 */
export function diffVersions(
  beforeFields: readonly FieldDefinition[],
  afterFields: readonly FieldDefinition[],
  changes: readonly unknown[],
): VersionDiff {
  const stored = changes.filter((c): c is StoredChange => typeof c === "object" && c !== null);
  // Follow renames in order: the key each field of the new version had in the old one.
  const originalOf = new Map<string, string>();
  const optionRenames = new Map<string, Map<string, string>>();
  for (const change of stored) {
    if (change.op === "rename_field" && typeof change.from === "string" && typeof change.to === "string") {
      originalOf.set(change.to, originalOf.get(change.from) ?? change.from);
      originalOf.delete(change.from);
    }
    if (
      change.op === "rename_option" &&
      typeof change.key === "string" &&
      typeof change.from === "string" &&
      typeof change.to === "string"
    ) {
      const map = optionRenames.get(change.key) ?? new Map<string, string>();
      map.set(change.from, change.to);
      optionRenames.set(change.key, map);
    }
  }
  const beforeByKey = new Map(beforeFields.map((f) => [f.key, f]));
  const matched = new Set<string>();
  const fields: FieldDiff[] = [];
  afterFields.forEach((field, position) => {
    const oldKey = originalOf.get(field.key) ?? field.key;
    const previous = beforeByKey.get(oldKey);
    if (!previous) {
      fields.push({ kind: "added", field, position });
      return;
    }
    matched.add(oldKey);
    const a = cleanField(previous) as Record<string, unknown>;
    const b = cleanField(field) as Record<string, unknown>;
    const names = [...new Set([...Object.keys(a), ...Object.keys(b)])]
      .filter((name) => name !== "key" && name !== "options")
      .sort((x, y) => ((PROPERTY_ORDER.indexOf(x) + 100) % 100) - ((PROPERTY_ORDER.indexOf(y) + 100) % 100));
    const properties = names
      .filter((name) => stableJson(a[name]) !== stableJson(b[name]))
      .map((name) => ({ property: name, before: a[name], after: b[name] }));
    const options = diffOptions(
      previous.options ?? [],
      field.options ?? [],
      optionRenames.get(field.key) ?? optionRenames.get(oldKey) ?? new Map(),
    );
    const renamedFrom = oldKey === field.key ? null : oldKey;
    if (properties.length || options || renamedFrom) {
      fields.push({
        kind: "changed",
        before: previous,
        after: field,
        renamedFrom,
        typeChanged: previous.type !== field.type,
        properties,
        options,
      });
    }
  });
  for (const field of beforeFields) if (!matched.has(field.key)) fields.push({ kind: "removed", field });

  const moved = stored.filter((c) => c.op === "move_field" && typeof c.key === "string").map((c) => c.key as string);
  const details: DetailsChange[] = [];
  for (const change of stored) {
    if (change.op !== "set_details") continue;
    const before = (change.before ?? {}) as Record<string, unknown>;
    for (const property of ["name", "description", "icon"] as const) {
      if (property in change && stableJson(before[property] ?? null) !== stableJson(change[property] ?? null)) {
        details.push({ property, before: before[property] ?? null, after: change[property] ?? null });
      }
    }
  }
  return { fields, moved: [...new Set(moved)], details };
}
