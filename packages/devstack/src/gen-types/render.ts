import type {
  Catalog,
  CatalogColumn,
  CatalogFunction,
  CatalogFunctionArg,
  CatalogRelation,
  CatalogRelationship,
  CatalogType,
} from "./catalog.ts";
import { nullable, pgTypeToTsType, type TypeContext } from "./ts-type.ts";

/**
 * Renders a catalog as the `database.types.ts` that `supabase gen types typescript`
 * (postgres-meta's template, one-to-one detection on) produces. The result is valid
 * but unformatted TypeScript: its line breaks only mark which objects the formatter
 * keeps expanded, exactly as in postgres-meta's template, so formatting it with
 * Prettier's settings (see format.ts) gives Supabase's layout.
 */
export function renderDatabaseTypes(catalog: Catalog, options: { defaultSchema?: string } = {}): string {
  return new Renderer(catalog).render(options.defaultSchema ?? "public");
}

/** postgres-meta sorts with `localeCompare`; a fixed locale keeps the output the same on every machine. */
const byName = (a: string, b: string) => a.localeCompare(b, "en-US");
const q = (s: string) => JSON.stringify(s);

/** json, jsonb and text: the only unnamed argument types PostgREST can call a function with. */
const UNNAMED_ARG_TYPES = new Set([114, 3802, 25]);
const INPUT_MODES = new Set(["in", "inout", "variadic"]);

type SchemaFunction = { fn: CatalogFunction; args: CatalogFunctionArg[]; inArgs: CatalogFunctionArg[] };
type SchemaContent = {
  tables: { relation: CatalogRelation; relationships: CatalogRelationship[] }[];
  views: { relation: CatalogRelation; relationships: CatalogRelationship[] }[];
  functions: SchemaFunction[];
  enums: CatalogType[];
  compositeTypes: CatalogType[];
};

class Renderer {
  private readonly schemas: string[];
  private readonly columnsByRelation = new Map<number, CatalogColumn[]>();
  private readonly relationNames = new Map<number, string>();
  private readonly typesById: Map<number, CatalogType>;
  private readonly rowTypesById = new Map<number, CatalogType>();
  private readonly ctx: TypeContext;
  private readonly content = new Map<string, SchemaContent>();

  constructor(catalog: Catalog) {
    this.schemas = [...catalog.schemas].sort(byName);
    const exposed = catalog.relations.filter((r) => this.schemas.includes(r.schema));
    for (const r of exposed) {
      this.columnsByRelation.set(r.id, []);
      this.relationNames.set(r.id, r.name);
    }
    for (const c of catalog.columns) this.columnsByRelation.get(c.relationId)?.push(c);
    for (const cols of this.columnsByRelation.values()) cols.sort((a, b) => byName(a.name, b.name));
    this.typesById = new Map(catalog.types.map((t) => [t.id, t]));
    for (const t of catalog.types) if (t.relationId !== null) this.rowTypesById.set(t.id, t);
    this.ctx = {
      schemas: this.schemas,
      types: catalog.types,
      tables: exposed.filter((r) => r.kind === "table"),
      views: exposed.filter((r) => r.kind === "view"),
    };

    const relationships = [...catalog.relationships].sort(
      (a, b) =>
        byName(a.foreignKeyName, b.foreignKeyName) ||
        byName(a.referencedRelation, b.referencedRelation) ||
        byName(JSON.stringify(a.referencedColumns), JSON.stringify(b.referencedColumns)),
    );
    const relationshipsOf = (r: CatalogRelation) =>
      relationships.filter((rel) => rel.schema === r.schema && rel.relation === r.name && rel.referencedSchema === r.schema);

    for (const schema of this.schemas) {
      const inSchema = exposed.filter((r) => r.schema === schema);
      const entry = (r: CatalogRelation) => ({
        relation: r.kind === "materialized_view" ? { ...r, isUpdatable: false } : r,
        relationships: relationshipsOf(r),
      });
      const types = catalog.types.filter((t) => t.schema === schema);
      this.content.set(schema, {
        tables: inSchema.filter((r) => r.kind === "table" || r.kind === "foreign_table").map(entry),
        views: inSchema.filter((r) => r.kind === "view" || r.kind === "materialized_view").map(entry),
        functions: catalog.functions
          .filter((fn) => fn.schema === schema)
          .map((fn) => {
            const args = [...fn.args].sort((a, b) => byName(a.name, b.name));
            return { fn, args, inArgs: args.filter((a) => INPUT_MODES.has(a.mode)) };
          })
          .filter((f) => this.isCallable(f)),
        enums: types.filter((t) => t.enums.length > 0),
        compositeTypes: types.filter((t) => t.attributes.length > 0),
      });
    }
    for (const c of this.content.values()) {
      c.tables.sort((a, b) => byName(a.relation.name, b.relation.name));
      c.views.sort((a, b) => byName(a.relation.name, b.relation.name));
      c.functions.sort((a, b) => byName(a.fn.name, b.fn.name));
      c.enums.sort((a, b) => byName(a.name, b.name));
      c.compositeTypes.sort((a, b) => byName(a.name, b.name));
    }
  }

