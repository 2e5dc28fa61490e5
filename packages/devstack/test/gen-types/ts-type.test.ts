import { describe, expect, test } from "vitest";
import type { CatalogRelation, CatalogType } from "../../src/gen-types/catalog.ts";
import { nullable, pgTypeToTsType, type TypeContext } from "../../src/gen-types/ts-type.ts";

const type = (t: Partial<CatalogType> & { name: string; schema: string }): CatalogType => ({
  id: 0,
  format: t.name,
  enums: [],
  attributes: [],
  relationId: null,
  ...t,
});
const relation = (schema: string, name: string, kind: CatalogRelation["kind"]): CatalogRelation => ({
  id: 0,
  schema,
  name,
  kind,
  isUpdatable: false,
});

const ctx: TypeContext = {
  schemas: ["public", "api"],
  types: [
    type({ name: "mood", schema: "public", enums: ["happy", "sad"] }),
    type({ name: "status", schema: "api", enums: ["on", "off"] }),
    type({ name: "status", schema: "public", enums: ["up", "down"] }),
    type({ name: "hidden_enum", schema: "private", enums: ["a", "b"] }),
    type({ name: "address", schema: "public", attributes: [{ name: "street", typeId: 25 }] }),
    type({ name: "secret_pair", schema: "private", attributes: [{ name: "k", typeId: 25 }] }),
  ],
  tables: [relation("public", "tenants", "table")],
  views: [relation("public", "open_tenants", "view")],
};

describe("pgTypeToTsType maps Postgres types as postgres-meta does", () => {
  test.each([
    { name: "bool", pg: "bool", ts: "boolean" },
    { name: "int2", pg: "int2", ts: "number" },
    { name: "int4", pg: "int4", ts: "number" },
    { name: "int8 (a number, not a string, as in Supabase's types)", pg: "int8", ts: "number" },
    { name: "float4", pg: "float4", ts: "number" },
    { name: "float8", pg: "float8", ts: "number" },
    { name: "numeric", pg: "numeric", ts: "number" },
    { name: "uuid", pg: "uuid", ts: "string" },
    { name: "text", pg: "text", ts: "string" },
    { name: "varchar", pg: "varchar", ts: "string" },
    { name: "char(n)", pg: "bpchar", ts: "string" },
    { name: "citext", pg: "citext", ts: "string" },
    { name: "bytea", pg: "bytea", ts: "string" },
    { name: "date", pg: "date", ts: "string" },
    { name: "time", pg: "time", ts: "string" },
    { name: "timetz", pg: "timetz", ts: "string" },
    { name: "timestamp", pg: "timestamp", ts: "string" },
    { name: "timestamptz", pg: "timestamptz", ts: "string" },
    { name: "interval", pg: "interval", ts: "string" },
    { name: "vector", pg: "vector", ts: "string" },
    { name: "json", pg: "json", ts: "Json" },
    { name: "jsonb", pg: "jsonb", ts: "Json" },
    { name: "void", pg: "void", ts: "undefined" },
    { name: "record", pg: "record", ts: "Record<string, unknown>" },
    { name: "text[]", pg: "_text", ts: "(string)[]" },
    { name: "jsonb[]", pg: "_jsonb", ts: "(Json)[]" },
    { name: "enum array", pg: "_mood", ts: '(Database["public"]["Enums"]["mood"])[]' },
    { name: "enum of an exposed schema", pg: "mood", ts: 'Database["public"]["Enums"]["mood"]' },
    { name: "enum of a hidden schema: its values inline", pg: "hidden_enum", ts: '"a"|"b"' },
    { name: "composite type", pg: "address", ts: 'Database["public"]["CompositeTypes"]["address"]' },
    { name: "composite type of a hidden schema", pg: "secret_pair", ts: "unknown" },
    { name: "a table's row type", pg: "tenants", ts: 'Database["public"]["Tables"]["tenants"]["Row"]' },
    { name: "a view's row type", pg: "open_tenants", ts: 'Database["public"]["Views"]["open_tenants"]["Row"]' },
    { name: "types TypeScript cannot describe", pg: "tsvector", ts: "unknown" },
    { name: "inet", pg: "inet", ts: "unknown" },
    { name: "money", pg: "money", ts: "unknown" },
  ])("$name", ({ pg, ts }) => {
    expect(pgTypeToTsType("public", pg, ctx)).toBe(ts);
  });

  test.each([
    { name: "the rendered schema's own enum wins", schema: "api", ts: 'Database["api"]["Enums"]["status"]' },
    { name: "else the first one found", schema: "other", ts: 'Database["api"]["Enums"]["status"]' },
    { name: "public's from public", schema: "public", ts: 'Database["public"]["Enums"]["status"]' },
  ])("same-named enums in several schemas: $name", ({ schema, ts }) => {
    expect(pgTypeToTsType(schema, "status", ctx)).toBe(ts);
  });
});

describe("nullable adds null except where unknown already includes it", () => {
  test.each([
    { name: "nullable string", ts: "string", isNullable: true, out: "string | null" },
    { name: "not null string", ts: "string", isNullable: false, out: "string" },
    { name: "nullable unknown", ts: "unknown", isNullable: true, out: "unknown" },
  ])("$name", ({ ts, isNullable, out }) => {
    expect(nullable(ts, isNullable)).toBe(out);
  });
});
