import type { FieldDefinition } from "@flexoffice/shared";
import type { FlowDesign } from "./draft.ts";

/** The journey's "Delivery" blueprint, for the unit tests of the draft logic. */
export const deliveryFields: FieldDefinition[] = [
  { key: "cargo", label: "Cargo", type: "text", required: true },
  {
    key: "status",
    label: "Status",
    type: "status",
    options: [{ value: "NEW", label: "New", color: "gray" }],
    default: { kind: "literal", value: "NEW" },
  },
  { key: "started_at", label: "Started at", type: "datetime" },
  { key: "delivered_at", label: "Delivered at", type: "datetime" },
  { key: "recipient", label: "Recipient", type: "text" },
  { key: "attempts", label: "Attempts", type: "integer" },
  { key: "courier", label: "Courier", type: "member" },
];

export function deliveryDesign(overrides: Partial<FlowDesign> = {}): FlowDesign {
  return {
    blueprint: { id: "b1", tenantId: "t1", name: "Delivery", version: 1 },
    fields: deliveryFields,
    statusField: deliveryFields[1] ?? null,
    flow: null,
    roles: [],
    ...overrides,
  };
}

/** The value, or a failed test when it is missing (instead of a non-null assertion). */
export function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error("expected a value");
  return value;
}
