import { describe, expect, test } from "vitest";
import { BlueprintFieldsSchema, FIELD_TYPES, FieldDefinitionSchema, SYSTEM_FIELDS } from "../../src/index.ts";

const options = [
  { value: "A", label: "A" },
  { value: "B", label: "B", color: "gray" },
];
const base = { key: "f", label: "F" };

const accepted: { name: string; field: Record<string, unknown> }[] = [
  { name: "minimal text", field: { ...base, type: "text" } },
  {
    name: "text with everything",
    field: {
      ...base,
      type: "text",
      description: "d",
      required: true,
      unique: true,
      indexed: true,
      min_length: 1,
      max_length: 200,
      pattern: "^[A-Z]{3}-\\d+$",
      default: { kind: "literal", value: "ABC-1" },
    },
  },
  { name: "long_text pattern", field: { ...base, type: "long_text", pattern: "x" } },
  { name: "email lengths", field: { ...base, type: "email", max_length: 100 } },
  { name: "number precision and scale", field: { ...base, type: "number", precision: 12, scale: 2, min: 0, max: 100 } },
  { name: "scale 0", field: { ...base, type: "number", precision: 1, scale: 0 } },
  { name: "precision 1 alone (scale defaults to 1)", field: { ...base, type: "currency", precision: 1 } },
  { name: "option with value only", field: { ...base, type: "status", options: [{ value: "OPEN" }] } },
  {
    name: "reference without on_delete",
    field: { ...base, type: "reference", reference: { blueprint_id: "00000000-0000-0000-0000-000000000001" } },
  },
  { name: "unique text, indexed date", field: { ...base, type: "text", unique: true, indexed: true } },
  { name: "literal text trimmed by the database", field: { ...base, type: "text", default: { kind: "literal", value: " a\n" } } },
  { name: "max_length 0", field: { ...base, type: "email", max_length: 0 } },
  { name: "scale equal to precision", field: { ...base, type: "number", precision: 30, scale: 30 } },
  { name: "integer bounds", field: { ...base, type: "integer", min: -5, max: 5, default: { kind: "literal", value: 3 } } },
  {
    name: "currency",
    field: {
      ...base,
      type: "currency",
      currencies: ["EUR", "USD"],
      min: 0,
      default: { kind: "literal", value: { amount: 9.99, currency: "EUR" } },
    },
  },
  {
    name: "date bounds and now",
    field: { ...base, type: "date", min: "2020-01-01", max: "2030-12-31", default: { kind: "now" } },
  },
  {
    name: "datetime bounds with offsets",
    field: { ...base, type: "datetime", min: "2026-01-01T01:00:00+02:00", max: "2026-01-01T00:00:00Z" },
  },
  { name: "datetime now", field: { ...base, type: "datetime", default: { kind: "now" } } },
  { name: "single_select", field: { ...base, type: "single_select", options, default: { kind: "literal", value: "A" } } },
  {
    name: "multi_select lengths",
    field: {
      ...base,
      type: "multi_select",
      options,
      min_length: 0,
      max_length: 2,
      default: { kind: "literal", value: ["B", "A"] },
    },
  },
  { name: "status", field: { ...base, type: "status", options } },
  {
    name: "reference",
    field: {
      ...base,
      type: "reference",
      reference: { blueprint_id: "00000000-0000-0000-0000-000000000001", on_delete: "set_null" },
    },
  },
  { name: "member current_user", field: { ...base, type: "member", default: { kind: "current_user" } } },
  { name: "json literal", field: { ...base, type: "json", default: { kind: "literal", value: { a: [1, 2] } } } },
  { name: "boolean literal", field: { ...base, type: "boolean", default: { kind: "literal", value: false } } },
  { name: "63-character key", field: { ...base, key: `a${"b".repeat(62)}`, type: "text" } },
];

describe("FieldDefinitionSchema accepts", () => {
  test.each(accepted)("$name", ({ field }) => {
    const result = FieldDefinitionSchema.safeParse(field);
    expect(result.error?.issues ?? []).toEqual([]);
  });
});

