import type postgres from "postgres";
import { type ViewDefinition, viewRelationships } from "./relationships.ts";

/**
 * What the TypeScript generator needs to know about a database, in the shape
 * supabase/postgres-meta's typegen reads it, so the rendered types match
 * `supabase gen types typescript` object for object.
 */
export type Catalog = {
  /** Exposed schemas that exist and the connecting role may use. */
  schemas: string[];
  relations: CatalogRelation[];
  columns: CatalogColumn[];
  relationships: CatalogRelationship[];
  functions: CatalogFunction[];
  /** Every type of the database (all schemas): column, argument and return types are resolved by name. */
  types: CatalogType[];
};

export type RelationKind = "table" | "foreign_table" | "view" | "materialized_view";

export type CatalogRelation = {
  id: number;
  schema: string;
  name: string;
  kind: RelationKind;
  /** Views only: INSERT, UPDATE and DELETE all work on it (information_schema's definition). */
  isUpdatable: boolean;
};

export type CatalogColumn = {
  relationId: number;
  name: string;
  /** The type name, or a domain's base type name (`_int4` for arrays). */
  format: string;
  isNullable: boolean;
  isIdentity: boolean;
  /** `generated always as identity`: PostgREST refuses values for it. */
  identityAlways: boolean;
  /** A default or a generation expression. */
  hasDefault: boolean;
  isUpdatable: boolean;
};

export type CatalogRelationship = {
  foreignKeyName: string;
  schema: string;
  relation: string;
  columns: string[];
  isOneToOne: boolean;
  referencedSchema: string;
  referencedRelation: string;
  referencedColumns: string[];
};

export type ArgMode = "in" | "out" | "inout" | "variadic" | "table";

export type CatalogFunctionArg = { mode: ArgMode; name: string; typeId: number; hasDefault: boolean };

export type CatalogFunction = {
  id: number;
  schema: string;
  name: string;
  /** Every argument in declaration order, including OUT and TABLE columns. */
  args: CatalogFunctionArg[];
  /** `pg_get_function_arguments`: `p_id uuid, p_limit integer DEFAULT 50`. */
  argumentTypes: string;
  /** `pg_get_function_result`: `SETOF tenants`, `jsonb`, `TABLE(id uuid)`. */
  returnType: string;
  returnTypeId: number;
  /** The relation whose row type the function returns, if any. */
  returnTypeRelationId: number | null;
  isSetReturning: boolean;
  /** The planner's row estimate, set-returning functions only. */
  rows: number | null;
};

export type CatalogType = {
  id: number;
  name: string;
  schema: string;
  /** `format_type`: the qualified, human name (`public.tenants`, `text[]`). */
  format: string;
  enums: string[];
  /** Composite types (`create type ... as (...)`) only. */
  attributes: { name: string; typeId: number }[];
  /** Row types of composite types, tables, views and materialized views. */
  relationId: number | null;
};

const RELKIND: Record<string, RelationKind> = {
  r: "table",
  p: "table",
  f: "foreign_table",
  v: "view",
  m: "materialized_view",
};

const ARG_MODE: Record<string, ArgMode> = { i: "in", o: "out", b: "inout", v: "variadic", t: "table" };

/**
 * Names and defaults per argument. `pronargdefaults` counts the trailing *input*
 * arguments that have defaults, so OUT/TABLE columns are skipped when counting.
 */
export function functionArgs(raw: {
  types: number[];
  modes: string[] | null;
  names: string[] | null;
  inputCount: number;
  defaultCount: number;
}): CatalogFunctionArg[] {
  let inputIndex = 0;
  return raw.types.map((typeId, i) => {
    const mode = ARG_MODE[raw.modes?.[i] ?? "i"] ?? "in";
    const isInput = mode === "in" || mode === "inout" || mode === "variadic";
    const hasDefault = isInput && inputIndex++ >= raw.inputCount - raw.defaultCount;
    return { mode, name: raw.names?.[i] ?? "", typeId, hasDefault };
  });
}

type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * Reads the catalog of `schemas` through `sql`, seeing what the connecting role sees
 * (tables it has no privilege on are left out, as postgres-meta does).
 */
