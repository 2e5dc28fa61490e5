// biome-ignore-all lint/a11y/useSemanticElements: a virtualized ARIA grid: rows are absolutely positioned divs, which table elements cannot be
// biome-ignore-all lint/a11y/useFocusableInteractive: cells are reached through the grid's roving tabindex (one cell holds tabIndex 0)
import type { SortKey } from "@flexoffice/shared";
import type { ReactTable } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Checkbox } from "../../../../components/ui/checkbox.tsx";
import { cn } from "../../../../components/ui/cn.ts";
import type { GridRow } from "../../api/entities-page-query.ts";
import { type GridFeatures, OPEN_COLUMN, SELECT_COLUMN } from "./entity-grid.tsx";
import type { GridColumn } from "./grid-columns.ts";
import { sortOf } from "./grid-sort.ts";

type HeaderProps = {
  table: ReactTable<GridFeatures, GridRow>;
  layout: { id: string; width: number }[];
  totalWidth: number;
  byId: Map<string, GridColumn>;
  sort: SortKey[];
  onSort: (field: string, multi: boolean) => void;
  columnLabel: (column: GridColumn) => string;
  activeCol: number;
  selectAll: { checked: boolean | "indeterminate"; label: string; onChange: (checked: boolean) => void };
  onResizeBy: (columnId: string, delta: number) => void;
  height: number;
};

const RESIZE_STEP = 16;

/**
 * The sticky header row: sort buttons (Shift adds a sort key), a keyboard-operable resize
 * handle per column (drag, or focus it and use the arrow keys), and "select all loaded".
 */
export function GridHeaderRow({
  table,
  layout,
  totalWidth,
  byId,
  sort,
  onSort,
  columnLabel,
  activeCol,
  selectAll,
  onResizeBy,
  height,
}: HeaderProps) {
  const { t } = useTranslation("entities");
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const tabIndex = (col: number) => (col === activeCol ? 0 : -1);
  let left = 0;
  return (
    <div role="rowgroup" className="sticky top-0 z-20" style={{ width: totalWidth }}>
      <div role="row" aria-rowindex={1} className="flex border-b bg-muted text-muted-foreground" style={{ height }}>
        {layout.map((cell, col) => {
          const header = headers.find((h) => h.column.id === cell.id);
          const start = left;
          left += cell.width;
          const stickyStyle = { width: cell.width, left: start };
          if (cell.id === SELECT_COLUMN) {
            return (
              <div
                key={cell.id}
                role="columnheader"
                aria-colindex={col + 1}
                className="sticky z-10 flex shrink-0 items-center justify-center bg-muted"
                style={stickyStyle}
              >
                <Checkbox
                  data-cell={`0:${col}`}
                  tabIndex={tabIndex(col)}
                  aria-label={selectAll.label}
                  checked={selectAll.checked}
                  onCheckedChange={(value) => selectAll.onChange(value === true)}
                />
              </div>
            );
          }
          if (cell.id === OPEN_COLUMN) {
            return (
              <div
                key={cell.id}
                role="columnheader"
                aria-colindex={col + 1}
                data-cell={`0:${col}`}
                tabIndex={tabIndex(col)}
                className="sticky z-10 flex shrink-0 items-center justify-center border-r bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring"
                style={stickyStyle}
              >
                <span className="sr-only">{t("grid.columns.open")}</span>
              </div>
            );
          }
          const column = byId.get(cell.id);
          if (!column) return null;
          const label = columnLabel(column);
          const sorted = sortOf(sort, column.id);
          const SortIcon = sorted ? (sorted.direction === "asc" ? ArrowUp : ArrowDown) : ArrowUpDown;
          const state = sorted
            ? [
                sorted.direction === "asc" ? t("grid.header.sortedAscending") : t("grid.header.sortedDescending"),
                sort.length > 1 ? t("grid.header.sortPosition", { position: sorted.position }) : null,
              ]
                .filter(Boolean)
                .join(", ")
            : "";
          const onResizeKey = (event: KeyboardEvent<HTMLElement>) => {
            if (!event.altKey || (event.key !== "ArrowLeft" && event.key !== "ArrowRight")) return;
            event.preventDefault();
            event.stopPropagation();
            onResizeBy(column.id, event.key === "ArrowLeft" ? -RESIZE_STEP : RESIZE_STEP);
          };
          const resizeHandler = header?.getResizeHandler();
          return (
            <div
              key={cell.id}
              role="columnheader"
              aria-colindex={col + 1}
              aria-sort={sorted?.position === 1 ? (sorted.direction === "asc" ? "ascending" : "descending") : undefined}
              className="relative flex shrink-0 items-center border-r font-medium"
              style={{ width: cell.width }}
            >
              {column.sortable ? (
                <button
                  type="button"
                  data-cell={`0:${col}`}
                  tabIndex={tabIndex(col)}
                  onClick={(event) => onSort(column.id, event.shiftKey)}
                  onKeyDown={onResizeKey}
                  aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
                  title={`${t("grid.sort.hint")} ${t("grid.header.resize", { label })}`}
                  className="flex h-full min-w-0 flex-1 cursor-pointer items-center gap-1.5 px-3 text-left hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring"
                >
                  <span className="truncate">{label}</span>
                  <SortIcon aria-hidden="true" className={cn("size-3.5 shrink-0", sorted ? "text-foreground" : "opacity-40")} />
                  {sorted && sort.length > 1 ? (
                    <span aria-hidden="true" className="text-xs tabular-nums text-foreground">
                      {sorted.position}
                    </span>
                  ) : null}
                  {state ? <span className="sr-only">, {state}</span> : null}
                </button>
              ) : (
                // biome-ignore lint/a11y/noStaticElementInteractions: the header's focus target in the grid; Alt+arrows resize
                <span
                  data-cell={`0:${col}`}
                  tabIndex={tabIndex(col)}
                  onKeyDown={onResizeKey}
                  aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight"
                  className="flex h-full min-w-0 flex-1 items-center px-3 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-ring"
                >
                  <span className="truncate">{label}</span>
                </span>
              )}
              {header?.column.getCanResize() ? (
                // The drag handle; keyboard users resize with Alt+Left/Right on the header (aria-keyshortcuts).
                <div
                  aria-hidden="true"
                  onMouseDown={resizeHandler}
                  onTouchStart={resizeHandler}
                  onDoubleClick={() => header.column.resetSize()}
                  className={cn(
                    "absolute top-0 right-0 z-10 h-full w-2 translate-x-1 cursor-col-resize touch-none select-none hover:bg-primary/40",
                    header.column.getIsResizing() && "bg-primary",
                  )}
                />
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
