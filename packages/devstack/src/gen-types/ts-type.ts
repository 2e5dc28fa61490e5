import type { CatalogRelation, CatalogType } from "./catalog.ts";

/** What a Postgres type name resolves against: the exposed schemas and what they hold. */
export type TypeContext = {
  /** The schemas the `Database` type has keys for. */
  schemas: string[];
  types: CatalogType[];
  /** Tables (not foreign tables) and views (not materialized views) of the exposed schemas. */
  tables: CatalogRelation[];
  views: CatalogRelation[];
};

const NUMBER = new Set(["int2", "int4", "int8", "float4", "float8", "numeric"]);
const STRING = new Set([
  "bytea",
  "bpchar",
  "varchar",
  "date",
  "text",
  "citext",
  "time",
  "timetz",
  "timestamp",
  "timestamptz",
  "uuid",
  "vector",
  "interval",
]);

/** Prefer the object of the schema being rendered, as postgres-meta does when names repeat. */
function pick<T extends { schema: string }>(candidates: T[], schema: string): T | undefined {
  return candidates.find((c) => c.schema === schema) ?? candidates[0];
}

/**
 * The TypeScript type PostgREST's JSON for a Postgres type (by `typname`) has, in
 * postgres-meta's vocabulary: enums, composite types and row types of exposed schemas
 * are referenced through `Database[...]`; what it cannot know is `unknown`.
 */
export function pgTypeToTsType(schema: string, pgType: string, ctx: TypeContext): string {
  if (pgType === "bool") return "boolean";
  if (NUMBER.has(pgType)) return "number";
  if (STRING.has(pgType)) return "string";
  if (pgType === "json" || pgType === "jsonb") return "Json";
  if (pgType === "void") return "undefined";
  if (pgType === "record") return "Record<string, unknown>";
  if (pgType.startsWith("_")) return `(${pgTypeToTsType(schema, pgType.slice(1), ctx)})[]`;

  const exposed = (s: string) => ctx.schemas.includes(s);
  const enumType = pick(
    ctx.types.filter((t) => t.name === pgType && t.enums.length > 0),
    schema,
  );
  if (enumType) {
    return exposed(enumType.schema)
      ? `Database[${JSON.stringify(enumType.schema)}]["Enums"][${JSON.stringify(enumType.name)}]`
      : enumType.enums.map((v) => JSON.stringify(v)).join("|");
  }
  const composite = pick(
    ctx.types.filter((t) => t.name === pgType && t.attributes.length > 0),
    schema,
  );
  if (composite) {
    return exposed(composite.schema)
      ? `Database[${JSON.stringify(composite.schema)}]["CompositeTypes"][${JSON.stringify(composite.name)}]`
      : "unknown";
  }
  const table = pick(
    ctx.tables.filter((t) => t.name === pgType),
    schema,
  );
  if (table) {
    return exposed(table.schema)
      ? `Database[${JSON.stringify(table.schema)}]["Tables"][${JSON.stringify(table.name)}]["Row"]`
      : "unknown";
  }
  const view = pick(
    ctx.views.filter((v) => v.name === pgType),
    schema,
  );
  if (view) {
    return exposed(view.schema)
      ? `Database[${JSON.stringify(view.schema)}]["Views"][${JSON.stringify(view.name)}]["Row"]`
      : "unknown";
  }
  return "unknown";
}

/** `T | null`, except for `unknown`, which already includes null. */
export function nullable(tsType: string, isNullable: boolean): string {
  return tsType === "unknown" || !isNullable ? tsType : `${tsType} | null`;
}
