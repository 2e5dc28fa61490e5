import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { ConfirmDialog } from "../../../../components/ui/dialog.tsx";
import { Label } from "../../../../components/ui/label.tsx";
import { Select } from "../../../../components/ui/select.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../../components/ui/table.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useAdminDeleteObjectMutation, useAdminObjectsQuery } from "../../api/tenants.ts";
import type { AdminTenantDetail } from "../../lib/admin-types.ts";
import { ADMIN_PAGE_SIZE, objectKey, objectKeyLabel, objectTitle } from "../../lib/paging.ts";
import { ListSkeleton, LoadError, Pager } from "../list-controls.tsx";

/** One table's rows: key, what it is, the whole row on demand, and deleting one. */
function ObjectRows({ tenantId, table }: { tenantId: string; table: string }) {
  const { t } = useTranslation("admin");
  const errorText = useApiErrorText();
  const [offset, setOffset] = useState(0);
  const rows = useAdminObjectsQuery(tenantId, table, offset);
  const remove = useAdminDeleteObjectMutation(tenantId);
  if (rows.isPending) return <ListSkeleton rows={3} />;
  if (rows.isError) return <LoadError error={rows.error} onRetry={() => void rows.refetch()} />;
  const page = rows.data;
  if (page.items.length === 0) return <p className="text-sm text-muted-foreground">{t("objects.none", { table })}</p>;
  return (
    <div className="grid gap-3">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t("objects.key", { columns: page.key.join(", ") })}</TableHead>
            <TableHead>{t("objects.row")}</TableHead>
            <TableHead className="text-right">{t("actions")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {page.items.map((row) => {
            const key = objectKey(row, page.key);
            const label = objectKeyLabel(row, page.key);
            const title = objectTitle(row);
            return (
              <TableRow key={label}>
                <TableCell className="align-top font-mono text-xs break-all">{label}</TableCell>
                <TableCell className="align-top">
                  {title ? <span className="font-medium">{title}</span> : null}
                  <details className="mt-1 text-sm">
                    <summary className="cursor-pointer text-primary">{t("objects.showRow")}</summary>
                    <pre className="mt-2 whitespace-pre-wrap break-all rounded-lg border bg-muted p-3 text-xs">
                      {JSON.stringify(row, null, 2)}
                    </pre>
                  </details>
                </TableCell>
                <TableCell className="text-right align-top">
                  {key ? (
                    <ConfirmDialog
                      trigger={
                        <Button size="sm" variant="outline" aria-label={t("objects.deleteLabel", { key: label })}>
                          {t("objects.delete")}
                        </Button>
                      }
                      title={t("objects.deleteTitle", { table })}
                      description={t("objects.deleteBody", { key: label, table })}
                      confirmLabel={t("objects.delete")}
                      cancelLabel={t("cancel")}
                      onConfirm={() =>
                        remove.mutate(
                          { table, key },
                          {
                            onSuccess: (result) =>
                              toast.success(
                                result.sessions_ended > 0
                                  ? t("objects.deletedSessions", { count: result.sessions_ended })
                                  : t("objects.deleted"),
                              ),
                            onError: (error) => toast.error(errorText(error)),
                          },
                        )
                      }
                    />
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Pager offset={offset} limit={ADMIN_PAGE_SIZE} shown={page.items.length} total={page.total} onPage={setOffset} />
    </div>
  );
}

/** How many rows the tenant has in each tenant table, and a browser over one of them. */
export function TenantObjectsCard({ tenant }: { tenant: AdminTenantDetail }) {
  const { t } = useTranslation("admin");
  const tables = Object.entries(tenant.objects).sort(([a], [b]) => a.localeCompare(b));
  const [table, setTable] = useState<string>("");
  return (
    <Card aria-labelledby="admin-tenant-objects">
      <CardHeader>
        <CardTitle id="admin-tenant-objects">{t("objects.title")}</CardTitle>
        <CardDescription>{t("objects.description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ul className="flex flex-wrap gap-2 text-sm">
          {tables.map(([name, count]) => (
            <li key={name} className="rounded-md border px-2 py-1">
              <span className="font-mono text-xs">{name}</span>{" "}
              <span className="tabular-nums text-muted-foreground">{count}</span>
            </li>
          ))}
        </ul>
        <div className="grid max-w-xs gap-1.5">
          <Label htmlFor="admin-object-table">{t("objects.table")}</Label>
          <Select id="admin-object-table" value={table} onChange={(event) => setTable(event.target.value)}>
            <option value="">{t("objects.choose")}</option>
            {tables.map(([name, count]) => (
              <option key={name} value={name}>
                {t("objects.option", { table: name, count })}
              </option>
            ))}
          </Select>
        </div>
        {table ? <ObjectRows key={table} tenantId={tenant.id} table={table} /> : null}
      </CardContent>
    </Card>
  );
}
