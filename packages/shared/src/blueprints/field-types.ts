import { z } from "zod";
import { checkFieldProperties } from "./field-properties.ts";
import { CURRENCY_CODE_PATTERN } from "./field-values.ts";

/**
 * Field types and field definitions of a blueprint (docs/entities.md, "Field types and
 * stored values" and "Field definitions"). The database enforces the same rules; this copy
 * drives the blueprint editor and the filter builder.
 */

export const FIELD_TYPES = [
  "text",
  "long_text",
  "number",
  "integer",
  "boolean",
  "date",
  "datetime",
  "single_select",
  "multi_select",
  "email",
  "url",
  "phone",
  "currency",
  "reference",
  "member",
  "json",
  "status",
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];
export const FieldTypeSchema = z.enum(FIELD_TYPES);

/** One-line string types that share the text operators (`long_text` does not). */
export const TEXT_FIELD_TYPES = ["text", "email", "url", "phone"] as const satisfies readonly FieldType[];
/** Types whose values are option values of the field. */
export const OPTION_FIELD_TYPES = ["single_select", "multi_select", "status"] as const satisfies readonly FieldType[];

/**
 * Columns every entity has, usable in filters and sorts but never keys of `data`, with the
 * type they behave as. `id` is its own kind: a uuid with only `eq`, `neq` and `in`.
 */
export const SYSTEM_FIELDS = {
  id: "id",
  created_at: "datetime",
  created_by: "member",
  updated_at: "datetime",
  updated_by: "member",
  version: "integer",
} as const satisfies Record<string, FieldType | "id">;

export type SystemFieldKey = keyof typeof SYSTEM_FIELDS;
/** A field type, or `id` for the entity id: the type a filter or sort key behaves as. */
export type EffectiveFieldType = FieldType | "id";

/** Own-property lookup, so names such as `constructor` or `__proto__` are never mistaken for system fields. */
export function isSystemField(key: string): key is SystemFieldKey {
  return Object.hasOwn(SYSTEM_FIELDS, key);
}

/** Columns of the entities table: a field with one of these keys would shadow them in SQL. */
export const RESERVED_FIELD_KEYS = [
  "tenant_id",
  "blueprint_id",
  "blueprint_version",
  "deleted_at",
  "deleted_by",
  "data",
] as const;

export const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;

export const FieldKeySchema = z
  .string()
  .regex(FIELD_KEY_PATTERN, "a key starts with a-z, then a-z, 0-9 or _, 63 characters at most")
  .refine((key) => !isSystemField(key), "this key is a system field")
  .refine((key) => !(RESERVED_FIELD_KEYS as readonly string[]).includes(key), "this key is reserved");

/** Labels are stored trimmed, so surrounding spaces never count towards their 1-100 characters. */
const LabelSchema = z.string().trim().min(1).max(100);

export const FieldOptionSchema = z.strictObject({
  value: z
    .string()
    .min(1)
    .max(100)
    .refine((value) => !/^ | $/.test(value), "an option value has no surrounding spaces"),
  label: LabelSchema.optional(),
  color: z
    .string()
    .regex(/^[a-z]{1,20}$/, "a color is a lowercase name such as gray")
    .optional(),
});
export type FieldOption = z.infer<typeof FieldOptionSchema>;

export const FieldReferenceSchema = z.strictObject({
  blueprint_id: z.guid(),
  /** What deleting the referenced entity does; the database fills in "restrict" when absent. */
  on_delete: z.enum(["restrict", "set_null"]).optional(),
});
export type FieldReference = z.infer<typeof FieldReferenceSchema>;

export const FieldDefaultSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("literal"), value: z.json() }),
  z.strictObject({ kind: z.literal("now") }),
  z.strictObject({ kind: z.literal("current_user") }),
]);
export type FieldDefault = z.infer<typeof FieldDefaultSchema>;

/** The properties of a field definition, before the per-type checks (templates extend it). */
export const FieldDefinitionShape = z.strictObject({
  key: FieldKeySchema,
  label: LabelSchema,
  type: FieldTypeSchema,
  description: z.string().max(500).optional(),
  required: z.boolean().optional(),
  unique: z.boolean().optional(),
  indexed: z.boolean().optional(),
  default: FieldDefaultSchema.optional(),
  min: z.union([z.number(), z.string()]).optional(),
  max: z.union([z.number(), z.string()]).optional(),
  min_length: z.int().min(0).max(100_000).optional(),
  max_length: z.int().min(0).max(100_000).optional(),
  pattern: z.string().min(1).max(200).optional(),
  precision: z.int().min(1).max(30).optional(),
  scale: z.int().min(0).max(30).optional(),
  options: z.array(FieldOptionSchema).min(1).max(200).optional(),
  reference: FieldReferenceSchema.optional(),
  currencies: z
    .array(z.string().regex(CURRENCY_CODE_PATTERN, "a currency code is three capital letters"))
    .min(1)
    .max(200)
    .optional(),
});

/**
 * One field of a blueprint version. Properties that do not apply to the field's type are
 * refused rather than ignored, so an editor never saves settings that silently do nothing.
 */
export const FieldDefinitionSchema = FieldDefinitionShape.superRefine((field, ctx) => {
  for (const issue of checkFieldProperties(field)) ctx.addIssue({ code: "custom", ...issue });
});
export type FieldDefinition = z.infer<typeof FieldDefinitionSchema>;

/** The ordered fields of a blueprint version: 1-200, unique keys, at most one `status` field (flows drive it). */
export const BlueprintFieldsSchema = z
  .array(FieldDefinitionSchema)
  .min(1)
  .max(200)
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    let statusCount = 0;
    fields.forEach((field, index) => {
      if (seen.has(field.key)) ctx.addIssue({ code: "custom", path: [index, "key"], message: `"${field.key}" is used twice` });
      seen.add(field.key);
      if (field.type === "status" && ++statusCount === 2) {
        ctx.addIssue({ code: "custom", path: [index, "type"], message: "a blueprint has at most one status field" });
      }
    });
  });
export type BlueprintFields = z.infer<typeof BlueprintFieldsSchema>;

/** Human names used in messages (`"weight" is a number: …`). */
export const FIELD_TYPE_LABELS: Record<EffectiveFieldType, string> = {
  text: "a text",
  long_text: "a long text",
  number: "a number",
  integer: "an integer",
  boolean: "a boolean",
  date: "a date",
  datetime: "a datetime",
  single_select: "a single select",
  multi_select: "a multi select",
  email: "an email",
  url: "a url",
  phone: "a phone",
  currency: "a currency",
  reference: "a reference",
  member: "a member",
  json: "a JSON value",
  status: "a status",
  id: "the entity id",
};
