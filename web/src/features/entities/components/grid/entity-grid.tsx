// biome-ignore-all lint/a11y/useSemanticElements: a virtualized ARIA grid: rows are absolutely positioned divs, which table elements cannot be
// biome-ignore-all lint/a11y/useFocusableInteractive: cells are reached through the grid's roving tabindex (one cell holds tabIndex 0)
import type { SortKey } from "@flexoffice/shared";
import {
  type ColumnDef,
  type ColumnSizingState,
  columnOrderingFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { Spinner } from "../../../../components/ui/spinner.tsx";
import type { GridRow } from "../../api/entities-page-query.ts";
import { defaultWidth, type GridColumn } from "./grid-columns.ts";
import { GridHeaderRow } from "./grid-header-row.tsx";
import { type CellPosition, moveFocus } from "./grid-navigation.ts";
import { GridRowView } from "./grid-row-view.tsx";
import { WIDTH_LIMITS } from "./view-config.ts";

export const ROW_HEIGHT = 40;
export const HEADER_HEIGHT = 44;
/** Rows left below the last one shown when the next page is asked for. */
const PREFETCH_ROWS = 100;

// The table models the columns (sizes, resizing, visibility, order). Rows stay out of it: with
// tens of thousands loaded, a row model rebuilt on each render would cost more than a frame.
const features = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  columnVisibilityFeature,
  columnOrderingFeature,
});
const NO_ROWS: GridRow[] = [];

/** Selected rows by id (what bulk actions act on). */
export type RowSelection = Record<string, true>;
export type GridFeatures = typeof features;

/** Leading columns that hold controls, not values. */
export const SELECT_COLUMN = "__select";
export const OPEN_COLUMN = "__open";

export type EditTarget = { rowId: string; columnId: string };

export type EntityGridProps = {
  label: string;
  columns: GridColumn[];
  visible: string[];
  widths: Record<string, number>;
  onWidthsChange: (widths: Record<string, number>) => void;
  sort: SortKey[];
  onSort: (field: string, multi: boolean) => void;
  columnLabel: (column: GridColumn) => string;
  rows: GridRow[];
  /** The exact number of matching rows, when the database counted it. */
  rowCount: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreFailed: boolean;
  onLoadMore: () => void;
  selectable: boolean;
  selection: RowSelection;
  onSelectionChange: (selection: RowSelection) => void;
  recordHref: (row: GridRow) => string;
  rowTitle: (row: GridRow) => string;
  renderValue: (column: GridColumn, row: GridRow) => ReactNode;
  renderEditor: (column: GridColumn, row: GridRow, done: () => void) => ReactNode;
  recentlyChanged: ReadonlySet<string>;
  /** The first page is on screen and answers to input (the `data-ready` marker). */
  ready: boolean;
};

function clampWidth(width: number): number {
  return Math.min(WIDTH_LIMITS.max, Math.max(WIDTH_LIMITS.min, Math.round(width)));
}

/**
 * The virtualized grid: only the rows in view (plus a margin) are in the page, so it stays
 * smooth with tens of thousands of rows; the next page loads before the person reaches the
 * end. It follows the WAI-ARIA grid pattern: one cell is in the tab order (roving tabindex),
 * arrow keys, Home/End and PageUp/PageDown move between cells, Enter or F2 (or a double click)
 * edits a cell the person may write, Escape leaves the editor.
 */
