import { type Filter, measureFilter } from "@flexoffice/shared";
import { ListFilter } from "lucide-react";
import { lazy, Suspense, useId } from "react";
import { useTranslation } from "react-i18next";
import type { FilterBuilderField } from "../../../../components/filter-builder/filter-builder.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Popover, PopoverContent, PopoverTrigger } from "../../../../components/ui/popover.tsx";
import { Skeleton } from "../../../../components/ui/skeleton.tsx";

type FilterPopoverProps = {
  blueprintName: string;
  fields: FilterBuilderField[];
  value: Filter | null;
  onChange: (filter: Filter | null) => void;
};

/** The toolbar's filter: the shared filter builder in a panel; the grid follows each valid change. */
/** The builder's code loads when the grid is on screen (preloadGridTools) or, at the latest, when the popover opens. */
export const loadFilterBuilder = () => import("../../../../components/filter-builder/filter-builder.tsx");
const FilterBuilder = lazy(() => loadFilterBuilder().then((m) => ({ default: m.FilterBuilder })));

export function FilterPopover({ blueprintName, fields, value, onChange }: FilterPopoverProps) {
  const { t } = useTranslation("entities");
  const headingId = useId();
  const conditions = value ? measureFilter(value).conditions : 0;
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant={conditions > 0 ? "secondary" : "outline"} size="sm">
          <ListFilter aria-hidden="true" className="size-4" />
          {conditions > 0 ? t("grid.toolbar.filterActive", { count: conditions }) : t("grid.toolbar.filter")}
        </Button>
      </PopoverTrigger>
      <PopoverContent
        aria-labelledby={headingId}
        className="grid max-h-[70dvh] w-[42rem] max-w-[calc(100vw-2rem)] gap-3 overflow-y-auto"
      >
        <div className="grid gap-1">
          <h2 id={headingId} className="text-base font-semibold">
            {t("grid.toolbar.filterTitle", { name: blueprintName })}
          </h2>
          <p className="text-sm text-muted-foreground">{t("grid.toolbar.filterHint")}</p>
        </div>
        <Suspense fallback={<Skeleton className="h-24 w-full" />}>
          <FilterBuilder
            fields={fields}
            value={value}
            onChange={onChange}
            label={t("grid.toolbar.filterTitle", { name: blueprintName })}
          />
        </Suspense>
        {value ? (
          <div className="flex justify-end">
            <Button variant="ghost" size="sm" onClick={() => onChange(null)}>
              {t("grid.toolbar.clearFilter")}
            </Button>
          </div>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
