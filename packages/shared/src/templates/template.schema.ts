import { z } from "zod";
import { FieldDefinitionShape, FieldKeySchema } from "../blueprints/field-types.ts";
import { FlowSchema } from "../flows/flow.schema.ts";

/**
 * The template format `install_template` takes (docs/entities.md, "Templates"): blueprints
 * with their fields, an optional flow and optional sample entities, installed into a
 * tenant in one transaction. Inside a template, a reference names another blueprint of
 * the template (or its own) by key, and transition roles name tenant roles by key.
 */

const KeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "a key starts with a lowercase letter; lowercase letters, digits and _");

export const TemplateFieldSchema = FieldDefinitionShape.extend({
  reference: z.strictObject({ blueprint: KeySchema, on_delete: z.enum(["restrict", "set_null"]).optional() }).optional(),
});
export type TemplateField = z.infer<typeof TemplateFieldSchema>;

export const TemplateBlueprintSchema = z.strictObject({
  key: KeySchema,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).optional(),
  icon: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
  fields: z.array(TemplateFieldSchema).min(1).max(200),
  flow: FlowSchema.optional(),
  entities: z.array(z.record(FieldKeySchema, z.json())).max(1000).optional(),
});
export type TemplateBlueprint = z.infer<typeof TemplateBlueprintSchema>;

export const TemplateSchema = z
  .strictObject({
    key: z.string().min(1).max(100),
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2000).optional(),
    blueprints: z.array(TemplateBlueprintSchema).min(1).max(50),
  })
  .superRefine((template, ctx) => {
    const keys = new Set(template.blueprints.map((b) => b.key));
    if (keys.size < template.blueprints.length) {
      ctx.addIssue({ code: "custom", path: ["blueprints"], message: "each blueprint of a template has its own key" });
    }
    template.blueprints.forEach((blueprint, i) => {
      blueprint.fields.forEach((field, j) => {
        if (field.reference && !keys.has(field.reference.blueprint)) {
          ctx.addIssue({
            code: "custom",
            path: ["blueprints", i, "fields", j, "reference", "blueprint"],
            message: `no blueprint "${field.reference.blueprint}" in this template`,
          });
        }
      });
    });
  });
export type Template = z.infer<typeof TemplateSchema>;
