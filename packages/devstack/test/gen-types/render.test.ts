import { describe, expect, test } from "vitest";
import type {
  Catalog,
  CatalogColumn,
  CatalogFunction,
  CatalogFunctionArg,
  CatalogRelation,
  CatalogType,
} from "../../src/gen-types/catalog.ts";
import { formatTypeScript } from "../../src/gen-types/format.ts";
import { renderDatabaseTypes } from "../../src/gen-types/render.ts";

// Built-in type oids, as in pg_type.
const T = { bool: 16, int8: 20, int4: 23, text: 25, json: 114, uuid: 2950, jsonb: 3802, void: 2278, _text: 1009 };
const builtins: CatalogType[] = Object.entries(T).map(([name, id]) => ({
  id,
  name,
  schema: "pg_catalog",
  format: name,
  enums: [],
  attributes: [],
  relationId: null,
}));

const TENANTS = 1000;
const TENANTS_ROW = 1001;

function catalog(parts: Partial<Catalog> = {}): Catalog {
  return {
    schemas: ["public"],
    relations: [{ id: TENANTS, schema: "public", name: "tenants", kind: "table", isUpdatable: false }],
    columns: [column({ name: "id", format: "uuid", hasDefault: true }), column({ name: "name", format: "text" })],
    relationships: [],
    functions: [],
    types: [
      ...builtins,
      { id: TENANTS_ROW, name: "tenants", schema: "public", format: "tenants", enums: [], attributes: [], relationId: TENANTS },
    ],
    ...parts,
  };
}

function column(c: Partial<CatalogColumn> & { name: string; format: string }): CatalogColumn {
  return {
    relationId: TENANTS,
    isNullable: false,
    isIdentity: false,
    identityAlways: false,
    hasDefault: false,
    isUpdatable: true,
    ...c,
  };
}

let nextFunctionId = 5000;
function fn(
  name: string,
  args: Partial<CatalogFunctionArg>[],
  returns: Partial<CatalogFunction> & { returnTypeId: number },
): CatalogFunction {
  const full = args.map((a) => ({ mode: "in" as const, name: "", typeId: T.text, hasDefault: false, ...a }));
  return {
    id: nextFunctionId++,
    schema: "public",
    name,
    args: full,
    argumentTypes: full.map((a) => `${a.name} ${a.typeId}`).join(", "),
    returnType: String(returns.returnTypeId),
    returnTypeRelationId: null,
    isSetReturning: false,
    rows: null,
    ...returns,
  };
}

const render = (c: Catalog) => formatTypeScript(renderDatabaseTypes(c));

/** The formatted block of one key (`tenants: {` ... its closing brace). */
function block(text: string, key: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
  if (start < 0) throw new Error(`no "${key}" in:\n${text}`);
  const indent = (lines[start] as string).length - (lines[start] as string).trimStart().length;
  if (!/[{[]$/.test((lines[start] as string).trimEnd())) return lines[start] as string;
  const end = lines.findIndex((l, i) => i > start && l.length - l.trimStart().length === indent && /^[}\]]/.test(l.trim()));
  return lines.slice(start, end + 1).join("\n");
}

test("a one-table schema renders as `supabase gen types typescript` does", async () => {
  const text = await render(catalog());
  expect(text).toBe(`export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      tenants: {
        Row: {
          id: string
          name: string
        }
        Insert: {
          id?: string
          name: string
        }
        Update: {
          id?: string
          name?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

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

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
} as const
`);
});

describe("columns: Row nullability, Insert and Update optionality", () => {
  test.each([
    { name: "not null, no default", c: {}, row: "x: string", insert: "x: string", update: "x?: string" },
    {
      name: "nullable",
      c: { isNullable: true },
      row: "x: string | null",
      insert: "x?: string | null",
      update: "x?: string | null",
    },
    { name: "with a default", c: { hasDefault: true }, row: "x: string", insert: "x?: string", update: "x?: string" },
    { name: "identity by default", c: { isIdentity: true }, row: "x: string", insert: "x?: string", update: "x?: string" },
    {
      name: "identity always: never writable",
      c: { isIdentity: true, identityAlways: true },
      row: "x: string",
      insert: "x?: never",
      update: "x?: never",
    },
    { name: "generated (stored) column", c: { hasDefault: true }, row: "x: string", insert: "x?: string", update: "x?: string" },
    {
      name: "quoted name",
      c: { name: "Weird Name" },
      row: '"Weird Name": string',
      insert: '"Weird Name": string',
      update: '"Weird Name"?: string',
    },
  ])("$name", async ({ c, row, insert, update }) => {
    const text = await render(catalog({ columns: [column({ name: "x", format: "text", ...c })] }));
    const table = block(text, "tenants");
    expect(block(table, "Row")).toContain(`\n          ${row}\n`);
    expect(block(table, "Insert")).toContain(`\n          ${insert}\n`);
    expect(block(table, "Update")).toContain(`\n          ${update}\n`);
  });

  test("columns are sorted by name, enum columns point at the Enums section", async () => {
    const mood: CatalogType = {
      id: 7000,
      name: "mood",
      schema: "public",
      format: "mood",
      enums: ["happy", "sad"],
      attributes: [],
      relationId: null,
    };
    const text = await render(
      catalog({
        columns: [column({ name: "zeta", format: "_text" }), column({ name: "alpha", format: "mood", isNullable: true })],
        types: [...catalog().types, mood],
      }),
    );
    expect(block(block(text, "tenants"), "Row")).toBe(`        Row: {
          alpha: Database["public"]["Enums"]["mood"] | null
          zeta: string[]
        }`);
    expect(block(text, "Enums")).toBe(`    Enums: {
      mood: "happy" | "sad"
    }`);
    expect(text).toContain(`export const Constants = {
  public: {
    Enums: {
      mood: ["happy", "sad"],
    },
  },
} as const`);
  });
});

