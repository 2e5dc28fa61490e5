import { z } from "zod";
import { FieldDefinitionSchema, FieldKeySchema } from "../blueprints/field-types.ts";
import { FilterSchema } from "../filters/filter.schema.ts";

/**
 * A blueprint's flow as the flow editor saves it (`save_flow`, docs/entities.md "Flows"):
 * states with positions and transitions as edges. The database checks it against the
 * blueprint (state field, option values, guard fields, update types) when it is saved.
 */

const KeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "a key starts with a lowercase letter; lowercase letters, digits and _");

export const FlowStateSchema = z.strictObject({
  key: z.string().min(1).max(100),
  x: z.number().optional(),
  y: z.number().optional(),
});
export type FlowState = z.infer<typeof FlowStateSchema>;

/** What a transition writes besides the state. */
export const FlowUpdateSchema = z.union([
  z.strictObject({ field: FieldKeySchema, kind: z.literal("literal"), value: z.json() }),
  z.strictObject({ field: FieldKeySchema, kind: z.literal("now") }),
  z.strictObject({ field: FieldKeySchema, kind: z.literal("current_user") }),
  z.strictObject({ field: FieldKeySchema, kind: z.literal("copy"), from: FieldKeySchema }),
  z.strictObject({ field: FieldKeySchema, kind: z.literal("input"), from: FieldKeySchema }),
  z.strictObject({ field: FieldKeySchema, kind: z.enum(["add", "subtract", "multiply"]), operand: z.number() }),
  z.strictObject({ field: FieldKeySchema, kind: z.enum(["add", "subtract", "multiply"]), from: FieldKeySchema }),
]);
export type FlowUpdate = z.infer<typeof FlowUpdateSchema>;

export const FlowTransitionSchema = z.strictObject({
  key: KeySchema,
  name: z.string().trim().min(1).max(100),
  /** The states it runs from; null or absent: any state. */
  from: z.array(z.string().min(1)).min(1).nullable().optional(),
  to: z.string().min(1),
  /** A filter the entity must match before the transition. */
  guard: FilterSchema.nullable().optional(),
  /** Role ids (in templates: role keys) that may run it; empty: every member who may change entities. */
  roles: z.array(z.string()).optional(),
  updates: z.array(FlowUpdateSchema).max(50).optional(),
  /** What the user supplies when running it (e.g. a delivery note), as field definitions. */
  inputs: z.array(FieldDefinitionSchema).max(20).optional(),
});
export type FlowTransition = z.infer<typeof FlowTransitionSchema>;

export const FlowSchema = z.strictObject({
  state_field: FieldKeySchema,
  states: z.array(FlowStateSchema).max(200).optional(),
  transitions: z
    .array(FlowTransitionSchema)
    .max(100)
    .superRefine((transitions, ctx) => {
      const seen = new Set<string>();
      transitions.forEach((t, i) => {
        if (seen.has(t.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `"${t.key}" is used twice` });
        seen.add(t.key);
      });
    }),
});
export type Flow = z.infer<typeof FlowSchema>;