export async function readCatalog(sql: Sql, schemas: string[]): Promise<Catalog> {
  const schemaRows = await sql<{ name: string }[]>`
    select n.nspname as name
    from pg_namespace n
    where n.nspname = any(${schemas}::text[])
      and not starts_with(n.nspname, 'pg_')
      and (pg_has_role(n.nspowner, 'USAGE') or has_schema_privilege(n.oid, 'CREATE, USAGE'))`;

  const relationRows = await sql<{ id: number; schema: string; name: string; relkind: string; is_updatable: boolean }[]>`
    select c.oid as id, n.nspname as schema, c.relname as name, c.relkind::text as relkind,
      c.relkind = 'v' and (pg_relation_is_updatable(c.oid, false) & 20) = 20 as is_updatable
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = any(${schemas}::text[])
      and c.relkind in ('r', 'p', 'f', 'v', 'm')
      and (
        c.relkind not in ('r', 'p')
        or pg_has_role(c.relowner, 'USAGE')
        or has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')
        or has_any_column_privilege(c.oid, 'SELECT, INSERT, UPDATE, REFERENCES')
      )
    order by c.oid`;

  const columnRows = await sql<
    {
      relation_id: number;
      name: string;
      format: string;
      is_nullable: boolean;
      is_identity: boolean;
      identity_always: boolean;
      has_default: boolean;
      is_updatable: boolean;
    }[]
  >`
    select a.attrelid as relation_id, a.attname as name,
      coalesce(bt.typname, t.typname)::text as format,
      not (a.attnotnull or (t.typtype = 'd' and t.typnotnull)) as is_nullable,
      a.attidentity in ('a', 'd') as is_identity,
      a.attidentity = 'a' as identity_always,
      a.atthasdef as has_default,
      c.relkind in ('r', 'p')
        or (c.relkind in ('v', 'f') and pg_column_is_updatable(c.oid, a.attnum, false)) as is_updatable
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid
    left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
    where n.nspname = any(${schemas}::text[])
      and c.relkind in ('r', 'p', 'f', 'v', 'm')
      and a.attnum > 0
      and not a.attisdropped
      and (
        pg_has_role(c.relowner, 'USAGE')
        or has_column_privilege(c.oid, a.attnum, 'SELECT, INSERT, UPDATE, REFERENCES')
      )
    order by a.attrelid, a.attnum`;

  // Foreign keys declared in the exposed schemas; one-to-one when the referencing
  // columns are exactly a primary key or unique constraint of their table.
  const fkRows = await sql<
    {
      foreign_key_name: string;
      schema: string;
      relation: string;
      relation_id: number;
      columns: string[];
      column_numbers: number[];
      referenced_schema: string;
      referenced_relation: string;
      referenced_relation_id: number;
      referenced_columns: string[];
      referenced_column_numbers: number[];
      is_one_to_one: boolean;
    }[]
  >`
    select con.conname as foreign_key_name,
      ns1.nspname as schema, tab.relname as relation, tab.oid as relation_id,
      cols.names as columns, con.conkey::int4[] as column_numbers,
      ns2.nspname as referenced_schema, other.relname as referenced_relation, other.oid as referenced_relation_id,
      refs.names as referenced_columns, con.confkey::int4[] as referenced_column_numbers,
      exists (
        select 1
        from pg_constraint u
        where u.conrelid = con.conrelid
          and u.connamespace = con.connamespace
          and u.contype in ('p', 'u')
          and array(
            select a.attname::text from pg_attribute a
            where a.attrelid = u.conrelid and a.attnum = any(u.conkey)
            order by a.attnum
          ) = cols.names
      ) as is_one_to_one
    from pg_constraint con
    join pg_namespace ns1 on ns1.oid = con.connamespace
    join pg_class tab on tab.oid = con.conrelid
    join pg_class other on other.oid = con.confrelid
    join pg_namespace ns2 on ns2.oid = other.relnamespace
    cross join lateral (
      select array_agg(a.attname::text order by k.ord) as names
      from unnest(con.conkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    ) cols
    cross join lateral (
      select array_agg(a.attname::text order by k.ord) as names
      from unnest(con.confkey) with ordinality as k(attnum, ord)
      join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum
    ) refs
    where con.contype = 'f'
      and con.conparentid = 0
      and ns1.nspname = any(${schemas}::text[])
    order by con.oid`;

  const viewRows = await sql<
    { id: number; schema: string; name: string; definition: string; columns: Record<string, string> | null }[]
  >`
    select c.oid as id, n.nspname as schema, c.relname as name, r.ev_action::text as definition,
      (
        select json_object_agg(a.attnum, a.attname)
        from pg_attribute a
        where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      ) as columns
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_rewrite r on r.ev_class = c.oid and r.rulename = '_RETURN'
    where c.relkind in ('v', 'm')
      and n.nspname = any(${schemas}::text[])
    order by c.oid`;

  const functionRows = await sql<
    {
      id: number;
      schema: string;
      name: string;
      argument_types: string;
      return_type: string;
      return_type_id: number;
      return_type_relation_id: number | null;
      is_set_returning: boolean;
      rows: number | null;
      input_count: number;
      default_count: number;
      arg_types: number[];
      arg_modes: string[] | null;
      arg_names: string[] | null;
    }[]
  >`
    select p.oid as id, n.nspname as schema, p.proname as name,
      pg_get_function_arguments(p.oid) as argument_types,
      pg_get_function_result(p.oid) as return_type,
      p.prorettype as return_type_id,
      nullif(rt.typrelid, 0) as return_type_relation_id,
      p.proretset as is_set_returning,
      case when p.proretset then nullif(p.prorows, 0)::float8 end as rows,
      p.pronargs::int4 as input_count,
      p.pronargdefaults::int4 as default_count,
      -- oidvector is zero-based: unnest it rather than cast it.
      array(select unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])))::int8[] as arg_types,
      p.proargmodes::text[] as arg_modes,
      p.proargnames as arg_names
    from pg_proc p
    join pg_namespace n on n.oid = p.pronamespace
    left join pg_type rt on rt.oid = p.prorettype
    where n.nspname = any(${schemas}::text[])
      and p.prokind = 'f'
      and p.prorettype not in ('trigger'::regtype, 'event_trigger'::regtype)
    order by p.oid`;

  const typeRows = await sql<
    {
      id: number;
      name: string;
      schema: string;
      format: string;
      enums: string[];
      attributes: { name: string; typeId: number }[];
      relation_id: number | null;
    }[]
  >`
    select t.oid as id, t.typname as name, n.nspname as schema, format_type(t.oid, null) as format,
      coalesce(
        (select json_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid),
        '[]'
      ) as enums,
      coalesce(
        (
          select json_agg(json_build_object('name', a.attname, 'typeId', a.atttypid) order by a.attnum)
          from pg_class c
          join pg_attribute a on a.attrelid = c.oid
          where c.oid = t.typrelid and c.relkind = 'c' and a.attnum > 0 and not a.attisdropped
        ),
        '[]'
      ) as attributes,
      nullif(t.typrelid, 0) as relation_id
    from pg_type t
    join pg_namespace n on n.oid = t.typnamespace
    where t.typrelid = 0
      or (select c.relkind in ('c', 'r', 'v', 'm', 'p') from pg_class c where c.oid = t.typrelid)
    order by t.oid`;

  const tableRelationships = fkRows.map((r) => ({
    foreignKeyName: r.foreign_key_name,
    schema: r.schema,
    relation: r.relation,
    relationId: Number(r.relation_id),
    columns: r.columns,
    columnNumbers: r.column_numbers,
    isOneToOne: r.is_one_to_one,
    referencedSchema: r.referenced_schema,
    referencedRelation: r.referenced_relation,
    referencedRelationId: Number(r.referenced_relation_id),
    referencedColumns: r.referenced_columns,
    referencedColumnNumbers: r.referenced_column_numbers,
  }));
  const views: ViewDefinition[] = viewRows.map((v) => ({
    id: Number(v.id),
    schema: v.schema,
    name: v.name,
    definition: v.definition,
    columns: new Map(Object.entries(v.columns ?? {}).map(([attnum, name]) => [Number(attnum), name])),
  }));
  const strip = ({
    relationId: _r,
    columnNumbers: _c,
    referencedRelationId: _rr,
    referencedColumnNumbers: _rc,
    ...rest
  }: (typeof tableRelationships)[number]) => rest;

  return {
    schemas: schemaRows.map((s) => s.name),
    relations: relationRows.map((r) => ({
      id: Number(r.id),
      schema: r.schema,
      name: r.name,
      kind: RELKIND[r.relkind] ?? "table",
      isUpdatable: r.is_updatable,
    })),
    columns: columnRows.map((c) => ({
      relationId: Number(c.relation_id),
      name: c.name,
      format: c.format,
      isNullable: c.is_nullable,
      isIdentity: c.is_identity,
      identityAlways: c.identity_always,
      hasDefault: c.has_default,
      isUpdatable: c.is_updatable,
    })),
    relationships: [...tableRelationships.map(strip), ...viewRelationships(tableRelationships, views)],
    functions: functionRows.map((f) => ({
      id: Number(f.id),
      schema: f.schema,
      name: f.name,
      args: functionArgs({
        types: f.arg_types.map(Number),
        modes: f.arg_modes,
        names: f.arg_names,
        inputCount: f.input_count,
        defaultCount: f.default_count,
      }),
      argumentTypes: f.argument_types,
      returnType: f.return_type,
      returnTypeId: Number(f.return_type_id),
      returnTypeRelationId: f.return_type_relation_id === null ? null : Number(f.return_type_relation_id),
      isSetReturning: f.is_set_returning,
      rows: f.rows,
    })),
    types: typeRows.map((t) => ({
      id: Number(t.id),
      name: t.name,
      schema: t.schema,
      format: t.format,
      enums: t.enums,
      attributes: t.attributes.map((a) => ({ name: a.name, typeId: Number(a.typeId) })),
      relationId: t.relation_id === null ? null : Number(t.relation_id),
    })),
  };
}
