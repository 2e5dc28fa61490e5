import {
  type FieldDefinition,
  type FieldType,
  type Filter,
  isFilterVariable,
  type PermissionGrant,
  PRESET_VARIABLE_TYPES,
  type VariableName,
  variableKind,
} from "@flexoffice/shared";
import { textToValue, valueToText } from "../../../components/filter-builder/filter-tree.ts";

/**
 * The permission editor's model of a role's grants on one blueprint (docs/permissions.md):
 * one card per action, the transitions of the blueprint's flow, a field matrix and the
 * presets of `create`. It converts from the grants as saved (or the role's default) and
 * back to the list `set_role_permissions` takes, remembering which grant came from which
 * card so a refusal naming `grants.2.rows` is shown on the right card.
 */

export type RowAction = "read" | "update" | "delete";
export type FieldAction = "read" | "create" | "update";
export type SimpleAction = "read" | "create" | "update" | "delete";

/** A preset as typed: a variable, or a literal in a control's text. `raw` keeps a saved value the editor cannot show. */
export type PresetDraft = { id: string; field: string; source: "value" | VariableName; text: string; raw?: unknown };

export type ActionDraft = {
  enabled: boolean;
  /** Row rule (read, update, delete); null = every row. */
  rows: Filter | null;
  /** Readable or writable fields (read, create, update); null = every field, also those added later. */
  fields: string[] | null;
  /** Validation (create, update); null = none. */
  validation: Filter | null;
  /** Presets (create). */
  presets: PresetDraft[];
};

/** A transition grant: `key` null = every transition of the flow. */
export type TransitionDraft = { key: string | null; enabled: boolean; rows: Filter | null };

export type PermissionDraft = Record<SimpleAction, ActionDraft> & { transitions: TransitionDraft[] };

/** Which card a grant of the saved list belongs to, by its index. */
export type GrantSlot = { action: SimpleAction } | { action: "transition"; key: string | null };

export const SIMPLE_ACTIONS: readonly SimpleAction[] = ["read", "create", "update", "delete"];

/** Field types a preset can be typed for in the editor: one control, one value. */
export const PRESETTABLE_TYPES: readonly FieldType[] = [
  "text",
  "email",
  "url",
  "phone",
  "long_text",
  "number",
  "integer",
  "boolean",
  "date",
  "datetime",
  "single_select",
  "status",
  "member",
];

function emptyAction(): ActionDraft {
  return { enabled: false, rows: null, fields: null, validation: null, presets: [] };
}

let sequence = 0;
export function newPresetId(): string {
  sequence += 1;
  return `preset${sequence}`;
}

/** The grants a role has on a blueprint where nothing was saved (docs/permissions.md, "Defaults"). */
export function defaultGrants(roleKey: string, builtin: boolean): PermissionGrant[] {
  if (builtin && roleKey === "editor") {
    return [{ action: "read" }, { action: "create" }, { action: "update" }, { action: "delete" }, { action: "transition" }];
  }
  if (builtin && roleKey === "viewer") return [{ action: "read" }];
  return [];
}

function presetsFrom(presets: Record<string, unknown> | null | undefined, fields: readonly FieldDefinition[]): PresetDraft[] {
  return Object.entries(presets ?? {}).map(([key, value]) => {
    const field = fields.find((candidate) => candidate.key === key);
    if (isFilterVariable(value)) return { id: newPresetId(), field: key, source: value.var, text: "" };
    if (field && PRESETTABLE_TYPES.includes(field.type) && (typeof value !== "object" || value === null)) {
      return { id: newPresetId(), field: key, source: "value", text: valueToText(field.type, value) };
    }
    return { id: newPresetId(), field: key, source: "value", text: JSON.stringify(value), raw: value };
  });
}

/** The editor's draft for saved grants (`null`: nothing saved, the role's default applies). */
export function draftFromGrants(
  grants: readonly PermissionGrant[],
  transitionKeys: readonly string[],
  fields: readonly FieldDefinition[],
): PermissionDraft {
  const draft: PermissionDraft = {
    read: emptyAction(),
    create: emptyAction(),
    update: emptyAction(),
    delete: emptyAction(),
    transitions: [
      { key: null, enabled: false, rows: null },
      ...transitionKeys.map((key) => ({ key, enabled: false, rows: null })),
    ],
  };
  for (const grant of grants) {
    if (grant.action === "transition") {
      const key = grant.transition ?? null;
      let slot = draft.transitions.find((transition) => transition.key === key);
      if (!slot) {
        // A transition the flow no longer has: kept (it fails closed) so saving does not silently drop it.
        slot = { key, enabled: false, rows: null };
        draft.transitions.push(slot);
      }
      slot.enabled = true;
      slot.rows = grant.rows ?? null;
      continue;
    }
    const action = draft[grant.action];
    action.enabled = true;
    if ("rows" in grant) action.rows = grant.rows ?? null;
    if ("fields" in grant) action.fields = grant.fields ? [...new Set(grant.fields)] : null;
    if ("validation" in grant) action.validation = grant.validation ?? null;
    if (grant.action === "create") action.presets = presetsFrom(grant.presets, fields);
  }
  return draft;
}

