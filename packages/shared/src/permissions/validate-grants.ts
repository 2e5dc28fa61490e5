import type { FieldDefinition } from "../blueprints/field-types.ts";
import { compareText } from "../filters/compare-values.ts";
import type { ReferencedFields } from "../filters/field-path.ts";
import { listWords } from "../filters/operators.ts";
import { FILTER_RULES, validateFilter } from "../filters/validate-filter.ts";
import {
  GRANT_KEYS_BY_ACTION,
  type GrantOptionalKey,
  grantSlot,
  MAX_GRANT_FIELDS,
  MAX_GRANTS,
  PERMISSION_ACTIONS,
  type PermissionAction,
} from "./grant.schema.ts";
import { checkPreset } from "./presets.ts";

/**
 * Checks a role's grants on one blueprint as `set_role_permissions` does before saving,
 * with the same `field` paths and rule names (docs/permissions.md, "Errors at save
 * time"), so the permissions editor can point at the broken part of a grant.
 */

export const GRANT_RULES = [...FILTER_RULES, "action", "duplicate", "unknown_transition", "preset"] as const;
export type GrantRule = (typeof GRANT_RULES)[number];

/** `field` is a dot path into the input: `grants`, `grants.2.action`, `grants.2.rows.and.0`, `grants.0.presets.owner`. */
export type GrantIssue = { field: string; rule: GrantRule; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Keys from the input are echoed in paths; a hostile one is cut short. */
function segment(key: string): string {
  return key.length > 80 ? `${key.slice(0, 77)}…` : key;
}

/**
 * All problems of `grants` for a blueprint with `fields` and a flow with `transitions`
 * (transition keys); empty when the database would save them. `referenced` gives the
 * fields behind a reference field, for `ref.field` paths in row rules and validations.
 */
export function validateGrants(
  grants: unknown,
  fields: readonly FieldDefinition[],
  transitions: readonly string[],
  referenced?: ReferencedFields,
): GrantIssue[] {
  if (!Array.isArray(grants)) return [{ field: "grants", rule: "shape", message: "grants are a list of {action, …}" }];
  const issues: GrantIssue[] = [];
  if (grants.length > MAX_GRANTS) {
    issues.push({
      field: "grants",
      rule: "size",
      message: `a role has at most ${MAX_GRANTS} grants on a blueprint (got ${grants.length})`,
    });
  }
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const slots = new Set<string>();

  const checkFilter = (value: unknown, path: string): void => {
    if (value === null || value === undefined) return;
    for (const issue of validateFilter(value, fields, referenced, { variables: true })) {
      issues.push({ field: path + issue.path.slice("filter".length), rule: issue.rule, message: issue.message });
    }
  };

  const checkFields = (value: unknown, path: string): void => {
    if (value === null || value === undefined) return;
    if (!Array.isArray(value)) {
      issues.push({ field: path, rule: "shape", message: "fields is a list of field keys (null: every field)" });
      return;
    }
    if (value.length > MAX_GRANT_FIELDS) {
      issues.push({
        field: path,
        rule: "size",
        message: `a grant lists at most ${MAX_GRANT_FIELDS} fields (got ${value.length})`,
      });
    }
    value.forEach((key: unknown, index) => {
      if (typeof key === "string" && byKey.has(key)) return;
      const shown = typeof key === "string" ? JSON.stringify(segment(key)) : "a field key that is not a string";
      const message = `${shown} is not a field of this blueprint: use ${listWords([...byKey.keys()])}`;
      issues.push({ field: `${path}.${index}`, rule: "unknown_field", message });
    });
  };

  const checkPresets = (value: unknown, path: string): void => {
    if (value === null || value === undefined) return;
    if (!isRecord(value)) {
      issues.push({ field: path, rule: "shape", message: "presets are {field key: value}" });
      return;
    }
    for (const [key, preset] of Object.entries(value).sort(([a], [b]) => compareText(a, b))) {
      const at = `${path}.${segment(key)}`;
      const field = byKey.get(key);
      if (!field) {
        issues.push({
          field: at,
          rule: "unknown_field",
          message: `${JSON.stringify(segment(key))} is not a field of this blueprint`,
        });
        continue;
      }
      const problem = checkPreset(field, preset);
      if (problem) issues.push({ field: at, ...problem });
    }
  };

  const checkTransition = (value: unknown, path: string): void => {
    if (value === null || value === undefined) return;
    if (typeof value !== "string" || !transitions.includes(value)) {
      const known = transitions.length === 0 ? "the blueprint has no flow transitions" : `use ${listWords(transitions)}`;
      const shown = typeof value === "string" ? JSON.stringify(segment(value)) : "a transition key that is not a string";
      issues.push({ field: path, rule: "unknown_transition", message: `${shown} is not a transition: ${known}` });
    }
  };

  grants.forEach((grant: unknown, index) => {
    const path = `grants.${index}`;
    if (!isRecord(grant)) {
      issues.push({ field: path, rule: "shape", message: "a grant is {action, …}" });
      return;
    }
    const action = grant.action;
    if (typeof action !== "string" || !(PERMISSION_ACTIONS as readonly string[]).includes(action)) {
      issues.push({ field: `${path}.action`, rule: "action", message: `action is one of ${listWords(PERMISSION_ACTIONS)}` });
      return;
    }
    const takes = GRANT_KEYS_BY_ACTION[action as PermissionAction];
    for (const key of Object.keys(grant)) {
      if (key !== "action" && !takes.includes(key as GrantOptionalKey)) {
        const message = `a ${action} grant takes ${listWords(takes)}, not ${JSON.stringify(segment(key))}`;
        issues.push({ field: `${path}.${segment(key)}`, rule: "action", message });
      }
    }
    // In the order the database checks them, so the first issue is the one it reports.
    if (takes.includes("transition")) checkTransition(grant.transition, `${path}.transition`);
    const slot = grantSlot({ action, transition: grant.transition });
    if (slots.has(slot)) {
      const what = action === "transition" ? "transition grant for the same transition" : `${action} grant`;
      issues.push({ field: path, rule: "duplicate", message: `a role has one grant per action: this is a second ${what}` });
    }
    slots.add(slot);
    if (takes.includes("fields")) checkFields(grant.fields, `${path}.fields`);
    if (takes.includes("presets")) checkPresets(grant.presets, `${path}.presets`);
    if (takes.includes("rows")) checkFilter(grant.rows, `${path}.rows`);
    if (takes.includes("validation")) checkFilter(grant.validation, `${path}.validation`);
  });
  return issues;
}
