import { type FieldDefinition, isSortable } from "@flexoffice/shared";

/** The system columns the grid offers besides the blueprint's fields. */
export const SYSTEM_COLUMNS = ["created_at", "updated_at"] as const;
export type SystemColumn = (typeof SYSTEM_COLUMNS)[number];

/** A data column of the grid: a readable field of the blueprint's latest version, or a system column. */
export type GridColumn =
  | { id: string; kind: "field"; field: FieldDefinition; sortable: boolean; editable: boolean }
  | { id: SystemColumn; kind: "system"; sortable: true; editable: false };

/**
 * The grid's data columns in the blueprint's order: only fields the member may read (the API
 * leaves the others out of every answer and refuses to sort or filter on them), editable where
 * they may write it; then the created and updated dates.
 */
export function gridColumns(
  fields: readonly FieldDefinition[],
  canRead: (key: string) => boolean,
  canEdit: (key: string) => boolean,
): GridColumn[] {
  const columns: GridColumn[] = fields
    .filter((field) => canRead(field.key))
    .map((field) => ({
      id: field.key,
      kind: "field",
      field,
      sortable: isSortable(field.type),
      editable: canEdit(field.key),
    }));
  for (const id of SYSTEM_COLUMNS) columns.push({ id, kind: "system", sortable: true, editable: false });
  return columns;
}

/** The visible column ids in display order: a view's list (unknown ids dropped), or every column. */
export function visibleColumnIds(columns: readonly GridColumn[], chosen: readonly string[] | null): string[] {
  const known = new Set(columns.map((column) => column.id));
  const visible = chosen ? chosen.filter((id) => known.has(id)) : columns.map((column) => column.id);
  return [...new Set(visible)];
}

/** Hides or shows a column, keeping the others' order (a shown column goes back to its blueprint position). */
export function toggleColumn(columns: readonly GridColumn[], visible: readonly string[], id: string, show: boolean): string[] {
  if (!show) return visible.filter((v) => v !== id);
  if (visible.includes(id)) return [...visible];
  const order = columns.map((column) => column.id);
  const position = order.indexOf(id);
  const next = [...visible];
  const before = next.findIndex((v) => order.indexOf(v) > position);
  next.splice(before === -1 ? next.length : before, 0, id);
  return next;
}

/** Moves a visible column one place left or right. */
export function moveColumn(visible: readonly string[], id: string, delta: -1 | 1): string[] {
  const index = visible.indexOf(id);
  const target = index + delta;
  if (index < 0 || target < 0 || target >= visible.length) return [...visible];
  const next = [...visible];
  next.splice(index, 1);
  next.splice(target, 0, id);
  return next;
}

/** A width that fits the kind of value, until the person resizes the column. */
export function defaultWidth(column: GridColumn): number {
  if (column.kind === "system") return 190;
  switch (column.field.type) {
    case "boolean":
      return 110;
    case "integer":
    case "number":
    case "date":
      return 140;
    case "currency":
    case "phone":
      return 160;
    case "datetime":
      return 190;
    case "long_text":
    case "multi_select":
    case "json":
      return 280;
    default:
      return 200;
  }
}