/** The value a preset writes, or undefined while it has none. */
export function presetValue(preset: PresetDraft, field: FieldDefinition | undefined): unknown {
  if (preset.source !== "value") return { var: preset.source };
  if (preset.raw !== undefined) return preset.raw;
  if (!field) return undefined;
  return textToValue(field.type, preset.text);
}

/** Variables a preset of this field type can take (docs/permissions.md, "Presets"): never user.roles. */
export function presetVariableFits(name: VariableName, type: FieldType): boolean {
  return PRESET_VARIABLE_TYPES[variableKind(name)].includes(type);
}

/** The grants to save, in card order, and the card each one came from. */
export function grantsFromDraft(
  draft: PermissionDraft,
  fields: readonly FieldDefinition[],
): { grants: PermissionGrant[]; slots: GrantSlot[] } {
  const grants: PermissionGrant[] = [];
  const slots: GrantSlot[] = [];
  const withRows = <T extends object>(grant: T, rows: Filter | null) => (rows ? { ...grant, rows } : grant);
  const withFields = <T extends object>(grant: T, list: string[] | null) => (list ? { ...grant, fields: list } : grant);
  const withValidation = <T extends object>(grant: T, validation: Filter | null) =>
    validation ? { ...grant, validation } : grant;

  if (draft.read.enabled) {
    grants.push(withFields(withRows({ action: "read" as const }, draft.read.rows), draft.read.fields));
    slots.push({ action: "read" });
  }
  if (draft.create.enabled) {
    const presets: Record<string, unknown> = {};
    for (const preset of draft.create.presets) {
      if (preset.field === "") continue;
      const value = presetValue(
        preset,
        fields.find((field) => field.key === preset.field),
      );
      presets[preset.field] = value === undefined ? null : value;
    }
    const grant = withValidation(withFields({ action: "create" as const }, draft.create.fields), draft.create.validation);
    grants.push(Object.keys(presets).length > 0 ? { ...grant, presets: presets as Record<string, never> } : grant);
    slots.push({ action: "create" });
  }
  if (draft.update.enabled) {
    grants.push(
      withValidation(
        withFields(withRows({ action: "update" as const }, draft.update.rows), draft.update.fields),
        draft.update.validation,
      ),
    );
    slots.push({ action: "update" });
  }
  if (draft.delete.enabled) {
    grants.push(withRows({ action: "delete" as const }, draft.delete.rows));
    slots.push({ action: "delete" });
  }
  for (const transition of draft.transitions) {
    if (!transition.enabled) continue;
    const grant =
      transition.key === null ? { action: "transition" as const } : { action: "transition" as const, transition: transition.key };
    grants.push(withRows(grant, transition.rows));
    slots.push({ action: "transition", key: transition.key });
  }
  return { grants, slots };
}

/** The card and the part of it a refusal's `field` names (`grants.2.rows.and.0` → slot 2, "rows"). */
export function locateGrantField(
  field: string | null,
  slots: readonly GrantSlot[],
): { slot: GrantSlot; part: string; detail: string } | null {
  const match = /^grants\.(\d+)(?:\.([a-z_]+)(?:\.(.*))?)?$/.exec(field ?? "");
  if (!match) return null;
  const slot = slots[Number(match[1])];
  if (!slot) return null;
  return { slot, part: match[2] ?? "", detail: match[3] ?? "" };
}

export function slotId(slot: GrantSlot): string {
  return slot.action === "transition" ? `transition:${slot.key ?? "*"}` : slot.action;
}

/** Whether a field is checked in the matrix for an action (enabled, and every field or listed). */
export function fieldAllowed(action: ActionDraft, key: string): boolean {
  return action.enabled && (action.fields === null || action.fields.includes(key));
}

/**
 * Ticks or unticks one field of an action. Unticking from "every field" lists all the
 * others explicitly (fields added later are then not included: the card says so).
 */
export function toggleField(action: ActionDraft, key: string, allKeys: readonly string[], on: boolean): ActionDraft {
  const current = action.fields ?? [...allKeys];
  const next = on ? (current.includes(key) ? current : [...current, key]) : current.filter((candidate) => candidate !== key);
  return {
    ...action,
    fields: allKeys.filter((candidate) => next.includes(candidate)).concat(next.filter((k) => !allKeys.includes(k))),
  };
}

/** A stable text of the grants, to tell whether the editor holds unsaved changes. */
export function grantsFingerprint(grants: readonly PermissionGrant[]): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
      );
    }
    return value;
  };
  return JSON.stringify(sortKeys(grants));
}