const refused: { name: string; field: Record<string, unknown>; path: string }[] = [
  { name: "key with capital", field: { ...base, key: "Name", type: "text" }, path: "key" },
  { name: "key starting with digit", field: { ...base, key: "1a", type: "text" }, path: "key" },
  { name: "key with dot", field: { ...base, key: "a.b", type: "text" }, path: "key" },
  { name: "64-character key", field: { ...base, key: `a${"b".repeat(63)}`, type: "text" }, path: "key" },
  ...Object.keys(SYSTEM_FIELDS).map((key) => ({ name: `system key ${key}`, field: { ...base, key, type: "text" }, path: "key" })),
  ...["tenant_id", "blueprint_id", "blueprint_version", "deleted_at", "deleted_by", "data"].map((key) => ({
    name: `reserved key ${key}`,
    field: { ...base, key, type: "text" },
    path: "key",
  })),
  { name: "empty label", field: { ...base, label: "", type: "text" }, path: "label" },
  { name: "101-character label", field: { ...base, label: "x".repeat(101), type: "text" }, path: "label" },
  { name: "501-character description", field: { ...base, type: "text", description: "x".repeat(501) }, path: "description" },
  { name: "unknown type", field: { ...base, type: "rich_text" }, path: "type" },
  { name: "unknown property", field: { ...base, type: "text", hidden: true }, path: "" },
  { name: "options on text", field: { ...base, type: "text", options }, path: "options" },
  { name: "select without options", field: { ...base, type: "single_select" }, path: "options" },
  { name: "no options", field: { ...base, type: "status", options: [] }, path: "options" },
  {
    name: "201 options",
    field: { ...base, type: "multi_select", options: Array.from({ length: 201 }, (_, i) => ({ value: `v${i}`, label: "x" })) },
    path: "options",
  },
  {
    name: "duplicate option",
    field: { ...base, type: "single_select", options: [...options, { value: "A", label: "again" }] },
    path: "options.2.value",
  },
  {
    name: "101-character option value",
    field: { ...base, type: "single_select", options: [{ value: "x".repeat(101), label: "x" }] },
    path: "options.0.value",
  },
  {
    name: "reference on member",
    field: {
      ...base,
      type: "member",
      reference: { blueprint_id: "00000000-0000-0000-0000-000000000001", on_delete: "restrict" },
    },
    path: "reference",
  },
  { name: "reference without target", field: { ...base, type: "reference" }, path: "reference" },
  {
    name: "bad on_delete",
    field: {
      ...base,
      type: "reference",
      reference: { blueprint_id: "00000000-0000-0000-0000-000000000001", on_delete: "cascade" },
    },
    path: "reference.on_delete",
  },
  { name: "precision on integer", field: { ...base, type: "integer", precision: 5 }, path: "precision" },
  { name: "precision 0", field: { ...base, type: "number", precision: 0 }, path: "precision" },
  { name: "precision 31", field: { ...base, type: "number", precision: 31 }, path: "precision" },
  { name: "scale above precision", field: { ...base, type: "number", precision: 4, scale: 5 }, path: "scale" },
  { name: "scale above a precision given alone", field: { ...base, type: "currency", precision: 1, scale: 2 }, path: "scale" },
  { name: "unique long_text", field: { ...base, type: "long_text", unique: true }, path: "unique" },
  { name: "unique status", field: { ...base, type: "status", options, unique: true }, path: "unique" },
  { name: "indexed json", field: { ...base, type: "json", indexed: true }, path: "indexed" },
  {
    name: "required set_null reference",
    field: {
      ...base,
      type: "reference",
      required: true,
      reference: { blueprint_id: "00000000-0000-0000-0000-000000000001", on_delete: "set_null" },
    },
    path: "reference.on_delete",
  },
  { name: "blank label", field: { ...base, label: "   ", type: "text" }, path: "label" },
  {
    name: "option value with a surrounding space",
    field: { ...base, type: "single_select", options: [{ value: "A " }] },
    path: "options.0.value",
  },
  {
    name: "option color not a name",
    field: { ...base, type: "single_select", options: [{ value: "A", color: "#fff" }] },
    path: "options.0.color",
  },
  { name: "max_length above 100000", field: { ...base, type: "text", max_length: 100_001 }, path: "max_length" },
  { name: "empty literal text", field: { ...base, type: "text", default: { kind: "literal", value: "  " } }, path: "default" },
  {
    name: "empty literal multi_select",
    field: { ...base, type: "multi_select", options, default: { kind: "literal", value: [] } },
    path: "default",
  },
  { name: "min on text", field: { ...base, type: "text", min: 1 }, path: "min" },
  { name: "min above max", field: { ...base, type: "number", min: 5, max: 1 }, path: "min" },
  { name: "string min on number", field: { ...base, type: "number", min: "1" }, path: "min" },
  { name: "fractional integer max", field: { ...base, type: "integer", max: 1.5 }, path: "max" },
  { name: "bad date min", field: { ...base, type: "date", min: "2026-13-01" }, path: "min" },
  {
    name: "datetime min after max",
    field: { ...base, type: "datetime", min: "2026-01-01T00:00:00Z", max: "2026-01-01T01:00:00+02:00" },
    path: "min",
  },
  { name: "min_length on number", field: { ...base, type: "number", min_length: 1 }, path: "min_length" },
  { name: "min_length above max_length", field: { ...base, type: "text", min_length: 5, max_length: 4 }, path: "min_length" },
  { name: "negative min_length", field: { ...base, type: "text", min_length: -1 }, path: "min_length" },
  { name: "pattern on email", field: { ...base, type: "email", pattern: "x" }, path: "pattern" },
  { name: "201-character pattern", field: { ...base, type: "text", pattern: "x".repeat(201) }, path: "pattern" },
  { name: "currencies on number", field: { ...base, type: "number", currencies: ["EUR"] }, path: "currencies" },
  { name: "lowercase currency", field: { ...base, type: "currency", currencies: ["eur"] }, path: "currencies.0" },
  { name: "now on text", field: { ...base, type: "text", default: { kind: "now" } }, path: "default" },
  { name: "current_user on text", field: { ...base, type: "text", default: { kind: "current_user" } }, path: "default" },
  {
    name: "literal on member",
    field: { ...base, type: "member", default: { kind: "literal", value: "00000000-0000-0000-0000-000000000001" } },
    path: "default",
  },
  {
    name: "literal on reference",
    field: {
      ...base,
      type: "reference",
      reference: { blueprint_id: "00000000-0000-0000-0000-000000000001", on_delete: "restrict" },
      default: { kind: "literal", value: "00000000-0000-0000-0000-000000000001" },
    },
    path: "default",
  },
  { name: "unknown default kind", field: { ...base, type: "text", default: { kind: "random" } }, path: "default.kind" },
  {
    name: "literal text with line break",
    field: { ...base, type: "text", default: { kind: "literal", value: "a\nb" } },
    path: "default",
  },
  {
    name: "literal number with too many decimals",
    field: { ...base, type: "number", default: { kind: "literal", value: 1.234 } },
    path: "default",
  },
  {
    name: "literal option not listed",
    field: { ...base, type: "single_select", options, default: { kind: "literal", value: "C" } },
    path: "default",
  },
  {
    name: "literal multi_select repeated",
    field: { ...base, type: "multi_select", options, default: { kind: "literal", value: ["A", "A"] } },
    path: "default",
  },
  {
    name: "literal currency not allowed",
    field: {
      ...base,
      type: "currency",
      currencies: ["EUR"],
      default: { kind: "literal", value: { amount: 1, currency: "USD" } },
    },
    path: "default",
  },
  { name: "literal null", field: { ...base, type: "json", default: { kind: "literal", value: null } }, path: "default" },
];