  /** The relation a function's result is named after: a table or view, else a composite type. */
  private returnRelationName(fn: CatalogFunction): string | null {
    if (!fn.returnTypeRelationId) return null;
    const name = this.relationNames.get(fn.returnTypeRelationId);
    if (name !== undefined) return name;
    return this.rowTypesById.get(fn.returnTypeId)?.name ?? null;
  }

  /**
   * Whether PostgREST can call the function: no arguments, all named, unnamed ones
   * defaulted json/jsonb/text, or one unnamed json/jsonb/text or row argument.
   */
  private isCallable({ inArgs }: SchemaFunction): boolean {
    if (inArgs.length === 0 || !inArgs.some((a) => a.name === "")) return true;
    if (inArgs.every((a) => a.name !== "" || (a.hasDefault && UNNAMED_ARG_TYPES.has(a.typeId)))) return true;
    const [only] = inArgs;
    return (
      inArgs.length === 1 && only !== undefined && (UNNAMED_ARG_TYPES.has(only.typeId) || this.rowTypesById.has(only.typeId))
    );
  }

  private tsType(schema: string, typeId: number): string {
    const type = this.typesById.get(typeId);
    return type ? pgTypeToTsType(schema, type.name, this.ctx) : "unknown";
  }

  private column(schema: string, c: { name: string; format: string; isNullable: boolean; isOptional: boolean }): string {
    return `${q(c.name)}${c.isOptional ? "?" : ""}: ${nullable(pgTypeToTsType(schema, c.format, this.ctx), c.isNullable)}`;
  }

  private rowColumns(schema: string, relationId: number): string[] {
    return (this.columnsByRelation.get(relationId) ?? []).map((c) =>
      this.column(schema, { name: c.name, format: c.format, isNullable: c.isNullable, isOptional: false }),
    );
  }

  private relationshipType(r: CatalogRelationship): string {
    return `{
      foreignKeyName: ${q(r.foreignKeyName)}
      columns: ${JSON.stringify(r.columns)}
      isOneToOne: ${r.isOneToOne}
      referencedRelation: ${q(r.referencedRelation)}
      referencedColumns: ${JSON.stringify(r.referencedColumns)}
    }`;
  }

  /** Computed fields: functions taking the relation's row as their only, unnamed argument. */
  private computedFields(schema: string, relationName: string): string[] {
    return (this.content.get(schema)?.functions ?? [])
      .filter(({ fn }) => fn.argumentTypes === relationName)
      .map((f) => `${q(f.fn.name)}: ${nullable(this.returnType(schema, f), true)}`);
  }

  private returnType(schema: string, { fn, args }: SchemaFunction): string {
    const tableColumns = args.filter((a) => a.mode === "table");
    if (tableColumns.length > 0) {
      return `{
        ${tableColumns.map((a) => `${q(a.name)}: ${this.tsType(schema, a.typeId)}`).join(",")}
      }`;
    }
    const content = this.content.get(schema);
    const relation =
      content?.tables.find((t) => t.relation.id === fn.returnTypeRelationId) ??
      content?.views.find((v) => v.relation.id === fn.returnTypeRelationId);
    if (relation) {
      return `{
        ${this.rowColumns(schema, relation.relation.id).join(",\n")}
      }`;
    }
    return this.tsType(schema, fn.returnTypeId);
  }

  /** The `Returns` type plus the `SetofOptions` postgrest-js uses to type `.rpc().select()`. */
  private returnsMember({ fn, args }: SchemaFunction, returnType: string): string {
    const to = this.returnRelationName(fn);
    const returnsSetOfRelation = fn.isSetReturning && fn.returnTypeRelationId !== null;
    const multipleRows = fn.rows !== null && fn.rows > 1;
    let setof = "";
    if (to !== null) {
      setof = `SetofOptions: {
        from: "*"
        to: ${q(to)}
        isOneToOne: ${!multipleRows}
        isSetofReturn: ${fn.isSetReturning}
      }`;
    }
    const [onlyArg] = args;
    const source = args.length === 1 && onlyArg ? this.rowTypesById.get(onlyArg.typeId) : undefined;
    if (source && to !== null) {
      setof = returnsSetOfRelation
        ? `SetofOptions: {
          from: ${q(source.format)}
          to: ${q(to)}
          isOneToOne: ${!multipleRows}
          isSetofReturn: true
        }`
        : `SetofOptions: {
          from: ${q(source.format)}
          to: ${q(to)}
          isOneToOne: true
          isSetofReturn: false
        }`;
    }
    // A ROWS 1 estimate makes a single row only where SetofOptions tells postgrest-js so.
    const singleRow = !multipleRows && to !== null;
    return `${returnType}${fn.isSetReturning && !singleRow ? "[]" : ""}
      ${setof}`;
  }

