import type { FieldDefinition, FieldOption } from "@flexoffice/shared";
import { defaultCurrency } from "../../../components/fields/index.ts";

/**
 * The designer's working copy of a blueprint and the change list that turns the loaded
 * version into it (docs/entities.md, "Blueprint changes"). The designer edits whole field
 * definitions; the database wants declared changes, because a rename must move values and
 * a type change must cast them, which a plain "new field list" cannot say.
 */

export type DraftField = {
  /** Stable identity in the designer (keys can be edited). */
  uid: string;
  /** The key this field had in the loaded version; null for a field added in this draft. */
  originalKey: string | null;
  /** Per option, the value it had in the loaded version (null: added now), so a changed value is a rename. */
  optionOrigins: (string | null)[];
  field: FieldDefinition;
  /** A new field's key follows its label until the person edits the key. */
  keyTouched: boolean;
};

export type BlueprintDetails = { name: string; description: string; icon: string | null };

export type Draft = { details: BlueprintDetails; fields: DraftField[] };

export type BlueprintChange =
  | { op: "set_details"; name?: string; description?: string; icon?: string | null }
  | { op: "add_field"; field: FieldDefinition; after: string | null }
  | { op: "remove_field"; key: string }
  | { op: "rename_field"; from: string; to: string }
  | { op: "update_field"; key: string; field: FieldDefinition }
  | { op: "change_type"; key: string; field: FieldDefinition; currency?: string }
  | { op: "rename_option"; key: string; from: string; to: string }
  | { op: "merge_options"; key: string; from: string[]; into: string }
  | { op: "move_field"; key: string; after: string | null };

/** Which part of the draft a change came from, so a refusal naming `changes.3` lands on the right field. */
export type ChangeOrigin = { kind: "field"; uid: string } | { kind: "details" };

