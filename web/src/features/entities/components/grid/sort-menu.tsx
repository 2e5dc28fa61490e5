import { FILTER_LIMITS, type SortKey } from "@flexoffice/shared";
import { ArrowDown, ArrowDownUp, ArrowUp, X } from "lucide-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../../components/ui/button.tsx";
import { Popover, PopoverContent, PopoverTrigger } from "../../../../components/ui/popover.tsx";
import { Select } from "../../../../components/ui/select.tsx";
import { moveSortKey } from "./grid-sort.ts";

type SortMenuProps = {
  sort: SortKey[];
  /** Columns that can be sorted (readable and of an ordered type). */
  options: { id: string; label: string }[];
  onChange: (sort: SortKey[]) => void;
};

/** The sort keys as a list: field, direction, order; the keyboard path to what Shift-click on headers does. */
export function SortMenu({ sort, options, onChange }: SortMenuProps) {
  const { t } = useTranslation("entities");
  const headingId = useId();
  const id = useId();
  const label = (field: string) => options.find((o) => o.id === field)?.label ?? field;
  const unused = options.filter((option) => !sort.some((key) => key.field === option.id));
  const set = (index: number, key: SortKey) => onChange(sort.map((k, i) => (i === index ? key : k)));
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant={sort.length > 0 ? "secondary" : "outline"} size="sm">
          <ArrowDownUp aria-hidden="true" className="size-4" />
          {sort.length > 0 ? t("grid.toolbar.sortActive", { count: sort.length }) : t("grid.toolbar.sort")}
        </Button>
      </PopoverTrigger>
      <PopoverContent aria-labelledby={headingId} className="grid w-[30rem] max-w-[calc(100vw-2rem)] gap-3">
        <div className="grid gap-1">
          <h2 id={headingId} className="text-base font-semibold">
            {t("grid.sort.title")}
          </h2>
          <p className="text-sm text-muted-foreground">{t("grid.sort.hint")}</p>
        </div>
        {sort.length === 0 ? <p className="text-sm">{t("grid.sort.default")}</p> : null}
        <ol className="grid gap-2">
          {sort.map((key, index) => {
            const position = index + 1;
            return (
              <li key={key.field} className="flex items-center gap-2">
                <span className="w-5 text-right text-sm tabular-nums text-muted-foreground" aria-hidden="true">
                  {position}.
                </span>
                <Select
                  aria-label={`${t("grid.sort.key", { position })}: ${t("grid.sort.field")}`}
                  value={key.field}
                  onChange={(event) => set(index, { ...key, field: event.target.value })}
                  className="h-9 flex-1"
                >
                  {[{ id: key.field, label: label(key.field) }, ...unused].map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.label}
                    </option>
                  ))}
                </Select>
                <Select
                  aria-label={`${t("grid.sort.key", { position })}: ${t("grid.sort.direction")}`}
                  value={key.direction}
                  onChange={(event) => set(index, { ...key, direction: event.target.value === "desc" ? "desc" : "asc" })}
                  className="h-9 w-36"
                >
                  <option value="asc">{t("grid.sort.ascending")}</option>
                  <option value="desc">{t("grid.sort.descending")}</option>
                </Select>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  aria-label={t("grid.sort.moveUp", { position })}
                  disabled={index === 0}
                  onClick={() => onChange(moveSortKey(sort, index, -1))}
                >
                  <ArrowUp aria-hidden="true" className="size-4" />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  aria-label={t("grid.sort.moveDown", { position })}
                  disabled={index === sort.length - 1}
                  onClick={() => onChange(moveSortKey(sort, index, 1))}
                >
                  <ArrowDown aria-hidden="true" className="size-4" />
                </Button>
                <Button
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  aria-label={t("grid.sort.remove", { position })}
                  onClick={() => onChange(sort.filter((_, i) => i !== index))}
                >
                  <X aria-hidden="true" className="size-4" />
                </Button>
              </li>
            );
          })}
        </ol>
        <div className="flex flex-wrap items-center gap-2">
          {sort.length < FILTER_LIMITS.maxSortKeys && unused.length > 0 ? (
            <>
              <label htmlFor={id} className="text-sm font-medium">
                {t("grid.sort.add")}
              </label>
              <Select
                id={id}
                value=""
                onChange={(event) => {
                  if (event.target.value) onChange([...sort, { field: event.target.value, direction: "asc" }]);
                }}
                className="h-9 w-56"
              >
                <option value="">{t("grid.sort.addField")}</option>
                {unused.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </>
          ) : sort.length >= FILTER_LIMITS.maxSortKeys ? (
            <p className="text-sm text-muted-foreground">{t("grid.sort.limit", { count: FILTER_LIMITS.maxSortKeys })}</p>
          ) : null}
          {sort.length > 0 ? (
            <Button variant="ghost" size="sm" className="ml-auto" onClick={() => onChange([])}>
              {t("grid.sort.clear")}
            </Button>
          ) : null}
        </div>
      </PopoverContent>
    </Popover>
  );
}