describe("FieldDefinitionSchema refuses", () => {
  test.each(refused)("$name", ({ field, path }) => {
    const result = FieldDefinitionSchema.safeParse(field);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});

describe("BlueprintFieldsSchema", () => {
  const text = (key: string) => ({ key, label: key, type: "text" });
  test.each([
    { name: "one field", fields: [text("a")], ok: true },
    { name: "200 fields", fields: Array.from({ length: 200 }, (_, i) => text(`f${i}`)), ok: true },
    { name: "no fields", fields: [], ok: false },
    { name: "201 fields", fields: Array.from({ length: 201 }, (_, i) => text(`f${i}`)), ok: false },
    { name: "duplicate key", fields: [text("a"), text("a")], ok: false },
    { name: "one status", fields: [{ key: "s", label: "S", type: "status", options }, text("a")], ok: true },
    {
      name: "two status fields",
      fields: [
        { key: "s", label: "S", type: "status", options },
        { key: "t", label: "T", type: "status", options },
      ],
      ok: false,
    },
  ])("$name", ({ fields, ok }) => {
    expect(BlueprintFieldsSchema.safeParse(fields).success).toBe(ok);
  });

  test("every type has a definition that parses", () => {
    const extra: Record<string, Record<string, unknown>> = {
      single_select: { options },
      multi_select: { options },
      status: { options },
      reference: { reference: { blueprint_id: "00000000-0000-0000-0000-000000000001", on_delete: "restrict" } },
    };
    const fields = FIELD_TYPES.map((type) => ({ key: `f_${type}`, label: type, type, ...extra[type] }));
    expect(BlueprintFieldsSchema.safeParse(fields).error?.issues ?? []).toEqual([]);
  });
});
