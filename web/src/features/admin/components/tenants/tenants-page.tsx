import { Building2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../../components/ui/table.tsx";
import { useAdminTenantsQuery } from "../../api/tenants.ts";
import { ADMIN_PAGE_SIZE } from "../../lib/paging.ts";
import { ListSearch, ListSkeleton, LoadError, Pager } from "../list-controls.tsx";
import { useAdminDates } from "../use-admin-dates.ts";

/** /admin/tenants: every workspace on the platform, searchable by name or address. */
export function AdminTenantsPage() {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  const date = useAdminDates();
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const tenants = useAdminTenantsQuery(search, offset);
  const go = (q: string, at: number) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    if (at > 0) next.set("offset", String(at));
    setParams(next);
  };

  return (
    <div className="grid gap-6">
      <title>{`${t("tenants.title")} · ${t("platform")} · ${tc("app.name")}`}</title>
      <PageHeader title={t("tenants.title")} description={t("tenants.description")} className="mb-0" />
      <ListSearch id="admin-tenant-search" label={t("tenants.search")} value={search} onSearch={(q) => go(q, 0)} />
      {tenants.isPending ? (
        <ListSkeleton />
      ) : tenants.isError ? (
        <LoadError error={tenants.error} onRetry={() => void tenants.refetch()} />
      ) : tenants.data.items.length === 0 ? (
        <EmptyState
          icon={<Building2 />}
          title={search ? t("tenants.noMatch", { search }) : t("tenants.empty")}
          description={search ? t("tryOther") : undefined}
        />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("tenants.columns.name")}</TableHead>
                <TableHead>{t("tenants.columns.slug")}</TableHead>
                <TableHead className="text-right">{t("tenants.columns.members")}</TableHead>
                <TableHead className="text-right">{t("tenants.columns.admins")}</TableHead>
                <TableHead>{t("tenants.columns.created")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tenants.data.items.map((tenant) => (
                <TableRow key={tenant.id}>
                  <TableCell>
                    <Link
                      to={`/admin/tenants/${tenant.id}`}
                      className="font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    >
                      {tenant.name}
                    </Link>
                  </TableCell>
                  <TableCell className="font-mono text-xs">/t/{tenant.slug}</TableCell>
                  <TableCell className="text-right tabular-nums">{tenant.member_count}</TableCell>
                  <TableCell className="text-right tabular-nums">{tenant.admin_count}</TableCell>
                  <TableCell className="whitespace-nowrap">{date(tenant.created_at)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pager
            offset={offset}
            limit={ADMIN_PAGE_SIZE}
            shown={tenants.data.items.length}
            total={tenants.data.total}
            onPage={(at) => go(search, at)}
          />
        </>
      )}
    </div>
  );
}
