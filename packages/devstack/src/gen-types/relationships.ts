import type { CatalogRelationship } from "./catalog.ts";
import { viewTargetOrigins } from "./node-tree.ts";

/** A foreign key with the column numbers needed to find it again through views. */
export type TableRelationship = CatalogRelationship & {
  relationId: number;
  columnNumbers: number[];
  referencedRelationId: number;
  referencedColumnNumbers: number[];
};

export type ViewDefinition = {
  id: number;
  schema: string;
  name: string;
  /** `pg_rewrite.ev_action` of the view's `_RETURN` rule. */
  definition: string;
  /** attnum -> column name. */
  columns: Map<number, string>;
};

type KeyDependency = { view: ViewDefinition; viewColumns: string[][] };

/** Every combination picking one view column per key column. */
function combinations(choices: string[][]): string[][] {
  return choices.reduce<string[][]>((acc, options) => acc.flatMap((prefix) => options.map((o) => [...prefix, o])), [[]]);
}

/**
 * Relationships PostgREST derives for views (as postgres-meta lists them for typegen):
 * a view that exposes every column of a foreign key, directly or through other views,
 * gets that key as its own (view -> table), tables referencing a view's exposed key
 * columns point at the view (table -> view), and both combine (view -> view).
 */
export function viewRelationships(tableRelationships: TableRelationship[], views: ViewDefinition[]): CatalogRelationship[] {
  const viewsById = new Map(views.map((v) => [v.id, v]));
  const targetsByView = new Map<number, Map<number, { relationId: number; column: number }>>();
  for (const view of views) {
    let origins: ReturnType<typeof viewTargetOrigins>;
    try {
      origins = viewTargetOrigins(view.definition);
    } catch (error) {
      throw new Error(`cannot read the definition of view ${view.schema}.${view.name}: ${(error as Error).message}`);
    }
    targetsByView.set(
      view.id,
      new Map(origins.map((o) => [o.resno, { relationId: o.originRelationId, column: o.originColumn }])),
    );
  }

  // (view, origin relation, origin column) -> the view's columns showing it, following views of views.
  const exposed = new Map<string, string[]>();
  const key = (viewId: number, relationId: number, column: number) => `${viewId}:${relationId}:${column}`;
  for (const view of views) {
    for (const [resno, first] of targetsByView.get(view.id) ?? []) {
      const viewColumn = view.columns.get(resno);
      if (viewColumn === undefined || first.relationId === 0) continue;
      const path = new Set<number>();
      let origin: { relationId: number; column: number } | undefined = first;
      while (origin && origin.relationId !== 0) {
        const k = key(view.id, origin.relationId, origin.column);
        exposed.set(k, [...(exposed.get(k) ?? []), viewColumn]);
        if (path.has(origin.relationId)) break;
        path.add(origin.relationId);
        origin = viewsById.has(origin.relationId) ? targetsByView.get(origin.relationId)?.get(origin.column) : undefined;
      }
    }
  }

  const dependencies = (relationId: number, columnNumbers: number[]): KeyDependency[] =>
    views.flatMap((view) => {
      const viewColumns = columnNumbers.map((c) => exposed.get(key(view.id, relationId, c)));
      return viewColumns.every((v) => v !== undefined) ? [{ view, viewColumns: viewColumns as string[][] }] : [];
    });

  return tableRelationships.flatMap((r) => {
    const fromViews = dependencies(r.relationId, r.columnNumbers);
    const toViews = dependencies(r.referencedRelationId, r.referencedColumnNumbers);
    const base: CatalogRelationship = {
      foreignKeyName: r.foreignKeyName,
      schema: r.schema,
      relation: r.relation,
      columns: r.columns,
      isOneToOne: r.isOneToOne,
      referencedSchema: r.referencedSchema,
      referencedRelation: r.referencedRelation,
      referencedColumns: r.referencedColumns,
    };
    const viewToTable = fromViews.flatMap((from) =>
      combinations(from.viewColumns).map((columns) => ({ ...base, schema: from.view.schema, relation: from.view.name, columns })),
    );
    const tableToView = toViews.flatMap((to) =>
      combinations(to.viewColumns).map((referencedColumns) => ({
        ...base,
        referencedSchema: to.view.schema,
        referencedRelation: to.view.name,
        referencedColumns,
      })),
    );
    const viewToView = fromViews.flatMap((from) =>
      combinations(from.viewColumns).flatMap((columns) =>
        toViews.flatMap((to) =>
          combinations(to.viewColumns).map((referencedColumns) => ({
            ...base,
            schema: from.view.schema,
            relation: from.view.name,
            columns,
            referencedSchema: to.view.schema,
            referencedRelation: to.view.name,
            referencedColumns,
          })),
        ),
      ),
    );
    return [...viewToTable, ...tableToView, ...viewToView];
  });
}
