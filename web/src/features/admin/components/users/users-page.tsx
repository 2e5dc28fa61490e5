import { Users } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../../components/ui/table.tsx";
import { useAdminUsersQuery } from "../../api/users.ts";
import { ADMIN_PAGE_SIZE } from "../../lib/paging.ts";
import { ListSearch, ListSkeleton, LoadError, Pager } from "../list-controls.tsx";
import { useAdminDates } from "../use-admin-dates.ts";
import { UserBadges } from "./user-badges.tsx";

/** /admin/users: every account on the platform, searchable by email or name. */
export function AdminUsersPage() {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  const date = useAdminDates();
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const offset = Math.max(0, Number(params.get("offset")) || 0);
  const users = useAdminUsersQuery(search, offset);
  const go = (q: string, at: number) => {
    const next = new URLSearchParams();
    if (q) next.set("q", q);
    if (at > 0) next.set("offset", String(at));
    setParams(next);
  };

  return (
    <div className="grid gap-6">
      <title>{`${t("users.title")} · ${t("platform")} · ${tc("app.name")}`}</title>
      <PageHeader title={t("users.title")} description={t("users.description")} className="mb-0" />
      <ListSearch id="admin-user-search" label={t("users.search")} value={search} onSearch={(q) => go(q, 0)} />
      {users.isPending ? (
        <ListSkeleton />
      ) : users.isError ? (
        <LoadError error={users.error} onRetry={() => void users.refetch()} />
      ) : users.data.items.length === 0 ? (
        <EmptyState
          icon={<Users />}
          title={search ? t("users.noMatch", { search }) : t("users.empty")}
          description={search ? t("tryOther") : undefined}
        />
      ) : (
        <>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("users.columns.email")}</TableHead>
                <TableHead>{t("users.columns.name")}</TableHead>
                <TableHead>{t("users.columns.status")}</TableHead>
                <TableHead>{t("users.columns.mfa")}</TableHead>
                <TableHead className="text-right">{t("users.columns.workspaces")}</TableHead>
                <TableHead>{t("users.columns.lastSignIn")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.data.items.map((user) => (
                <TableRow key={user.id}>
                  <TableCell className="max-w-72">
                    <Link
                      to={`/admin/users/${user.id}`}
                      className="break-all font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                    >
                      {user.email ?? user.id}
                    </Link>
                  </TableCell>
                  <TableCell>{user.full_name || <span className="text-muted-foreground">—</span>}</TableCell>
                  <TableCell>
                    <UserBadges user={user} />
                  </TableCell>
                  <TableCell>{t(`mfa.${user.mfa}`)}</TableCell>
                  <TableCell className="text-right tabular-nums">{user.tenant_count}</TableCell>
                  <TableCell className="whitespace-nowrap">
                    {user.last_sign_in_at ? date(user.last_sign_in_at) : t("never")}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Pager
            offset={offset}
            limit={ADMIN_PAGE_SIZE}
            shown={users.data.items.length}
            total={users.data.total}
            onPage={(at) => go(search, at)}
          />
        </>
      )}
    </div>
  );
}