export function EntityGrid(props: EntityGridProps) {
  const { t } = useTranslation("entities");
  const { columns, visible, rows, selectable } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const pendingFocus = useRef(false);
  const [active, setActive] = useState<CellPosition | null>(null);
  const [editing, setEditing] = useState<EditTarget | null>(null);

  // Widths: the table's sizing state, seeded from the view and reported back when a resize ends.
  const [sizing, setSizing] = useState<ColumnSizingState>(props.widths);
  const widthsKey = JSON.stringify(props.widths);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-seeded when the view's widths change, compared by value
  useEffect(() => setSizing(props.widths), [widthsKey]);

  const leading = useMemo(() => (selectable ? [SELECT_COLUMN, OPEN_COLUMN] : [OPEN_COLUMN]), [selectable]);
  const columnDefs = useMemo<ColumnDef<GridFeatures, GridRow>[]>(
    () => [
      { id: SELECT_COLUMN, size: 44, enableResizing: false },
      { id: OPEN_COLUMN, size: 44, enableResizing: false },
      ...columns.map((column) => ({
        id: column.id,
        size: defaultWidth(column),
        minSize: WIDTH_LIMITS.min,
        maxSize: WIDTH_LIMITS.max,
      })),
    ],
    [columns],
  );
  const columnVisibility = useMemo(() => {
    const shown = new Set([...leading, ...visible]);
    return Object.fromEntries(columnDefs.map((def) => [def.id ?? "", shown.has(def.id ?? "")]));
  }, [columnDefs, leading, visible]);
  const columnOrder = useMemo(() => [...leading, ...visible], [leading, visible]);

  const tableState = useMemo(
    () => ({ columnSizing: sizing, columnVisibility, columnOrder }),
    [sizing, columnVisibility, columnOrder],
  );
  const table = useTable({
    features,
    columns: columnDefs,
    data: NO_ROWS,
    state: tableState,
    onColumnSizingChange: setSizing,
    columnResizeMode: "onChange",
  });

  // A resize by dragging ends: the widths go to the view (once, not on every pixel).
  const resizing = table.state.columnResizing.isResizingColumn;
  const wasResizing = useRef<string | false>(false);
  useEffect(() => {
    if (wasResizing.current && !resizing) {
      props.onWidthsChange(Object.fromEntries(Object.entries(sizing).map(([id, width]) => [id, clampWidth(width)])));
    }
    wasResizing.current = resizing;
  }, [resizing, sizing, props.onWidthsChange]);

  const resizeBy = (columnId: string, delta: number) => {
    const column = table.getColumn(columnId);
    if (!column) return;
    const next = { ...sizing, [columnId]: clampWidth(column.getSize() + delta) };
    setSizing(next);
    props.onWidthsChange(next);
  };

  const measured = table.getVisibleLeafColumns().map((column) => ({ id: column.id, width: column.getSize() }));
  const layoutKey = measured.map((c) => `${c.id}:${c.width}`).join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the same ids and widths keep the same array, so rows can skip rendering
  const layout = useMemo(() => measured, [layoutKey]);
  const totalWidth = layout.reduce((sum, c) => sum + c.width, 0);
  const byId = useMemo(() => new Map(columns.map((column) => [column.id, column])), [columns]);

  // Selection: a click toggles a row; Shift+click sets every row between it and the last one clicked.
  const anchor = useRef<number | null>(null);
  const toggleRow = (index: number, shiftKey: boolean) => {
    const row = rows[index];
    if (!row) return;
    const checked = !props.selection[row.id];
    const next = { ...props.selection };
    const from = shiftKey && anchor.current !== null ? Math.min(anchor.current, index) : index;
    const to = shiftKey && anchor.current !== null ? Math.max(anchor.current, index) : index;
    for (let i = from; i <= to; i++) {
      const id = rows[i]?.id;
      if (!id) continue;
      if (checked) next[id] = true;
      else delete next[id];
    }
    anchor.current = index;
    props.onSelectionChange(next);
  };
  const toggleAll = (checked: boolean) => {
    anchor.current = null;
    props.onSelectionChange(checked ? Object.fromEntries(rows.map((row) => [row.id, true as const])) : {});
  };

  const virtualizer = useVirtualizer({
    count: rows.length + (props.hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => rows[index]?.id ?? "__loader",
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (props.hasMore && !props.loadingMore && !props.loadMoreFailed && lastIndex >= rows.length - PREFETCH_ROWS) {
      props.onLoadMore();
    }
  }, [lastIndex, rows.length, props.hasMore, props.loadingMore, props.loadMoreFailed, props.onLoadMore]);

  // The active cell, kept inside the grid as rows come and go.
  const colCount = layout.length;
  const position: CellPosition = active
    ? { row: Math.min(active.row, rows.length), col: Math.min(active.col, Math.max(0, colCount - 1)) }
    : { row: rows.length > 0 ? 1 : 0, col: Math.min(leading.length, Math.max(0, colCount - 1)) };

  const focusCell = (next: CellPosition) => {
    setActive(next);
    pendingFocus.current = true;
    if (next.row > 0) virtualizer.scrollToIndex(next.row - 1, { align: "auto" });
  };

  useLayoutEffect(() => {
    const root = scrollRef.current;
    if (!root) return;
    // Links inside values (email, url, phone) are reached through their cell, not with Tab.
    for (const link of root.querySelectorAll<HTMLElement>("[role=gridcell] a:not([data-cell])")) link.tabIndex = -1;
    if (!pendingFocus.current) return;
    const target = root.querySelector<HTMLElement>(`[data-cell="${position.row}:${position.col}"]`);
    if (target) {
      pendingFocus.current = false;
      target.focus();
    }
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (editing || event.altKey) return;
    const target = event.target as HTMLElement;
    if (!target.closest("[data-cell]")) return;
    const next = moveFocus(position, event.key, event.ctrlKey || event.metaKey, {
      rows: rows.length,
      cols: colCount,
      pageRows: Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 400) - HEADER_HEIGHT) / ROW_HEIGHT) - 1),
    });
    if (next) {
      event.preventDefault();
      focusCell(next);
      return;
    }
    if ((event.key === "Enter" || event.key === "F2") && position.row > 0) {
      const row = rows[position.row - 1];
      const column = byId.get(layout[position.col]?.id ?? "");
      if (row && column?.editable) {
        event.preventDefault();
        setEditing({ rowId: row.id, columnId: column.id });
      }
    }
  };

  // A click (or Tab) into a cell makes it the active one.
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>("[data-cell]")?.dataset.cell;
    if (!cell) return;
    const [row, col] = cell.split(":").map(Number);
    if (row === undefined || col === undefined || Number.isNaN(row) || Number.isNaN(col)) return;
    if (row !== position.row || col !== position.col) setActive({ row, col });
  };

  const startEdit = (index: number, columnId: string, colIndex: number) => {
    const row = rows[index];
    if (!row || !byId.get(columnId)?.editable) return;
    setActive({ row: index + 1, col: colIndex });
    setEditing({ rowId: row.id, columnId });
  };
  // Stable callbacks for the memoized rows; they call the latest handlers.
  const handlers = useRef({ toggleRow, startEdit });
  handlers.current = { toggleRow, startEdit };
  const onToggleRow = useCallback((index: number, shiftKey: boolean) => handlers.current.toggleRow(index, shiftKey), []);
  const onStartEdit = useCallback(
    (index: number, columnId: string, colIndex: number) => handlers.current.startEdit(index, columnId, colIndex),
    [],
  );
  const stopEdit = () => {
    setEditing(null);
    pendingFocus.current = true;
  };

  // Counted from the selection, not by asking every row (the table's own check walks all of them).
  const selectedCount = useMemo(() => rows.reduce((n, row) => (props.selection[row.id] ? n + 1 : n), 0), [rows, props.selection]);
  const allSelected = rows.length > 0 && selectedCount === rows.length;
  const someSelected = selectedCount > 0 && !allSelected;

  return (
    <div
      ref={scrollRef}
      role="grid"
      aria-label={props.label}
      aria-rowcount={props.rowCount === null ? -1 : props.rowCount + 1}
      aria-colcount={colCount}
      aria-multiselectable={selectable || undefined}
      aria-busy={props.loadingMore || undefined}
      data-ready={props.ready ? "true" : "false"}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      className="relative max-h-[max(24rem,calc(100dvh-19rem))] min-h-64 overflow-auto overscroll-contain rounded-lg border bg-card text-sm"
    >
      <GridHeaderRow
        table={table}
        layout={layout}
        totalWidth={totalWidth}
        byId={byId}
        sort={props.sort}
        onSort={props.onSort}
        columnLabel={props.columnLabel}
        activeCol={position.row === 0 ? position.col : -1}
        selectAll={{
          checked: allSelected ? true : someSelected ? "indeterminate" : false,
          label: t("grid.header.selectAll"),
          onChange: toggleAll,
        }}
        onResizeBy={resizeBy}
        height={HEADER_HEIGHT}
      />
      <div role="rowgroup" className="relative" style={{ height: virtualizer.getTotalSize() - HEADER_HEIGHT, width: totalWidth }}>
        {items.map((item) => {
          const row = rows[item.index];
          const top = item.start - HEADER_HEIGHT;
          if (!row) {
            return (
              <div
                key="__loader"
                role="row"
                aria-rowindex={item.index + 2}
                className="absolute left-0 flex items-center border-b"
                style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT, width: totalWidth }}
              >
                <div
                  role="gridcell"
                  aria-colspan={colCount}
                  className="sticky left-0 flex items-center gap-2 px-3 text-muted-foreground"
                >
                  {props.loadMoreFailed ? (
                    t("grid.grid.loadMoreFailed")
                  ) : (
                    <>
                      <Spinner />
                      {t("grid.grid.loadingMore")}
                    </>
                  )}
                </div>
              </div>
            );
          }
          const rowIndex = item.index + 1;
          return (
            <GridRowView
              key={row.id}
              row={row}
              rowIndex={rowIndex}
              top={top}
              height={ROW_HEIGHT}
              width={totalWidth}
              layout={layout}
              byId={byId}
              selected={props.selection[row.id] === true}
              onToggleSelected={onToggleRow}
              activeCol={position.row === rowIndex ? position.col : -1}
              editingColumn={editing?.rowId === row.id ? editing.columnId : null}
              recentlyChanged={props.recentlyChanged.has(row.id)}
              recordHref={props.recordHref}
              rowTitle={props.rowTitle}
              renderValue={props.renderValue}
              renderEditor={(column) => props.renderEditor(column, row, stopEdit)}
              onStartEdit={onStartEdit}
            />
          );
        })}
      </div>
    </div>
  );
}