let counter = 0;
/** A fresh designer id (not stored anywhere). */
export function newUid(): string {
  counter += 1;
  return `f${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The draft of a loaded version: every field remembers its key and option values. */
export function draftFromVersion(details: BlueprintDetails, fields: readonly FieldDefinition[]): Draft {
  return {
    details,
    fields: fields.map((field) => ({
      uid: newUid(),
      originalKey: field.key,
      optionOrigins: field.options?.map((option) => option.value) ?? [],
      field,
      keyTouched: true,
    })),
  };
}

/** A field definition without empty leftovers (undefined properties, blank description, blank option labels). */
export function cleanField(field: FieldDefinition): FieldDefinition {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(field)) {
    if (value === undefined || (name === "description" && value === "")) continue;
    out[name] = name === "options" && Array.isArray(value) ? (value as FieldOption[]).map(cleanOption) : value;
  }
  return out as FieldDefinition;
}

function cleanOption(option: FieldOption): FieldOption {
  const out: FieldOption = { value: option.value };
  if (option.label !== undefined && option.label.trim() !== "") out.label = option.label;
  if (option.color !== undefined && option.color !== "") out.color = option.color;
  return out;
}

/** JSON with sorted object keys: two definitions are the same when their stable forms are. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : inner,
  );
}

export const sameField = (a: FieldDefinition, b: FieldDefinition) => stableJson(cleanField(a)) === stableJson(cleanField(b));

/** Positions (in `sequence`) of one longest increasing subsequence: the fields that can stay where they are. */
function longestIncreasing(sequence: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array(sequence.length).fill(-1);
  sequence.forEach((value, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sequence[tails[mid] ?? 0] ?? 0) < value) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  });
  const keep = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i] ?? -1) keep.add(i);
  return keep;
}

/** The fewest moves (each "after its new predecessor") that put `current` into `target` order. */
export function moveChanges(current: readonly string[], target: readonly string[]): { key: string; after: string | null }[] {
  const position = new Map(current.map((key, i) => [key, i]));
  const keep = longestIncreasing(target.map((key) => position.get(key) ?? -1));
  return target.flatMap((key, i) => (keep.has(i) ? [] : [{ key, after: i === 0 ? null : (target[i - 1] ?? null) }]));
}

type Emitted = { changes: BlueprintChange[]; origins: ChangeOrigin[] };

function detailChanges(before: BlueprintDetails, after: BlueprintDetails, out: Emitted): void {
  const change: { op: "set_details"; name?: string; description?: string; icon?: string | null } = { op: "set_details" };
  if (after.name.trim() !== before.name) change.name = after.name.trim();
  if (after.description.trim() !== before.description) change.description = after.description.trim();
  if (after.icon !== before.icon) change.icon = after.icon;
  if (Object.keys(change).length > 1) {
    out.changes.push(change);
    out.origins.push({ kind: "details" });
  }
}

/**
 * Renames in an order that never has two fields share a key on the way: a field whose new
 * key another field still holds goes through a temporary key first (swaps included).
 */
function renameChanges(renames: { uid: string; from: string; to: string }[], keys: string[], out: Emitted): void {
  const held = new Set(keys);
  const later: { uid: string; from: string; to: string }[] = [];
  const rename = (uid: string, from: string, to: string) => {
    out.changes.push({ op: "rename_field", from, to });
    out.origins.push({ kind: "field", uid });
    held.delete(from);
    held.add(to);
    keys[keys.indexOf(from)] = to;
  };
  renames.forEach(({ uid, from, to }, i) => {
    if (held.has(to)) {
      const temporary = `${from.slice(0, 50)}_rn${i}`;
      rename(uid, from, temporary);
      later.push({ uid, from: temporary, to });
    } else {
      rename(uid, from, to);
    }
  });
  for (const { uid, from, to } of later) rename(uid, from, to);
}

/** Option renames of one field (its options keep their place), and what the field looks like after them. */
function optionRenames(draft: DraftField, before: FieldDefinition, key: string, out: Emitted): FieldDefinition {
  if (!before.options || !draft.field.options) return before;
  const renamed = new Map<string, string>();
  draft.field.options.forEach((option, i) => {
    const origin = draft.optionOrigins[i];
    if (origin !== null && origin !== undefined && origin !== option.value && before.options?.some((o) => o.value === origin)) {
      renamed.set(origin, option.value);
      out.changes.push({ op: "rename_option", key, from: origin, to: option.value });
      out.origins.push({ kind: "field", uid: draft.uid });
    }
  });
  if (renamed.size === 0) return before;
  return { ...before, options: before.options.map((o) => ({ ...o, value: renamed.get(o.value) ?? o.value })) };
}

/**
 * The change list from the loaded version (`before`) to the draft, applied by the database
 * in this order: details, removals, renames, option renames and edits, additions, moves.
 * `origins[i]` says where `changes[i]` came from.
 */
export function draftChanges(before: { details: BlueprintDetails; fields: readonly FieldDefinition[] }, draft: Draft): Emitted {
  const out: Emitted = { changes: [], origins: [] };
  detailChanges(before.details, draft.details, out);

  const kept = new Set(draft.fields.map((f) => f.originalKey).filter((key): key is string => key !== null));
  const keys = before.fields.map((f) => f.key).filter((key) => kept.has(key));
  for (const field of before.fields) {
    if (kept.has(field.key)) continue;
    out.changes.push({ op: "remove_field", key: field.key });
    out.origins.push({ kind: "field", uid: "" });
  }

  const existing = draft.fields.filter((f) => f.originalKey !== null);
  renameChanges(
    existing
      .filter((f) => f.originalKey !== f.field.key)
      .map((f) => ({ uid: f.uid, from: f.originalKey ?? "", to: f.field.key })),
    keys,
    out,
  );

  for (const item of existing) {
    const original = before.fields.find((f) => f.key === item.originalKey);
    if (!original) continue;
    const key = item.field.key;
    const field = cleanField(item.field);
    const renamedOriginal = { ...original, key };
    const afterRenames = optionRenames(item, renamedOriginal, key, out);
    if (field.type !== original.type) {
      out.changes.push(
        field.type === "currency"
          ? { op: "change_type", key, field, currency: defaultCurrency(field) }
          : { op: "change_type", key, field },
      );
      out.origins.push({ kind: "field", uid: item.uid });
    } else if (!sameField(afterRenames, field)) {
      out.changes.push({ op: "update_field", key, field });
      out.origins.push({ kind: "field", uid: item.uid });
    }
  }

  draft.fields.forEach((item, i) => {
    if (item.originalKey !== null) return;
    const after = i === 0 ? null : (draft.fields[i - 1]?.field.key ?? null);
    out.changes.push({ op: "add_field", field: cleanField(item.field), after });
    out.origins.push({ kind: "field", uid: item.uid });
    keys.splice(after === null ? 0 : keys.indexOf(after) + 1, 0, item.field.key);
  });

  const target = draft.fields.map((f) => f.field.key);
  for (const move of moveChanges(keys, target)) {
    out.changes.push({ op: "move_field", ...move });
    out.origins.push({ kind: "field", uid: draft.fields.find((f) => f.field.key === move.key)?.uid ?? "" });
  }
  return out;
}

/** Changes that alter what entities hold (everything but order and details): entities then need a migration. */
export function changesNeedMigration(changes: readonly { op: string }[]): boolean {
  return changes.some((change) => change.op !== "move_field" && change.op !== "set_details" && change.op !== "create");
}