describe("views", () => {
  const VIEW = 2000;
  const viewCatalog = (isUpdatable: boolean, kind: CatalogRelation["kind"] = "view") =>
    catalog({
      relations: [...catalog().relations, { id: VIEW, schema: "public", name: "open_tenants", kind, isUpdatable }],
      columns: [
        ...catalog().columns,
        column({ relationId: VIEW, name: "id", format: "uuid", isNullable: true }),
        column({ relationId: VIEW, name: "label", format: "text", isNullable: true, isUpdatable: false }),
      ],
    });

  test("an updatable view gets Insert and Update, computed columns are never", async () => {
    expect(block(await render(viewCatalog(true)), "open_tenants")).toBe(`      open_tenants: {
        Row: {
          id: string | null
          label: string | null
        }
        Insert: {
          id?: string | null
          label?: never
        }
        Update: {
          id?: string | null
          label?: never
        }
        Relationships: []
      }`);
  });

  test.each([
    { name: "a view that is not updatable", kind: "view" as const, isUpdatable: false },
    { name: "a materialized view", kind: "materialized_view" as const, isUpdatable: true },
  ])("$name has only Row and Relationships", async ({ kind, isUpdatable }) => {
    expect(block(await render(viewCatalog(isUpdatable, kind)), "open_tenants")).toBe(`      open_tenants: {
        Row: {
          id: string | null
          label: string | null
        }
        Relationships: []
      }`);
  });
});

test("relationships list foreign keys within the schema only, sorted by name", async () => {
  const PROJECTS = 3000;
  const text = await render(
    catalog({
      relations: [
        ...catalog().relations,
        { id: PROJECTS, schema: "public", name: "projects", kind: "table", isUpdatable: false },
      ],
      columns: [...catalog().columns, column({ relationId: PROJECTS, name: "tenant_id", format: "uuid" })],
      relationships: [
        {
          foreignKeyName: "projects_tenant_id_fkey",
          schema: "public",
          relation: "projects",
          columns: ["tenant_id"],
          isOneToOne: true,
          referencedSchema: "public",
          referencedRelation: "tenants",
          referencedColumns: ["id"],
        },
        {
          foreignKeyName: "projects_owner_fkey",
          schema: "public",
          relation: "projects",
          columns: ["tenant_id"],
          isOneToOne: false,
          referencedSchema: "auth",
          referencedRelation: "users",
          referencedColumns: ["id"],
        },
      ],
    }),
  );
  expect(block(block(text, "projects"), "Relationships")).toBe(`        Relationships: [
          {
            foreignKeyName: "projects_tenant_id_fkey"
            columns: ["tenant_id"]
            isOneToOne: true
            referencedRelation: "tenants"
            referencedColumns: ["id"]
          },
        ]`);
});

