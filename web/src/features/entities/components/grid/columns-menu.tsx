import { ArrowLeft, ArrowRight, Columns3 } from "lucide-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../../components/ui/button.tsx";
import { Checkbox } from "../../../../components/ui/checkbox.tsx";
import { Label } from "../../../../components/ui/label.tsx";
import { Popover, PopoverContent, PopoverTrigger } from "../../../../components/ui/popover.tsx";
import { type GridColumn, moveColumn, toggleColumn } from "./grid-columns.ts";

type ColumnsMenuProps = {
  columns: GridColumn[];
  visible: string[];
  columnLabel: (column: GridColumn) => string;
  /** The new visible list; null: every column again. */
  onChange: (visible: string[] | null) => void;
};

/** Which columns the grid shows, and their order (buttons, so it works without dragging). */
export function ColumnsMenu({ columns, visible, columnLabel, onChange }: ColumnsMenuProps) {
  const { t } = useTranslation("entities");
  const headingId = useId();
  const hidden = columns.length - visible.length;
  // Visible columns in display order, then the hidden ones in blueprint order.
  const listed = [
    ...visible.map((id) => columns.find((c) => c.id === id)).filter((c): c is GridColumn => Boolean(c)),
    ...columns.filter((c) => !visible.includes(c.id)),
  ];
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant={hidden > 0 ? "secondary" : "outline"} size="sm">
          <Columns3 aria-hidden="true" className="size-4" />
          {hidden > 0 ? t("grid.toolbar.columnsHidden", { count: hidden }) : t("grid.toolbar.columns")}
        </Button>
      </PopoverTrigger>
      <PopoverContent
        aria-labelledby={headingId}
        className="grid max-h-[70dvh] w-80 max-w-[calc(100vw-2rem)] gap-3 overflow-y-auto"
      >
        <div className="grid gap-1">
          <h2 id={headingId} className="text-base font-semibold">
            {t("grid.columns.title")}
          </h2>
          <p className="text-sm text-muted-foreground">{t("grid.columns.hint")}</p>
        </div>
        <ul className="grid gap-1">
          {listed.map((column) => {
            const label = columnLabel(column);
            const shown = visible.includes(column.id);
            const index = visible.indexOf(column.id);
            const checkboxId = `grid-column-${column.id}`;
            return (
              <li key={column.id} className="flex items-center gap-2 rounded-md px-1 py-0.5 hover:bg-muted">
                <Checkbox
                  id={checkboxId}
                  aria-label={t("grid.columns.show", { label })}
                  checked={shown}
                  disabled={shown && visible.length === 1}
                  onCheckedChange={(value) => onChange(toggleColumn(columns, visible, column.id, value === true))}
                />
                <Label htmlFor={checkboxId} className="flex-1 py-1.5 font-normal">
                  {label}
                </Label>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={t("grid.columns.moveLeft", { label })}
                  disabled={!shown || index === 0}
                  onClick={() => onChange(moveColumn(visible, column.id, -1))}
                >
                  <ArrowLeft aria-hidden="true" className="size-4" />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-7"
                  aria-label={t("grid.columns.moveRight", { label })}
                  disabled={!shown || index === visible.length - 1}
                  onClick={() => onChange(moveColumn(visible, column.id, 1))}
                >
                  <ArrowRight aria-hidden="true" className="size-4" />
                </Button>
              </li>
            );
          })}
        </ul>
        {hidden > 0 ? (
          <Button variant="ghost" size="sm" onClick={() => onChange(null)}>
            {t("grid.columns.reset")}
          </Button>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
