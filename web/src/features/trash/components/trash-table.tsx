import { Boxes, FileText } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { daysLeft, purgeDate, type TrashItem } from "../lib/trash-items.ts";

export type TrashRowRights = { restore: (item: TrashItem) => boolean; purge: boolean };

type TrashTableProps = {
  items: TrashItem[];
  people: Record<string, string>;
  retentionDays: number;
  rights: TrashRowRights;
  selected: ReadonlySet<string>;
  onSelect: (ids: string[], on: boolean) => void;
  onRestore: (item: TrashItem) => void;
  onPurge: (item: TrashItem) => void;
  restoring: ReadonlySet<string>;
};

/** What was deleted, by whom and when, how long it stays, and what the member may do with it. */
export function TrashTable({
  items,
  people,
  retentionDays,
  rights,
  selected,
  onSelect,
  onRestore,
  onPurge,
  restoring,
}: TrashTableProps) {
  const { t } = useTranslation("trash");
  const tenant = useTenant();
  const selectable = items.filter((item) => rights.purge || rights.restore(item));
  const allSelected = selectable.length > 0 && selectable.every((item) => selected.has(item.id));
  const someSelected = selectable.some((item) => selected.has(item.id));
  const withSelection = selectable.length > 0;

  return (
    <Table>
      <TableHeader>
        <TableRow>
          {withSelection ? (
            <TableHead className="w-10">
              <Checkbox
                aria-label={t("selectAll")}
                checked={allSelected ? true : someSelected ? "indeterminate" : false}
                onCheckedChange={(checked) =>
                  onSelect(
                    selectable.map((item) => item.id),
                    checked === true,
                  )
                }
              />
            </TableHead>
          ) : null}
          <TableHead>{t("columns.item")}</TableHead>
          <TableHead>{t("columns.deletedBy")}</TableHead>
          <TableHead>{t("columns.deletedAt")}</TableHead>
          <TableHead>{t("columns.purgeIn")}</TableHead>
          <TableHead className="text-right">{t("columns.actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((item) => {
          const canRestore = rights.restore(item);
          const left = daysLeft(item.deletedAt, retentionDays);
          const Icon = item.kind === "blueprint" ? Boxes : FileText;
          return (
            <TableRow key={`${item.kind}:${item.id}`} data-state={selected.has(item.id) ? "selected" : undefined}>
              {withSelection ? (
                <TableCell>
                  {canRestore || rights.purge ? (
                    <Checkbox
                      aria-label={t("selectItem", { title: item.title })}
                      checked={selected.has(item.id)}
                      onCheckedChange={(checked) => onSelect([item.id], checked === true)}
                    />
                  ) : null}
                </TableCell>
              ) : null}
              <TableCell className="min-w-56">
                <div className="flex items-start gap-2">
                  <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
                  <div className="grid gap-0.5">
                    <span className="font-medium">{item.title}</span>
                    <span className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
                      <Badge variant="outline">{t(`kind.${item.kind}`)}</Badge>
                      {item.kind === "blueprint"
                        ? t("withRecords", { count: item.entityCount })
                        : t("inBlueprint", { blueprint: item.blueprintName })}
                    </span>
                    {item.withBlueprint ? (
                      <span className="text-xs text-muted-foreground">
                        {t("withBlueprint", { blueprint: item.blueprintName })}
                      </span>
                    ) : null}
                  </div>
                </div>
              </TableCell>
              <TableCell className="max-w-48 break-words">
                {item.deletedBy ? (people[item.deletedBy] ?? t("unknownPerson")) : t("unknownPerson")}
              </TableCell>
              <TableCell className="whitespace-nowrap">{tenant.formatDateTime(item.deletedAt)}</TableCell>
              <TableCell className="whitespace-nowrap">
                <span title={t("purgeOn", { date: tenant.formatDateTime(purgeDate(item.deletedAt, retentionDays)) })}>
                  {left === 0 ? t("dueNow") : t("daysLeft", { count: left })}
                </span>
              </TableCell>
              <TableCell>
                <div className="flex justify-end gap-2">
                  {canRestore ? (
                    <Button
                      size="sm"
                      variant="outline"
                      aria-label={t("restoreItem", { title: item.title })}
                      loading={restoring.has(item.id)}
                      onClick={() => onRestore(item)}
                    >
                      {t("restore")}
                    </Button>
                  ) : null}
                  {rights.purge ? (
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={t("purgeItem", { title: item.title })}
                      onClick={() => onPurge(item)}
                    >
                      <span className="text-destructive">{t("purge")}</span>
                    </Button>
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