  /** PostgREST's "Could not choose the best candidate function" cases, reported in the type. */
  private overloadConflict(schema: string, group: SchemaFunction[], f: SchemaFunction): string | null {
    if (group.length <= 1) return null;
    const { fn, inArgs } = f;
    const typeName = (id: number) => this.typesById.get(id)?.name ?? "unknown";
    if (inArgs.length === 0) {
      const other = group.find((g) => g !== f && g.inArgs.length === 1 && g.inArgs[0]?.name === "" && g.inArgs[0]?.hasDefault);
      if (other) {
        return `Could not choose the best candidate function between: ${schema}.${fn.name}(), ${schema}.${fn.name}( => ${typeName(other.fn.returnTypeId)}). Try renaming the parameters or the function itself in the database so function overloading can be resolved`;
      }
    }
    const [arg] = inArgs;
    if (inArgs.length === 1 && arg && arg.name !== "") {
      const others = group.filter(
        (g) => g !== f && g.inArgs.length === 1 && g.inArgs[0]?.name === arg.name && g.inArgs[0]?.typeId !== arg.typeId,
      );
      if (others.length > 0) {
        const list = [f, ...others]
          .sort((a, b) => (a.inArgs[0]?.typeId ?? 0) - (b.inArgs[0]?.typeId ?? 0))
          .map((g) => `${schema}.${fn.name}(${g.inArgs.map((a) => `${a.name} => ${typeName(a.typeId)}`).join(", ")})`)
          .join(", ");
        return `Could not choose the best candidate function between: ${list}. Try renaming the parameters or the function itself in the database so function overloading can be resolved`;
      }
    }
    return null;
  }

  private signatures(schema: string, group: SchemaFunction[]): string {
    return group
      .map((f) => {
        const { fn, inArgs } = f;
        const argsType =
          inArgs.length === 0
            ? "never"
            : `{ ${inArgs.map((a) => `${q(a.name)}${a.hasDefault ? "?" : ""}: ${this.tsType(schema, a.typeId)}`).join(",")} }`;
        let returnType = this.returnType(schema, f);
        const conflict = this.overloadConflict(schema, group, f);
        const [only] = inArgs;
        if (conflict) {
          returnType = `{ error: true } & ${q(conflict)}`;
        } else if (
          inArgs.length === 1 &&
          only?.name === "" &&
          this.rowTypesById.has(only.typeId) &&
          this.returnRelationName(fn) === null
        ) {
          returnType = `{ error: true } & ${q(`the function ${schema}.${fn.name} with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache`)}`;
        }
        return `{ Args: ${argsType}; Returns: ${this.returnsMember(f, returnType)} }`;
      })
      .join(" |\n");
  }

  private tables(schema: string, content: SchemaContent): string {
    if (content.tables.length === 0) return "[_ in never]: never";
    return content.tables
      .map(({ relation, relationships }) => {
        const columns = this.columnsByRelation.get(relation.id) ?? [];
        const insert = columns.map((c) =>
          c.identityAlways
            ? `${q(c.name)}?: never`
            : this.column(schema, { ...c, isOptional: c.isNullable || c.isIdentity || c.hasDefault }),
        );
        const update = columns.map((c) =>
          c.identityAlways ? `${q(c.name)}?: never` : this.column(schema, { ...c, isOptional: true }),
        );
        return `${q(relation.name)}: {
          Row: {
            ${[...this.rowColumns(schema, relation.id), ...this.computedFields(schema, relation.name)].join(",")}
          }
          Insert: {
            ${insert.join(",")}
          }
          Update: {
            ${update.join(",")}
          }
          Relationships: [
            ${relationships.map((r) => this.relationshipType(r)).join(",")}
          ]
        }`;
      })
      .join(",");
  }

  private views(schema: string, content: SchemaContent): string {
    if (content.views.length === 0) return "[_ in never]: never";
    return content.views
      .map(({ relation, relationships }) => {
        const columns = this.columnsByRelation.get(relation.id) ?? [];
        const writable = columns.map((c) =>
          c.isUpdatable ? this.column(schema, { ...c, isNullable: true, isOptional: true }) : `${q(c.name)}?: never`,
        );
        const writes = relation.isUpdatable
          ? `Insert: {
              ${writable.join(",")}
            }
            Update: {
              ${writable.join(",")}
            }
            `
          : "";
        return `${q(relation.name)}: {
          Row: {
            ${[...this.rowColumns(schema, relation.id), ...this.computedFields(schema, relation.name)].join(",")}
          }
          ${writes}Relationships: [
            ${relationships.map((r) => this.relationshipType(r)).join(",")}
          ]
        }`;
      })
      .join(",");
  }

