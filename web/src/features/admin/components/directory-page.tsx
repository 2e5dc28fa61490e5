import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Table, TableBody, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import type { AdminPage } from "../lib/admin-types.ts";
import { ADMIN_PAGE_SIZE } from "../lib/paging.ts";
import { ListSearch, ListSkeleton, LoadError, Pager } from "./list-controls.tsx";

type DirectoryPageProps<T extends { id: string }> = {
  /** The section of the admin catalogue: its title, description, search label and empty texts. */
  section: "tenants" | "users";
  icon: ReactNode;
  /** One page of the directory for a search (`?q=`) from an offset (`?offset=`). */
  useList: (search: string, offset: number) => UseQueryResult<AdminPage<T>>;
  columns: { label: string; className?: string }[];
  /** The cells of one row, in the order of `columns`. */
  cells: (item: T) => ReactNode;
};

/**
 * A platform directory (/admin/tenants, /admin/users): search and page kept in the address,
 * loading, failure and empty states, the table and the pager.
 */
export function DirectoryPage<T extends { id: string }>({ section, icon, useList, columns, cells }: DirectoryPageProps<T>) {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const list = useList(search, offset);
  const go = (q: string, at: number) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    if (at > 0) next.set("offset", String(at));
    setParams(next);
  };

  return (
    <div className="grid gap-6">
      <title>{`${t(`${section}.title`)} · ${t("platform")} · ${tc("app.name")}`}</title>
      <PageHeader title={t(`${section}.title`)} description={t(`${section}.description`)} className="mb-0" />
      <ListSearch id={`admin-${section}-search`} label={t(`${section}.search`)} value={search} onSearch={(q) => go(q, 0)} />
      {list.isPending ? (
        <ListSkeleton />
      ) : list.isError ? (
        <LoadError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState
          icon={icon}
          title={search ? t(`${section}.noMatch`, { search }) : t(`${section}.empty`)}
          description={search ? t("tryOther") : undefined}
        />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                {columns.map((column) => (
                  <TableHead key={column.label} className={column.className}>
                    {column.label}
                  </TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.data.items.map((item) => (
                <TableRow key={item.id}>{cells(item)}</TableRow>
              ))}
            </TableBody>
          </Table>
          <Pager
            offset={offset}
            limit={ADMIN_PAGE_SIZE}
            shown={list.data.items.length}
            total={list.data.total}
            onPage={(at) => go(search, at)}
          />
        </>
      )}
    </div>
  );
}