describe("functions", () => {
  const functions = (...fns: CatalogFunction[]) => render(catalog({ functions: fns }));

  test.each([
    {
      name: "no arguments, scalar result",
      fns: [fn("now_utc", [], { returnTypeId: T.text })],
      out: "now_utc: { Args: never; Returns: string }",
    },
    {
      name: "arguments sorted by name, defaulted ones optional",
      fns: [
        fn(
          "f",
          [
            { name: "p_z", typeId: T.uuid },
            { name: "p_a", typeId: T.int4, hasDefault: true },
          ],
          { returnTypeId: T.jsonb },
        ),
      ],
      out: "f: { Args: { p_a?: number; p_z: string }; Returns: Json }",
    },
    {
      name: "void returns undefined",
      fns: [fn("touch", [{ name: "p_id", typeId: T.uuid }], { returnTypeId: T.void })],
      out: "touch: { Args: { p_id: string }; Returns: undefined }",
    },
    {
      name: "setof scalar is an array",
      fns: [fn("ids", [], { returnTypeId: T.uuid, isSetReturning: true, rows: 1000 })],
      out: "ids: { Args: never; Returns: string[] }",
    },
    {
      name: "a single unnamed json argument is callable",
      fns: [fn("echo", [{ typeId: T.jsonb }], { returnTypeId: T.jsonb })],
      out: 'echo: { Args: { "": Json }; Returns: Json }',
    },
  ])("$name", async ({ fns, out }) => {
    expect(block(await functions(...fns), fns[0]?.name as string)).toBe(`      ${out}`);
  });

  test.each([
    { name: "trigger-like unnamed integer argument", args: [{ typeId: T.int4 }] },
    { name: "two unnamed arguments", args: [{ typeId: T.text }, { typeId: T.text }] },
    { name: "an unnamed integer next to a named one", args: [{ name: "p_a", typeId: T.text }, { typeId: T.int4 }] },
  ])("PostgREST cannot call it, so it is left out: $name", async ({ args }) => {
    const text = await functions(fn("hidden", args, { returnTypeId: T.int4 }));
    expect(block(text, "Functions")).toBe(`    Functions: {
      [_ in never]: never
    }`);
  });

  test("overloads become a union", async () => {
    const text = await functions(
      fn("touch", [], { returnTypeId: T.void }),
      fn("touch", [{ name: "p_id", typeId: T.uuid }], { returnTypeId: T.void }),
    );
    expect(text).toContain(`      touch:
        | { Args: never; Returns: undefined }
        | { Args: { p_id: string }; Returns: undefined }`);
  });

  test("setof a table returns its rows and SetofOptions", async () => {
    const text = await functions(
      fn("search_tenants", [{ name: "p_query", typeId: T.text, hasDefault: true }], {
        returnTypeId: TENANTS_ROW,
        returnTypeRelationId: TENANTS,
        isSetReturning: true,
        rows: 1000,
      }),
    );
    expect(block(text, "search_tenants")).toBe(`      search_tenants: {
        Args: { p_query?: string }
        Returns: {
          id: string
          name: string
        }[]
        SetofOptions: {
          from: "*"
          to: "tenants"
          isOneToOne: false
          isSetofReturn: true
        }
      }`);
  });

  test("a single table row is one-to-one", async () => {
    const text = await functions(
      fn("get_tenant", [{ name: "p_id", typeId: T.uuid }], { returnTypeId: TENANTS_ROW, returnTypeRelationId: TENANTS }),
    );
    expect(block(text, "get_tenant")).toContain(`        SetofOptions: {
          from: "*"
          to: "tenants"
          isOneToOne: true
          isSetofReturn: false
        }`);
  });

  test("returns table(...) is an object of its columns", async () => {
    const text = await functions(
      fn(
        "summary",
        [
          { name: "p_tenant_id", typeId: T.uuid },
          { name: "total", typeId: T.int8, mode: "table" },
          { name: "active", typeId: T.bool, mode: "table" },
        ],
        { returnTypeId: 2249, isSetReturning: true, rows: 1000 },
      ),
    );
    expect(block(text, "summary")).toBe(`      summary: {
        Args: { p_tenant_id: string }
        Returns: {
          active: boolean
          total: number
        }[]
      }`);
  });

  test("a function of a table's row is a computed field of that table, not an RPC", async () => {
    const label = fn("label", [{ typeId: TENANTS_ROW }], { returnTypeId: T.text });
    label.argumentTypes = "tenants";
    const text = await functions(label);
    expect(block(block(text, "tenants"), "Row")).toContain("          label: string | null\n");
    expect(block(block(text, "Functions"), "label")).toBe(`      label: {
        Args: { "": Database["public"]["Tables"]["tenants"]["Row"] }
        Returns: {
          error: true
        } & "the function public.label with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache"
      }`);
  });

  test("overloads PostgREST cannot tell apart are reported as errors in the type", async () => {
    const text = await functions(
      fn("pick", [{ name: "a", typeId: T.text }], { returnTypeId: T.int4 }),
      fn("pick", [{ name: "a", typeId: T.int4 }], { returnTypeId: T.text }),
    );
    const message =
      "Could not choose the best candidate function between: public.pick(a => int4), public.pick(a => text). Try renaming the parameters or the function itself in the database so function overloading can be resolved";
    expect(block(text, "Functions")).toBe(`    Functions: {
      pick:
        | {
            Args: { a: number }
            Returns: {
              error: true
            } & "${message}"
          }
        | {
            Args: { a: string }
            Returns: {
              error: true
            } & "${message}"
          }
    }`);
  });
});

test("several schemas are sorted, and enums of other exposed schemas are referenced", async () => {
  const status: CatalogType = {
    id: 7001,
    name: "status",
    schema: "api",
    format: "api.status",
    enums: ["on", "off"],
    attributes: [],
    relationId: null,
  };
  const text = await render(
    catalog({
      schemas: ["public", "api"],
      columns: [column({ name: "status", format: "status" })],
      types: [...catalog().types, status],
    }),
  );
  expect(text.indexOf("  api: {")).toBeLessThan(text.indexOf("  public: {"));
  expect(block(block(text, "tenants"), "Row")).toContain('status: Database["api"]["Enums"]["status"]');
});
