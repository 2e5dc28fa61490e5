import { z } from "zod";
import { FieldKeySchema } from "../blueprints/field-types.ts";
import { type Filter, FilterSchema } from "../filters/filter.schema.ts";
import { isFilterVariable, looksLikeVariable } from "../filters/filter-variables.ts";

/**
 * Grants of a role on one blueprint (docs/permissions.md, "Grants"), as the permissions
 * editor saves them with `set_role_permissions`. The schema checks shape, the keys each
 * action takes and the limits; whether fields, transitions and variables fit the
 * blueprint is `validateGrants`' job, with the rule names of the API.
 */

export const PERMISSION_ACTIONS = ["read", "create", "update", "delete", "transition"] as const;
export type PermissionAction = (typeof PERMISSION_ACTIONS)[number];

export const GRANT_OPTIONAL_KEYS = ["transition", "rows", "fields", "validation", "presets"] as const;
export type GrantOptionalKey = (typeof GRANT_OPTIONAL_KEYS)[number];

/** Which keys besides `action` each action takes (the table of docs/permissions.md). */
export const GRANT_KEYS_BY_ACTION: Record<PermissionAction, readonly GrantOptionalKey[]> = {
  read: ["rows", "fields"],
  create: ["fields", "validation", "presets"],
  update: ["rows", "fields", "validation"],
  delete: ["rows"],
  transition: ["transition", "rows"],
};

/** A role holds at most this many grants on one blueprint. */
export const MAX_GRANTS = 50;
/** A grant lists at most this many field keys. */
export const MAX_GRANT_FIELDS = 500;

/** Transition keys as flows define them. */
export const TransitionKeySchema = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, "a transition key");

/** Every `{"var": …}` value in a filter, with its path, for shape-level checks. */
function variableValues(filter: Filter, path: (string | number)[] = []): { value: unknown; path: (string | number)[] }[] {
  if ("and" in filter) return filter.and.flatMap((item, i) => variableValues(item, [...path, "and", i]));
  if ("or" in filter) return filter.or.flatMap((item, i) => variableValues(item, [...path, "or", i]));
  if ("not" in filter) return variableValues(filter.not, [...path, "not"]);
  return looksLikeVariable(filter.value) ? [{ value: filter.value, path: [...path, "value"] }] : [];
}

/**
 * A row rule or validation: the filter language plus variables as condition values.
 * Only the variables' names are checked here; `validateGrants` checks them against fields.
 */
export const RuleFilterSchema = FilterSchema.superRefine((filter, ctx) => {
  for (const { value, path } of variableValues(filter)) {
    if (!isFilterVariable(value)) {
      ctx.addIssue({ code: "custom", path, message: "a variable is user.id, user.email, user.roles, now or member.<key>" });
    }
  }
});

/** Field keys of a grant; a key listed twice counts once. */
const GrantFieldsSchema = z.array(FieldKeySchema).max(MAX_GRANT_FIELDS);

/** A preset: a value of the field (never null; saved in its stored form) or a variable. */
export const PresetValueSchema = z
  .json()
  .refine((value): boolean => value !== null, "a preset needs a value")
  .refine(
    (value): boolean => !looksLikeVariable(value) || isFilterVariable(value),
    "a variable is user.id, user.email, now or member.<key>",
  );
const PresetsSchema = z.record(FieldKeySchema, PresetValueSchema);

const rows = RuleFilterSchema.nullable().optional();
const fields = GrantFieldsSchema.nullable().optional();
const validation = RuleFilterSchema.nullable().optional();

export const ReadGrantSchema = z.strictObject({ action: z.literal("read"), rows, fields });
export const CreateGrantSchema = z.strictObject({
  action: z.literal("create"),
  fields,
  validation,
  presets: PresetsSchema.nullable().optional(),
});
export const UpdateGrantSchema = z.strictObject({ action: z.literal("update"), rows, fields, validation });
export const DeleteGrantSchema = z.strictObject({ action: z.literal("delete"), rows });
export const TransitionGrantSchema = z.strictObject({
  action: z.literal("transition"),
  transition: TransitionKeySchema.nullable().optional(),
  rows,
});

/** One grant; absent and null mean the same (no rule, every field, every transition). */
export const PermissionGrantSchema = z.discriminatedUnion("action", [
  ReadGrantSchema,
  CreateGrantSchema,
  UpdateGrantSchema,
  DeleteGrantSchema,
  TransitionGrantSchema,
]);
export type PermissionGrant = z.infer<typeof PermissionGrantSchema>;

/** What makes two grants of one role duplicates: the action, and for `transition` the transition (null: every one). */
export function grantSlot(grant: { action: string; transition?: unknown }): string {
  return grant.action === "transition" ? `transition:${grant.transition ?? "*"}` : grant.action;
}

/** A role's grants on one blueprint: at most 50, one per action (per transition for `transition`). */
export const PermissionGrantsSchema = z
  .array(PermissionGrantSchema)
  .max(MAX_GRANTS)
  .superRefine((grants, ctx) => {
    const seen = new Set<string>();
    grants.forEach((grant, index) => {
      const slot = grantSlot(grant);
      if (seen.has(slot)) {
        const what = grant.action === "transition" ? "transition grant for the same transition" : `${grant.action} grant`;
        ctx.addIssue({ code: "custom", path: [index], message: `a second ${what}` });
      }
      seen.add(slot);
    });
  });
export type PermissionGrants = z.infer<typeof PermissionGrantsSchema>;
