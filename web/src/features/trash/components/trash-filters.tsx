import { useTranslation } from "react-i18next";
import { Label } from "../../../components/ui/label.tsx";
import { Select } from "../../../components/ui/select.tsx";
import type { TrashFilter, TrashKind } from "../lib/trash-items.ts";

/** Kind and blueprint filters over the loaded trash. */
export function TrashFilters({
  filter,
  blueprints,
  onChange,
}: {
  filter: TrashFilter;
  blueprints: { id: string; name: string }[];
  onChange: (filter: TrashFilter) => void;
}) {
  const { t } = useTranslation("trash");
  return (
    <fieldset className="flex flex-wrap items-end gap-4">
      <legend className="sr-only">{t("filters.label")}</legend>
      <div className="grid gap-1.5">
        <Label htmlFor="trash-kind">{t("filters.kind")}</Label>
        <Select
          id="trash-kind"
          className="w-56"
          value={filter.kind}
          onChange={(event) => onChange({ ...filter, kind: event.target.value as TrashKind | "all" })}
        >
          <option value="all">{t("filters.kinds.all")}</option>
          <option value="blueprint">{t("filters.kinds.blueprint")}</option>
          <option value="entity">{t("filters.kinds.entity")}</option>
        </Select>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor="trash-blueprint">{t("filters.blueprint")}</Label>
        <Select
          id="trash-blueprint"
          className="w-56"
          value={filter.blueprintId}
          onChange={(event) => onChange({ ...filter, blueprintId: event.target.value })}
        >
          <option value="all">{t("filters.allBlueprints")}</option>
          {blueprints.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </Select>
      </div>
    </fieldset>
  );
}
