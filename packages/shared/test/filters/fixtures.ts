import { type BlueprintFields, BlueprintFieldsSchema, type EvaluationContext, type FilterEntity } from "../../src/index.ts";

/** A blueprint with one field of every type, and a referenced "customer" blueprint. */
export const FIELDS: BlueprintFields = BlueprintFieldsSchema.parse([
  { key: "name", label: "Name", type: "text" },
  { key: "notes", label: "Notes", type: "long_text" },
  { key: "weight", label: "Weight", type: "number" },
  { key: "qty", label: "Quantity", type: "integer" },
  { key: "active", label: "Active", type: "boolean" },
  { key: "due", label: "Due", type: "date" },
  { key: "at", label: "At", type: "datetime" },
  {
    key: "color",
    label: "Color",
    type: "single_select",
    options: [
      { value: "RED", label: "Red" },
      { value: "GREEN", label: "Green" },
      { value: "BLUE", label: "Blue" },
    ],
  },
  {
    key: "tags",
    label: "Tags",
    type: "multi_select",
    options: [
      { value: "a", label: "A" },
      { value: "b", label: "B" },
      { value: "c", label: "C" },
    ],
  },
  { key: "email", label: "Email", type: "email" },
  { key: "site", label: "Site", type: "url" },
  { key: "phone", label: "Phone", type: "phone" },
  { key: "price", label: "Price", type: "currency" },
  {
    key: "customer",
    label: "Customer",
    type: "reference",
    reference: { blueprint_id: "00000000-0000-0000-0000-0000000000b1", on_delete: "restrict" },
  },
  { key: "owner", label: "Owner", type: "member" },
  { key: "meta", label: "Meta", type: "json" },
  {
    key: "state",
    label: "State",
    type: "status",
    options: [
      { value: "PENDING", label: "Pending" },
      { value: "DONE", label: "Done" },
    ],
  },
]);

export const CUSTOMER_FIELDS: BlueprintFields = BlueprintFieldsSchema.parse([
  { key: "name", label: "Name", type: "text" },
  {
    key: "tier",
    label: "Tier",
    type: "single_select",
    options: [
      { value: "GOLD", label: "Gold" },
      { value: "SILVER", label: "Silver" },
    ],
  },
]);

export const referenced = (key: string) => (key === "customer" ? CUSTOMER_FIELDS : undefined);

/** A fixed uuid ending in `n`, so tests read which entity is which. */
export const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

export function entity(n: number, data: Record<string, unknown> = {}, system: Partial<FilterEntity> = {}): FilterEntity {
  return {
    id: uuid(n),
    created_at: "2026-01-01T00:00:00.000000Z",
    created_by: uuid(900),
    updated_at: "2026-01-01T00:00:00.000000Z",
    updated_by: null,
    version: 1,
    data,
    ...system,
  };
}

export const CUSTOMERS: FilterEntity[] = [entity(101, { name: "Acme", tier: "GOLD" }), entity(102, { name: "Globex" })];

export const ctx: EvaluationContext = {
  fields: FIELDS,
  referencedFields: referenced,
  resolve: (key, id) => (key === "customer" ? CUSTOMERS.find((customer) => customer.id === id) : undefined),
};
