import { describe, expect, test } from "vitest";
import { FlowSchema, TemplateSchema } from "../../src/index.ts";

/** The template and flow formats: what a template author (or the module catalogue) may write. */

const deliveries = {
  key: "deliveries",
  name: "Deliveries",
  fields: [
    { key: "cargo", label: "Cargo", type: "text", required: true },
    { key: "customer", label: "Customer", type: "reference", reference: { blueprint: "customers" } },
    { key: "status", label: "Status", type: "status", options: [{ value: "PENDING" }, { value: "DELIVERED" }] },
    { key: "delivered_at", label: "Delivered at", type: "datetime" },
  ],
  flow: {
    state_field: "status",
    transitions: [
      {
        key: "deliver",
        name: "Delivered",
        from: ["PENDING"],
        to: "DELIVERED",
        roles: ["admin"],
        updates: [{ field: "delivered_at", kind: "now" }],
      },
    ],
  },
  entities: [{ cargo: "Boxes" }],
};
const customers = { key: "customers", name: "Customers", fields: [{ key: "name", label: "Name", type: "text" }] };

describe("TemplateSchema", () => {
  test("a template with references by key, a flow and sample entities is accepted", () => {
    expect(TemplateSchema.safeParse({ key: "delivery", name: "Delivery", blueprints: [deliveries, customers] }).success).toBe(
      true,
    );
  });

  test.each([
    {
      name: "a reference to a blueprint the template does not define",
      template: { key: "x", name: "X", blueprints: [deliveries] },
      path: ["blueprints", 0, "fields", 1, "reference", "blueprint"],
    },
    {
      name: "two blueprints with one key",
      template: { key: "x", name: "X", blueprints: [customers, customers] },
      path: ["blueprints"],
    },
    {
      name: "a reference by id instead of key",
      template: {
        key: "x",
        name: "X",
        blueprints: [{ ...customers, fields: [{ key: "p", label: "P", type: "reference", reference: { blueprint_id: "x" } }] }],
      },
      path: ["blueprints", 0, "fields", 0, "reference"],
    },
  ])("refused: $name", ({ template, path }) => {
    const result = TemplateSchema.safeParse(template);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toContainEqual(expect.arrayContaining(path));
  });
});

describe("FlowSchema", () => {
  test.each([
    { name: "an update kind that does not exist", update: { field: "a", kind: "explode" } },
    { name: "arithmetic without operand or field", update: { field: "a", kind: "add" } },
    { name: "arithmetic with both", update: { field: "a", kind: "add", operand: 1, from: "b" } },
  ])("refused: $name", ({ update }) => {
    const flow = { state_field: "status", transitions: [{ key: "t", name: "T", to: "X", updates: [update] }] };
    expect(FlowSchema.safeParse(flow).success).toBe(false);
  });

  test("two transitions with one key are refused", () => {
    const t = { key: "t", name: "T", to: "X" };
    expect(FlowSchema.safeParse({ state_field: "status", transitions: [t, t] }).success).toBe(false);
  });
});
