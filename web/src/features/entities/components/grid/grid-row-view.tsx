// biome-ignore-all lint/a11y/useSemanticElements: a virtualized ARIA grid: rows are absolutely positioned divs, which table elements cannot be
// biome-ignore-all lint/a11y/useFocusableInteractive: cells are reached through the grid's roving tabindex (one cell holds tabIndex 0)
import { ArrowUpRight } from "lucide-react";
import { memo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { cn } from "../../../../components/ui/cn.ts";
import type { GridRow } from "../../api/entities-page-query.ts";
import { OPEN_COLUMN, SELECT_COLUMN } from "./entity-grid.tsx";
import type { GridColumn } from "./grid-columns.ts";

type RowProps = {
  row: GridRow;
  /** 1-based among data rows (the header is row 0). */
  rowIndex: number;
  top: number;
  height: number;
  width: number;
  layout: { id: string; width: number }[];
  byId: Map<string, GridColumn>;
  selected: boolean;
  /** Stable across renders (the grid keeps it in a ref): toggles this row, Shift for a range. */
  onToggleSelected: (index: number, shiftKey: boolean) => void;
  /** The column index of the active cell when it is in this row, else -1. */
  activeCol: number;
  editingColumn: string | null;
  recentlyChanged: boolean;
  recordHref: (row: GridRow) => string;
  rowTitle: (row: GridRow) => string;
  renderValue: (column: GridColumn, row: GridRow) => ReactNode;
  /** Only called for the row being edited. */
  renderEditor: (column: GridColumn) => ReactNode;
  /** Stable across renders: starts editing a cell of this row. */
  onStartEdit: (index: number, columnId: string, colIndex: number) => void;
};

const focusRing = "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring";

/**
 * Re-rendered only when what it shows changes: while scrolling, rows that stay in view are
 * left alone (callbacks are stable, and the row being edited always renders).
 */
function sameRow(a: RowProps, b: RowProps): boolean {
  return (
    a.editingColumn === null &&
    b.editingColumn === null &&
    a.row === b.row &&
    a.rowIndex === b.rowIndex &&
    a.top === b.top &&
    a.width === b.width &&
    a.layout === b.layout &&
    a.byId === b.byId &&
    a.selected === b.selected &&
    a.activeCol === b.activeCol &&
    a.recentlyChanged === b.recentlyChanged &&
    a.renderValue === b.renderValue &&
    a.recordHref === b.recordHref &&
    a.rowTitle === b.rowTitle
  );
}

/** One data row: selection, a link to the record's page, and a cell per visible column (double-click edits). */
export const GridRowView = memo(function GridRowView(props: RowProps) {
  const { t } = useTranslation("entities");
  const { row, rowIndex, layout, activeCol } = props;
  const title = props.rowTitle(row);
  const tabIndex = (col: number) => (col === activeCol ? 0 : -1);
  // Opaque, so the sticky leading cells hide what scrolls under them.
  const rowBackground = props.selected ? "bg-secondary" : props.recentlyChanged ? "bg-muted" : "bg-card";
  let left = 0;
  return (
    <div
      role="row"
      aria-rowindex={rowIndex + 1}
      aria-selected={props.selected}
      data-row-id={row.id}
      data-live-updated={props.recentlyChanged || undefined}
      className={cn(
        "group absolute left-0 flex border-b motion-safe:transition-colors",
        rowBackground,
        props.editingColumn && "z-10",
      )}
      style={{ transform: `translateY(${props.top}px)`, height: props.height, width: props.width }}
    >
      {layout.map((cell, col) => {
        const start = left;
        left += cell.width;
        if (cell.id === SELECT_COLUMN) {
          return (
            <div
              key={cell.id}
              role="gridcell"
              aria-colindex={col + 1}
              className={cn("sticky z-[1] flex shrink-0 items-center justify-center", rowBackground)}
              style={{ width: cell.width, left: start }}
            >
              {/* A native checkbox: dozens mount at once while scrolling, and it costs a fraction of a custom one. */}
              <input
                type="checkbox"
                data-cell={`${rowIndex}:${col}`}
                tabIndex={tabIndex(col)}
                aria-label={t("grid.row.select", { title })}
                checked={props.selected}
                // Space and clicks both arrive as a click, with Shift for a range.
                onChange={() => undefined}
                onClick={(event) => props.onToggleSelected(rowIndex - 1, event.shiftKey)}
                className={cn("size-4 cursor-pointer accent-primary", focusRing, "focus-visible:ring-offset-2")}
              />
            </div>
          );
        }
        if (cell.id === OPEN_COLUMN) {
          return (
            <div
              key={cell.id}
              role="gridcell"
              aria-colindex={col + 1}
              className={cn("sticky z-[1] flex shrink-0 items-center justify-center border-r", rowBackground)}
              style={{ width: cell.width, left: start }}
            >
              <Link
                to={props.recordHref(row)}
                data-cell={`${rowIndex}:${col}`}
                tabIndex={tabIndex(col)}
                aria-label={t("grid.row.open", { title })}
                className={cn(
                  "flex size-8 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground",
                  focusRing,
                )}
              >
                <ArrowUpRight aria-hidden="true" className="size-4" />
              </Link>
              {props.recentlyChanged ? (
                <span className="absolute inset-y-1 left-0 w-1 rounded-r bg-primary" title={t("grid.row.updatedLive")} />
              ) : null}
            </div>
          );
        }
        const column = props.byId.get(cell.id);
        if (!column) return null;
        const editing = props.editingColumn === column.id;
        return (
          <div
            key={cell.id}
            role="gridcell"
            aria-colindex={col + 1}
            aria-readonly={!column.editable || undefined}
            data-cell={`${rowIndex}:${col}`}
            data-column={column.id}
            tabIndex={tabIndex(col)}
            onDoubleClick={() => props.onStartEdit(rowIndex - 1, column.id, col)}
            className={cn("relative flex shrink-0 items-center border-r px-3", column.editable && "cursor-cell", focusRing)}
            style={{ width: cell.width }}
          >
            <span className="block min-w-0 flex-1 truncate">{props.renderValue(column, row)}</span>
            {editing ? <div className="absolute top-0 left-0 z-20">{props.renderEditor(column)}</div> : null}
          </div>
        );
      })}
    </div>
  );
}, sameRow);