  private functions(schema: string, content: SchemaContent): string {
    if (content.functions.length === 0) return "[_ in never]: never";
    const groups = new Map<string, SchemaFunction[]>();
    for (const f of content.functions) groups.set(f.fn.name, [...(groups.get(f.fn.name) ?? []), f]);
    return [...groups]
      .map(([name, group]) => {
        group.sort((a, b) => byName(a.fn.argumentTypes, b.fn.argumentTypes) || byName(a.fn.returnType, b.fn.returnType));
        return `${q(name)}:\n${this.signatures(schema, group)}`;
      })
      .join(",\n");
  }

  private enums(content: SchemaContent): string {
    if (content.enums.length === 0) return "[_ in never]: never";
    return content.enums.map((e) => `${q(e.name)}: ${e.enums.map(q).join("|")}`).join(",");
  }

  private compositeTypes(schema: string, content: SchemaContent): string {
    if (content.compositeTypes.length === 0) return "[_ in never]: never";
    return content.compositeTypes
      .map(
        (t) => `${q(t.name)}: {
          ${t.attributes.map((a) => `${q(a.name)}: ${this.typesById.has(a.typeId) ? nullable(this.tsType(schema, a.typeId), true) : "unknown"}`).join(",")}
        }`,
      )
      .join(",");
  }

  render(defaultSchema: string): string {
    const schemaTypes = this.schemas.map((schema) => {
      const content = this.content.get(schema) as SchemaContent;
      return `${q(schema)}: {
        Tables: {
          ${this.tables(schema, content)}
        }
        Views: {
          ${this.views(schema, content)}
        }
        Functions: {
          ${this.functions(schema, content)}
        }
        Enums: {
          ${this.enums(content)}
        }
        CompositeTypes: {
          ${this.compositeTypes(schema, content)}
        }
      }`;
    });
    const constants = this.schemas.map((schema) => {
      const content = this.content.get(schema) as SchemaContent;
      return `${q(schema)}: {
        Enums: {
          ${content.enums.map((e) => `${q(e.name)}: [${e.enums.map(q).join(", ")}]`).join(",")}
        }
      }`;
    });
    return `export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  ${schemaTypes.join(",")}
}

${helperTypes(defaultSchema)}

export const Constants = {
  ${constants.join(",")}
} as const
`;
  }
}

/** The generic accessors (`Tables<"tenants">` ...) every generated file ends with. */
function helperTypes(defaultSchema: string): string {
  return `type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, ${q(defaultSchema)}>]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

${accessor("TablesInsert", "DefaultSchemaTableNameOrOptions", "TableName", "Tables", "Insert", "I")}

${accessor("TablesUpdate", "DefaultSchemaTableNameOrOptions", "TableName", "Tables", "Update", "U")}

${enumLikeAccessor("Enums", "DefaultSchemaEnumNameOrOptions", "EnumName", "Enums")}

${enumLikeAccessor("CompositeTypes", "PublicCompositeTypeNameOrOptions", "CompositeTypeName", "CompositeTypes")}`;
}

/** `TablesInsert` / `TablesUpdate`: a table's Insert or Update shape, by name or `{ schema }`. */
function accessor(name: string, param: string, inner: string, section: string, member: string, infer: string): string {
  return `export type ${name}<
  ${param} extends
    | keyof DefaultSchema["${section}"]
    | { schema: keyof DatabaseWithoutInternals },
  ${inner} extends ${param} extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[${param}["schema"]]["${section}"]
    : never = never,
> = ${param} extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[${param}["schema"]]["${section}"][${inner}] extends {
      ${member}: infer ${infer}
    }
    ? ${infer}
    : never
  : ${param} extends keyof DefaultSchema["${section}"]
    ? DefaultSchema["${section}"][${param}] extends {
        ${member}: infer ${infer}
      }
      ? ${infer}
      : never
    : never`;
}

/** `Enums` / `CompositeTypes`: the type itself, by name or `{ schema }`. */
function enumLikeAccessor(name: string, param: string, inner: string, section: string): string {
  return `export type ${name}<
  ${param} extends
    | keyof DefaultSchema["${section}"]
    | { schema: keyof DatabaseWithoutInternals },
  ${inner} extends ${param} extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[${param}["schema"]]["${section}"]
    : never = never,
> = ${param} extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[${param}["schema"]]["${section}"][${inner}]
  : ${param} extends keyof DefaultSchema["${section}"]
    ? DefaultSchema["${section}"][${param}]
    : never`;
}
